// bench/collab's measuring side, the same for both servers: N WebSocket clients in one room, one of
// them sending an edit at a fixed rate, the others timing each edit's delivery. Sender and
// receivers share this process's clock, so a delivery's latency is its arrival minus the moment
// the sender handed the edit to its socket. Receivers only find the edit's number in the raw
// message (no decoding), so the client's own cost is the same for both servers and small.
//
//   node clients.mjs CONFIG.json   ->  one JSON line with the figures
//
// With BENCH_COLLAB_DUMP=PREFIX in the environment it also writes every measured delivery to
// PREFIX-<target>-<clients>.json as [edit, receiver, group, latency ms, sent at (epoch ms)], to
// tell a few late edits from a slow receiver, or to line late edits up with other traces.
//
// CONFIG: { target: "autograph" | "yjs", sockets: [{ url, headers?, group? }] (the first one sends;
//           group: a label whose receivers get figures of their own, e.g. the instance),
//           rate, warmupSeconds, seconds, padTo? (yjs: the byte size to pad each update to),
//           cpuPids? (the server processes whose CPU time per delivered message to report) }
import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const { target, sockets, rate, warmupSeconds, seconds } = config
const autograph = target === 'autograph'
// Each edit carries its number after this marker: in AutoGraph's op message (its op_id), in the
// Yjs update (a string value, stored verbatim as UTF-8).
const MARK = Buffer.from(autograph ? '"op_id":"m' : '#m')
const CONNECT_AT_ONCE = 10
const DRAIN_MS = 10_000
const fail = (message) => { console.error(message); process.exit(1) }

const warmup = Math.round(rate * warmupSeconds)
const measured = Math.round(rate * seconds)
const total = warmup + measured
const sentAt = new Float64Array(total).fill(NaN)
const latencies = []
const byGroup = {}
let deliveredBytes = 0
let errors = 0
let firstMeasuredArrival = Infinity
let lastMeasuredArrival = 0

function editNumber (data) {
  const at = data.indexOf(MARK)
  if (at < 0) return -1
  let n = 0
  let i = at + MARK.length
  for (; i < data.length && data[i] >= 48 && data[i] <= 57; i++) n = n * 10 + data[i] - 48
  return i === at + MARK.length ? -1 : n
}

const dumpPrefix = process.env.BENCH_COLLAB_DUMP
const deliveries = []

function received (data, now, group, receiver) {
  const n = editNumber(data)
  if (n < 0 || n >= total || Number.isNaN(sentAt[n])) return
  if (n >= warmup) {
    if (dumpPrefix) deliveries.push([n, receiver, group || '', now - sentAt[n], performance.timeOrigin + sentAt[n]])
    latencies.push(now - sentAt[n])
    if (group) (byGroup[group] ||= []).push(now - sentAt[n])
    deliveredBytes += data.length
    firstMeasuredArrival = Math.min(firstMeasuredArrival, now)
    lastMeasuredArrival = Math.max(lastMeasuredArrival, now)
  }
}

/**
 * Opens one socket; resolves once the server has greeted it (welcome / sync step 1). `receiving`:
 * the receiver's number (from 1), or 0 for the sender.
 */
function open ({ url, headers, group }, receiving) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: headers || {} })
    let ready = false
    const timer = setTimeout(() => reject(new Error(`no greeting from ${url} in 60 s`)), 60_000)
    socket.on('message', (data) => {
      const now = performance.now()
      if (!ready) {
        ready = true
        clearTimeout(timer)
        resolve(socket)
        return
      }
      if (autograph && data.indexOf('"type":"error"') >= 0) {
        errors++
        if (errors <= 3) console.error(`error from the server: ${data}`)
      }
      if (receiving) received(data, now, group, receiving)
    })
    socket.on('error', (error) => { clearTimeout(timer); reject(error) })
    socket.on('close', (code) => { if (!ready) reject(new Error(`${url} closed with ${code}`)) })
  })
}

async function openAll () {
  const opened = new Array(sockets.length)
  let next = 0
  async function worker () {
    while (next < sockets.length) {
      const i = next++
      opened[i] = await open(sockets[i], i)
    }
  }
  await Promise.all(Array.from({ length: CONNECT_AT_ONCE }, worker))
  return opened
}

// ---- the sender's edits

