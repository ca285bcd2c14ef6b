// bench/collab's measuring side, the same for both servers: for each server, N WebSocket clients in
// one room, one of them sending an edit at a fixed rate, the others timing each edit's delivery.
// Sender and receivers share this process's clock, so a delivery's latency is its arrival minus the
// moment the sender handed the edit to its socket. Receivers only find the edit's number in the raw
// message (no decoding), so the client's own cost is the same for both servers and small.
//
// The servers take turns in short windows (A B B A A B ...), each idle while the other is measured,
// so both meet the same minute of the machine: on a 2-core VM the tail of a window is made by what
// else runs then (the kernel's DAMON bursts above all), and two windows a minute apart differ more
// than the two servers do. A window ends when every receiver has its edits, so one server's late
// deliveries never overlap the other's window.
//
//   node clients.mjs CONFIG.json   ->  one JSON line with the figures per server
//
// With BENCH_COLLAB_DUMP=PREFIX in the environment it also writes every measured delivery to
// PREFIX-<target>-<clients>.json as [edit, receiver, group, latency ms, sent at (epoch ms)], to
// tell a few late edits from a slow receiver, or to line late edits up with other traces.
//
// CONFIG: { rate, warmupSeconds, seconds, windowSeconds,
//           targets: [{ target: "autograph" | "yjs", sockets: [{ url, headers?, group? }] (the first
//                       one sends; group: a label whose receivers get figures of their own, e.g. the
//                       instance), cpuPids? (the server processes whose CPU time per delivered
//                       message to report) }] }
// The first target opens; a "yjs" target's updates are padded to the size of the first target's
// messages as its first window delivered them.
import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const { rate, warmupSeconds, seconds, windowSeconds } = config
const CONNECT_AT_ONCE = 10
const DRAIN_MS = 10_000
// AutoGraph's room closes a socket it has heard nothing from for COLLAB_HEARTBEAT_TIMEOUT (60 s);
// the app pings, so the clients do too, and a warm-up may be longer than that.
const PING_EVERY_MS = 20_000
const fail = (message) => { console.error(message); process.exit(1) }

const perWindow = Math.max(1, Math.round(rate * windowSeconds))
const warmupWindows = Math.ceil(warmupSeconds / windowSeconds)
const measuredWindows = Math.max(1, Math.ceil(seconds / windowSeconds))
const warmup = perWindow * warmupWindows
const total = warmup + perWindow * measuredWindows
const dumpPrefix = process.env.BENCH_COLLAB_DUMP

/** Waits for `promise`, or `ms` at most. */
async function atMost (ms, promise) {
  let timer
  await Promise.race([promise, new Promise((resolve) => { timer = setTimeout(resolve, ms) })])
  clearTimeout(timer)
}

function percentile (sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN
}

/** CPU time (user + system, clock ticks) the given processes spent so far, from /proc. */
function cpuTicks (pids) {
  let ticks = 0
  for (const pid of pids || []) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks
}

/** One server's room: its sockets, its edits and what its receivers measured. */
class Room {
  constructor ({ target, sockets, cpuPids }) {
    this.target = target
    this.autograph = target === 'autograph'
    this.sockets = sockets
    this.cpuPids = cpuPids
    // Each edit carries its number after this marker: in AutoGraph's op message (its op_id), in
    // the Yjs update (a string value, stored verbatim as UTF-8).
    this.mark = Buffer.from(this.autograph ? '"op_id":"m' : '#m')
    this.sentAt = new Float64Array(total).fill(NaN)
    this.next = 0
    this.latencies = []
    this.byGroup = {}
    this.deliveries = []
    this.deliveredBytes = 0
    this.errors = 0
    this.ticks = 0
    this.arrivalSeconds = 0
    // The window in progress: edits from `windowFirst` on, deliveries so far, first and last arrival.
    this.windowFirst = 0
    this.windowDelivered = 0
    this.windowBytes = 0
    this.windowExpected = 0
    this.windowDone = null
    this.firstArrival = Infinity
    this.lastArrival = 0
    this.lastPing = performance.now()
    this.pongs = 0
    this.pongsDone = null
  }

  editNumber (data) {
    const at = data.indexOf(this.mark)
    if (at < 0) return -1
    let n = 0
    let i = at + this.mark.length
    for (; i < data.length && data[i] >= 48 && data[i] <= 57; i++) n = n * 10 + data[i] - 48
    return i === at + this.mark.length ? -1 : n
  }

  received (data, now, group, receiver) {
    const n = this.editNumber(data)
    if (n < 0 || n >= total || Number.isNaN(this.sentAt[n])) return
    const latency = now - this.sentAt[n]
    if (n >= warmup) {
      if (dumpPrefix) this.deliveries.push([n, receiver, group || '', latency, performance.timeOrigin + this.sentAt[n]])
      this.latencies.push(latency)
      if (group) (this.byGroup[group] ||= []).push(latency)
      this.deliveredBytes += data.length
    }
    if (n >= this.windowFirst) {
      this.windowBytes += data.length
      this.firstArrival = Math.min(this.firstArrival, now)
      this.lastArrival = Math.max(this.lastArrival, now)
      if (++this.windowDelivered === this.windowExpected && this.windowDone) this.windowDone()
    }
  }

