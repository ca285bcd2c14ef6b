// Reads a delivery dump of clients.mjs (BENCH_COLLAB_DUMP) and tells what makes its tail: a few
// edits late for every receiver (something stalled the whole path: a pause, a busy core), or the
// last receivers of every edit (the fan-out itself). For late edits it also finds the period they
// recur with, if any: a periodic stall elsewhere on the machine shows up as a strong period.
//
//   node late-edits.mjs /tmp/x-autograph-50.json [LATE_MS]
//
// LATE_MS: an edit is late when even its first delivery took longer (default: twice the median
// first delivery).
import { readFileSync } from 'node:fs'

const [file, lateArg] = process.argv.slice(2)
if (!file) {
  console.error('usage: node late-edits.mjs DUMP.json [LATE_MS]')
  process.exit(2)
}
let deliveries
try {
  deliveries = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.error(`cannot read the dump ${file}: ${error.message}`)
  process.exit(1)
}
const edits = new Map()
for (const [edit, , , latency, sentAt] of deliveries) {
  const entry = edits.get(edit) || { sentAt, first: Infinity, last: 0 }
  entry.first = Math.min(entry.first, latency)
  entry.last = Math.max(entry.last, latency)
  edits.set(edit, entry)
}
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
const all = deliveries.map((d) => d[3])
const firsts = [...edits.values()].map((e) => e.first)
const lasts = [...edits.values()].map((e) => e.last)
const p99 = quantile(all, 0.99)
const late = Number(lateArg) || 2 * quantile(firsts, 0.5)
const fmt = (x) => x.toFixed(2)

console.log(`${deliveries.length} deliveries of ${edits.size} edits; p50 ${fmt(quantile(all, 0.5))} ms, p99 ${fmt(p99)} ms`)
console.log(`first delivery of an edit: p50 ${fmt(quantile(firsts, 0.5))}, p90 ${fmt(quantile(firsts, 0.9))}, p99 ${fmt(quantile(firsts, 0.99))} ms`)
console.log(`last delivery of an edit:  p50 ${fmt(quantile(lasts, 0.5))}, p90 ${fmt(quantile(lasts, 0.9))}, p99 ${fmt(quantile(lasts, 0.99))} ms`)
const overP99 = new Map()
for (const [edit, , , latency] of deliveries) if (latency >= p99) overP99.set(edit, (overP99.get(edit) || 0) + 1)
console.log(`deliveries at or above p99 come from ${overP99.size} edits`)

const lateEdits = [...edits.values()].filter((e) => e.first > late)
console.log(`late edits (first delivery over ${fmt(late)} ms): ${lateEdits.length} of ${edits.size}`)
if (lateEdits.length >= 5) {
  // The period (0.2-2 s, 0.5 ms steps) at which the late edits' send times line up best, and how
  // well: 1 when every late edit falls at the same phase, about 1/sqrt(n) for random times.
  const t0 = Math.min(...lateEdits.map((e) => e.sentAt))
  const times = lateEdits.map((e) => (e.sentAt - t0) / 1000)
  const candidates = []
  for (let period = 0.2; period <= 2; period += 0.0005) {
    let c = 0
    let s = 0
    for (const t of times) {
      c += Math.cos((2 * Math.PI * t) / period)
      s += Math.sin((2 * Math.PI * t) / period)
    }
    candidates.push({ strength: Math.hypot(c, s) / times.length, period })
  }
  // Times that recur every T line up as well at T/2, T/3...: the longest period that does about
  // as well as the best one is the recurrence itself.
  const strongest = Math.max(...candidates.map((c) => c.strength))
  const best = candidates.filter((c) => c.strength >= 0.9 * strongest).at(-1)
  console.log(`they recur best every ${(best.period * 1000).toFixed(1)} ms (phase coherence ${best.strength.toFixed(2)};`
    + ` random times give about ${(1 / Math.sqrt(times.length)).toFixed(2)})`)
}