function autographSender (socket) {
  const add = { type: 'op', op_id: 'setup', ops: [{ op: 'add', shape: { id: 'bench', type: 'rectangle', x: 0, y: 0, width: 120, height: 60 } }] }
  socket.send(JSON.stringify(add))
  return (n) => {
    socket.send(JSON.stringify({ type: 'op', op_id: 'm' + n, ops: [{ op: 'update', id: 'bench', set: { x: n % 1000 } }] }))
  }
}

function yjsSender (socket, padTo) {
  const doc = new Y.Doc()
  const shapes = doc.getMap('shapes')
  let outgoing = null
  doc.on('update', (update) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0) // y-websocket's messageSync
    syncProtocol.writeUpdate(encoder, update)
    outgoing = encoding.toUint8Array(encoder)
  })
  const shape = new Y.Map()
  shapes.set('bench', shape)
  socket.send(outgoing)
  // The update of one move: the shape's x and the edit's number, padded to the size of
  // AutoGraph's message for the same edit (measured in the same run).
  const edit = (n, mark, pad) => doc.transact(() => { shape.set('x', n % 1000); shape.set('edit', `#${mark}${n}#` + pad) })
  edit(0, 'c', '')
  socket.send(outgoing)
  const base = outgoing.length
  const pad = 'p'.repeat(Math.max(0, (padTo || 0) - base))
  return (n) => {
    edit(n, 'm', pad)
    socket.send(outgoing)
  }
}

// ---- the run

/** CPU time (user + system, clock ticks) the server processes spent so far, from /proc. */
function cpuTicks () {
  let ticks = 0
  for (const pid of config.cpuPids || []) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks
}

function percentile (sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN
}

const opened = await openAll().catch((error) => fail(`connecting failed: ${error.message}`))
const sender = opened[0]
// AutoGraph's room closes a socket it has heard nothing from for COLLAB_HEARTBEAT_TIMEOUT (60 s);
// the app pings, so the clients do too, and a warm-up may be longer than that.
const heartbeat = autograph
  ? setInterval(() => { for (const socket of opened) socket.send('{"type":"ping"}') }, 20_000)
  : null
const send = autograph ? autographSender(sender) : yjsSender(sender, config.padTo)
await new Promise((resolve) => setTimeout(resolve, 200))

const period = 1000 / rate
const start = performance.now()
let ticksAtStart = 0
await new Promise((resolve) => {
  let n = 0
  const tick = () => {
    while (n < total && performance.now() >= start + n * period) {
      if (n === warmup) ticksAtStart = cpuTicks()
      sentAt[n] = performance.now()
      send(n)
      n++
    }
    if (n >= total) return resolve()
    setTimeout(tick, Math.max(0, start + n * period - performance.now()))
  }
  tick()
})
const receivers = sockets.length - 1
const expected = measured * receivers
const drainUntil = performance.now() + DRAIN_MS
while (latencies.length < expected && performance.now() < drainUntil) {
  await new Promise((resolve) => setTimeout(resolve, 20))
}
const serverTicks = cpuTicks() - ticksAtStart
clearInterval(heartbeat)
for (const socket of opened) socket.terminate()

latencies.sort((a, b) => a - b)
if (dumpPrefix) writeFileSync(`${dumpPrefix}-${target}-${sockets.length}.json`, JSON.stringify(deliveries))
const span = (lastMeasuredArrival - firstMeasuredArrival) / 1000
console.log(JSON.stringify({
  target,
  clients: sockets.length,
  rate,
  seconds,
  delivered: latencies.length,
  expected,
  lost: expected - latencies.length,
  errors,
  p50: percentile(latencies, 0.5),
  p99: percentile(latencies, 0.99),
  max: latencies.length ? latencies[latencies.length - 1] : NaN,
  messagesPerSecond: span > 0 ? latencies.length / span : NaN,
  messageBytes: latencies.length ? deliveredBytes / latencies.length : NaN,
  extensions: sender.extensions || '',
  // USER_HZ is 100 on Linux: a tick is 10 ms.
  serverCpuMicrosPerMessage: latencies.length ? serverTicks * 10_000 / latencies.length : NaN,
  groups: Object.fromEntries(Object.entries(byGroup).map(([group, list]) => {
    list.sort((a, b) => a - b)
    return [group, { delivered: list.length, p50: percentile(list, 0.5), p99: percentile(list, 0.99) }]
  }))
}))
process.exit(0)