  /** Opens one socket; resolves once the server has greeted it (welcome / sync step 1). */
  open ({ url, headers, group }, receiver) {
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
        if (this.autograph && this.pongsDone && data.indexOf('"type":"pong"') >= 0 && ++this.pongs === this.opened.length) {
          this.pongsDone()
        }
        if (this.autograph && data.indexOf('"type":"error"') >= 0) {
          this.errors++
          if (this.errors <= 3) console.error(`error from the server: ${data}`)
        }
        if (receiver) this.received(data, now, group, receiver)
      })
      socket.on('error', (error) => { clearTimeout(timer); reject(error) })
      socket.on('close', (code) => { if (!ready) reject(new Error(`${url} closed with ${code}`)) })
    })
  }

  async openAll () {
    this.opened = new Array(this.sockets.length)
    let next = 0
    const worker = async () => {
      while (next < this.sockets.length) {
        const i = next++
        this.opened[i] = await this.open(this.sockets[i], i)
      }
    }
    await Promise.all(Array.from({ length: CONNECT_AT_ONCE }, worker))
  }

  /** Prepares the sender; `padTo`: the byte size to pad Yjs updates to. */
  async prepare (padTo) {
    this.send = this.autograph ? autographSender(this.opened[0]) : yjsSender(this.opened[0], padTo)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  /** One window: perWindow edits at the rate, then waits until every receiver has them. */
  async window () {
    const measured = this.next >= warmup
    const receivers = this.sockets.length - 1
    this.windowFirst = this.next
    this.windowDelivered = 0
    this.windowBytes = 0
    this.windowExpected = perWindow * receivers
    this.firstArrival = Infinity
    this.lastArrival = 0
    const drained = new Promise((resolve) => { this.windowDone = resolve })
    const ticksBefore = measured ? cpuTicks(this.cpuPids) : 0
    const period = 1000 / rate
    const start = performance.now()
    const end = this.next + perWindow
    await new Promise((resolve) => {
      const tick = () => {
        while (this.next < end && performance.now() >= start + (this.next - this.windowFirst) * period) {
          this.sentAt[this.next] = performance.now()
          this.send(this.next)
          this.next++
        }
        if (this.next >= end) return resolve()
        setTimeout(tick, Math.max(0, start + (this.next - this.windowFirst) * period - performance.now()))
      }
      tick()
    })
    await atMost(DRAIN_MS, drained)
    this.windowDone = null
    if (measured) {
      this.ticks += cpuTicks(this.cpuPids) - ticksBefore
      if (this.lastArrival > this.firstArrival) this.arrivalSeconds += (this.lastArrival - this.firstArrival) / 1000
    }
    if (this.autograph && performance.now() - this.lastPing >= PING_EVERY_MS) {
      // Every pong back before the other server's turn, so that it does not pay for them.
      this.pongs = 0
      const ponged = new Promise((resolve) => { this.pongsDone = resolve })
      for (const socket of this.opened) socket.send('{"type":"ping"}')
      await atMost(DRAIN_MS, ponged)
      this.pongsDone = null
      this.lastPing = performance.now()
    }
    return this.windowBytes / Math.max(1, this.windowDelivered)
  }

  figures () {
    const latencies = this.latencies.sort((a, b) => a - b)
    const expected = perWindow * measuredWindows * (this.sockets.length - 1)
    if (dumpPrefix) writeFileSync(`${dumpPrefix}-${this.target}-${this.sockets.length}.json`, JSON.stringify(this.deliveries))
    return {
      target: this.target,
      clients: this.sockets.length,
      rate,
      seconds: perWindow * measuredWindows / rate,
      windows: measuredWindows,
      delivered: latencies.length,
      expected,
      lost: expected - latencies.length,
      errors: this.errors,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.length ? latencies[latencies.length - 1] : NaN,
      messagesPerSecond: this.arrivalSeconds > 0 ? latencies.length / this.arrivalSeconds : NaN,
      messageBytes: latencies.length ? this.deliveredBytes / latencies.length : NaN,
      extensions: this.opened[0].extensions || '',
      // USER_HZ is 100 on Linux: a tick is 10 ms.
      serverCpuMicrosPerMessage: latencies.length ? this.ticks * 10_000 / latencies.length : NaN,
      groups: Object.fromEntries(Object.entries(this.byGroup).map(([group, list]) => {
        list.sort((a, b) => a - b)
        return [group, { delivered: list.length, p50: percentile(list, 0.5), p99: percentile(list, 0.99) }]
      }))
    }
  }

  close () {
    for (const socket of this.opened) socket.terminate()
  }
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
  // The update of one move: the shape's x and the edit's number, padded to the size of the other
  // server's message for the same edit (measured in the same run).
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

const rooms = config.targets.map((target) => new Room(target))
for (const room of rooms) await room.openAll().catch((error) => fail(`connecting to ${room.target} failed: ${error.message}`))
const [first, ...others] = rooms
await first.prepare(0)
const firstBytes = await first.window()
for (const room of others) await room.prepare(Math.round(firstBytes))
// Turns: the first room has had its first window; then B A A B B A ... so that neither server is
// always the one measured right after the other.
let order = [...others, first]
for (let round = 0; rooms.some((room) => room.next < total); round++) {
  for (const room of order) if (room.next < total) await room.window()
  order = order.reverse()
}
for (const room of rooms) room.close()
for (const room of rooms) console.log(JSON.stringify(room.figures()))
process.exit(0)
