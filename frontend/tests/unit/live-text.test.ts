// Character-level merging of a label typed by several people at once (docs/collaboration-protocol.md,
// the `text` operation), as properties over seeded random runs: the text helpers do what they say,
// and two or three clients typing into the same label against a model of the room (which orders
// messages and moves each text edit past the ones its author had not seen, as collaboration-service's
// Room and TextEdit do) all end with the room's text, holding every character anyone typed and did
// not delete, none twice. Messages are delayed and interleaved at random, connections drop and the
// room replaces its content (a snapshot) now and then. Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveRoom, type SocketLike } from '../../src/editor/live/room.ts';
import { applyOperations, type Operation } from '../../src/editor/live/ops.ts';
import { after, applyEdit, compose, composeAll, diffEdits, diffText, rebase, shiftPosition, type TextEdit } from '../../src/editor/live/text.ts';
import type { DiagramDocument } from '../../src/editor/mapping.ts';

/** A small seeded generator (mulberry32): every run of a seed is the same run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

/** Characters never used twice: a run can tell whose each one is. Some take two UTF-16 units. */
function alphabet() {
  let n = 0;
  return () => {
    n += 1;
    return n % 7 === 0 ? String.fromCodePoint(0x1f300 + n) : String.fromCodePoint(0x4e00 + n);
  };
}

const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);

function randomText(rng: Random, fresh: () => string) {
  return Array.from({ length: rng.int(8) }, fresh).join('');
}

/** A random edit of `text` on whole characters (code points). */
function randomEdit(rng: Random, text: string, fresh: () => string): TextEdit {
  const chars = Array.from(text);
  const from = rng.int(chars.length + 1);
  const to = rng.chance(0.5) ? from : Math.min(chars.length, from + 1 + rng.int(3));
  const units = (count: number) => chars.slice(0, count).join('').length;
  const insert = rng.chance(0.3) && to > from ? '' : Array.from({ length: 1 + rng.int(3) }, fresh).join('');
  return { index: units(from), delete: units(to) - units(from), insert };
}

test('text helpers: the diff rebuilds the text, compositions equal their parts, a move keeps what the earlier edit inserted', () => {
  for (const seed of SEEDS) {
    const rng = random(seed);
    const fresh = alphabet();
    const text = randomText(rng, fresh);
    const first = randomEdit(rng, text, fresh);
    const middle = applyEdit(text, first);
    const second = randomEdit(rng, middle, fresh);
    const last = applyEdit(middle, second);

    assert.equal(applyEdit(text, diffText(text, last)), last, `seed ${seed}: diff`);
    const diff = diffText(text, last);
    assert.ok(!/^[\udc00-\udfff]/.test(diff.insert) && !/[\ud800-\udbff]$/.test(diff.insert), `seed ${seed}: the diff keeps pairs whole`);

    // The finer diff: its edits rebuild the text, and keep every character both texts hold.
    const edits = diffEdits(text, last);
    assert.equal(edits.reduce(applyEdit, text), last, `seed ${seed}: diffEdits`);
    const deleted = edits.reduce((all, edit, n) => all + edits.slice(0, n).reduce(applyEdit, text).slice(edit.index, edit.index + edit.delete), '');
    for (const char of Array.from(deleted)) assert.ok(!last.includes(char), `seed ${seed}: ${char} is kept, yet deleted and inserted again`);

    const composed = compose(first, second);
    if (composed) assert.equal(applyEdit(text, composed), last, `seed ${seed}: compose`);
    const all = composeAll([first, second]);
    assert.equal(all.reduce(applyEdit, text), last, `seed ${seed}: composeAll`);

    // Someone else's edit of the same text, ordered first: mine moved past it keeps their insertion.
    const theirs = randomEdit(rng, text, fresh);
    const moved = rebase(text, [first, second], [theirs]);
    assert.deepEqual(moved[0], after(first, theirs), `seed ${seed}: the first edit moves as the server moves it`);
    const merged = moved.reduce(applyEdit, applyEdit(text, theirs));
    for (const char of Array.from(theirs.insert)) assert.ok(merged.includes(char), `seed ${seed}: their ${char} survives in ${merged}`);
    for (const char of Array.from(first.insert + second.insert)) {
      if (last.includes(char)) assert.ok(merged.includes(char), `seed ${seed}: my ${char} survives`);
    }
  }
});

test('an edit moves past an earlier one as collaboration-service\'s TextEdit.after moves it', () => {
  const edit = (index: number, del: number, insert = '') => ({ index, delete: del, insert });
  // Of two insertions at one place the earlier stays first.
  assert.deepEqual(after(edit(3, 0, 'b'), edit(3, 0, 'a')), edit(4, 0, 'b'));
  // Before the earlier edit: unmoved; after it: shifted by what it inserted and removed.
  assert.deepEqual(after(edit(1, 1, 'x'), edit(4, 2, 'yz')), edit(1, 1, 'x'));
  assert.deepEqual(after(edit(7, 1), edit(2, 3, 'q')), edit(5, 1));
  // A deletion stops before text inserted inside its range, unseen by its author.
  assert.deepEqual(after(edit(0, 5), edit(2, 0, 'X')), edit(0, 2));
  // Deleting what the earlier edit already deleted deletes the rest only.
  assert.deepEqual(after(edit(1, 3), edit(2, 2)), edit(1, 1));
  // An insertion inside a range the earlier edit replaced lands after its replacement.
  assert.deepEqual(after(edit(3, 0, 'm'), edit(2, 3, 'R')), edit(3, 0, 'm'));
});

test('the caret of an open label editor stays by the characters it was between when someone else types', () => {
  for (const seed of SEEDS) {
    const rng = random(seed);
    const fresh = alphabet();
    const text = randomText(rng, fresh) + fresh();
    const chars = Array.from(text);
    const caret = chars.slice(0, rng.int(chars.length + 1)).join('').length;
    const theirs = randomEdit(rng, text, fresh);
    const merged = applyEdit(text, theirs);
    const moved = shiftPosition(caret, diffText(text, merged));
    // What stood before the caret and survived is still before it; what stood after, after it.
    for (const [n, char] of Array.from(text).entries()) {
      const at = merged.indexOf(char);
      if (at < 0) continue;
      if (chars.slice(0, n + 1).join('').length <= caret) assert.ok(at < moved, `seed ${seed}: ${char} moved past the caret`);
      else assert.ok(at >= moved, `seed ${seed}: ${char} came before the caret`);
    }
  }
});

/** The room as docs/collaboration-protocol.md describes it, for one file, strict about ranges. */
class ModelRoom {
  seq = 0;
  doc: DiagramDocument;
  log: Record<string, unknown>[] = [];
  texts: { seq: number; id: string; edit: TextEdit }[] = [];
  floor = 0;
  sockets: ModelSocket[] = [];
  problems: string[] = [];

  constructor(text: string) {
    this.doc = { schema_version: 1, shapes: [{ id: 'A', type: 'rectangle', x: 0, y: 0, text }, { id: 'B', type: 'ellipse', x: 5, y: 5 }] };
  }

  open = (url: string): SocketLike => {
    const socket = new ModelSocket(this, `c${this.sockets.length + 1}`);
    this.sockets.push(socket);
    const lastSeq = new URL(url).searchParams.get('last_seq');
    const you = { connection_id: socket.id, user_id: `user-${socket.id}`, name: socket.id, color: '#f00', permission: 'edit' };
    socket.readyState = 1;
    socket.inbox.push(
      lastSeq === null
        ? { type: 'welcome', connection_id: socket.id, you, seq: this.seq, document: structuredClone(this.doc), members: [] }
        : { type: 'welcome', connection_id: socket.id, you, seq: this.seq, missed: this.log.filter((m) => (m.seq as number) > Number(lastSeq)), members: [] },
    );
    return socket;
  };

  private broadcast(message: Record<string, unknown>) {
    this.log.push(message);
    for (const socket of this.sockets) if (socket.readyState === 1) socket.inbox.push(structuredClone(message));
  }

  receive(from: ModelSocket, message: Record<string, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (message.type !== 'op') return;
    const base: number = message.base_seq ?? this.seq;
    const ops: Operation[] = [];
    for (const op of message.ops as Operation[]) {
      if (op.op !== 'text') {
        ops.push(op);
        continue;
      }
      if (base < this.floor) {
        from.inbox.push({ type: 'error', code: 'stale_base', op_id: message.op_id, message: 'stale' });
        return;
      }
      let edit: TextEdit = { index: op.index, delete: op.delete, insert: op.insert };
      for (const applied of this.texts) if (applied.seq > base && applied.id === op.id) edit = after(edit, applied.edit);
      const shape = this.doc.shapes.find((s) => s.id === op.id);
      const text = typeof shape?.text === 'string' ? shape.text : '';
      if (!shape || edit.index + edit.delete > text.length) {
        this.problems.push(`refused ${JSON.stringify(op)} (as ${JSON.stringify(edit)}) on ${JSON.stringify(text)}`);
        from.inbox.push({ type: 'error', code: 'text_range_invalid', op_id: message.op_id, message: 'range' });
        return;
      }
      ops.push({ op: 'text', id: op.id, ...edit });
    }
    this.seq += 1;
    this.doc = applyOperations(this.doc, ops);
    for (const op of ops) if (op.op === 'text') this.texts.push({ seq: this.seq, id: op.id, edit: { index: op.index, delete: op.delete, insert: op.insert } });
    this.broadcast({ type: 'op', seq: this.seq, user_id: `user-${from.id}`, connection_id: from.id, op_id: message.op_id, ops });
  }

  /** The file changed elsewhere and the room merged it: everyone's content is replaced. */
  snapshot(text: string) {
    this.seq += 1;
    this.doc = { ...this.doc, shapes: this.doc.shapes.map((s) => (s.id === 'A' ? { ...s, text } : s)) };
    this.texts = [];
    this.floor = this.seq;
    this.broadcast({ type: 'snapshot', seq: this.seq, document: structuredClone(this.doc), note: '', reason: 'merged_external_change' });
  }
}

class ModelSocket implements SocketLike {
  readyState = 0;
  /** Messages on their way, in order, each direction. */
  inbox: Record<string, unknown>[] = [];
  outbox: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(
    private room: ModelRoom,
    readonly id: string,
  ) {}
  send(data: string) {
    if (this.readyState === 1) this.outbox.push(JSON.parse(data));
  }
  toRoom() {
    this.room.receive(this, this.outbox.shift()!);
  }
  toClient() {
    this.onmessage?.({ data: JSON.stringify(this.inbox.shift()) });
  }
  /** The connection drops: what was on its way either direction is lost. */
  drop() {
    this.readyState = 3;
    this.inbox = [];
    this.outbox = [];
    this.onclose?.({ code: 1006 });
  }
  close() {
    this.readyState = 3;
  }
}

interface Person {
  canvas: DiagramDocument;
  live: LiveRoom;
}

function person(room: ModelRoom, loaded: DiagramDocument): Person {
  const self = { canvas: structuredClone(loaded), live: null as unknown as LiveRoom };
  self.live = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => 'token',
    open: room.open,
    loaded,
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    listener: { current: () => self.canvas, show: (doc) => (self.canvas = doc), changed: () => undefined },
  });
  return self;
}

const label = (doc: DiagramDocument) => String(doc.shapes.find((s) => s.id === 'A')?.text ?? '');
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function run(seed: number, people: number, options: { drops: boolean; snapshots: boolean }) {
  const rng = random(seed);
  const fresh = alphabet();
  const initial = randomText(rng, fresh);
  const room = new ModelRoom(initial);
  const everyone = Array.from({ length: people }, () => person(room, room.doc));
  const typed = new Set<string>(Array.from(initial));
  const deleted = new Set<string>();
  everyone.forEach((p) => p.live.start());
  try {
    return await play(rng, fresh, room, everyone, typed, deleted, options, people, seed);
  } finally {
    everyone.forEach((p) => p.live.stop());
  }
}

async function play(
  rng: Random,
  fresh: () => string,
  room: ModelRoom,
  everyone: Person[],
  typed: Set<string>,
  deleted: Set<string>,
  options: { drops: boolean; snapshots: boolean },
  people: number,
  seed: number,
) {
  await settle();

  const socketsOf = () => room.sockets.filter((s) => s.readyState === 1);
  const type = (p: Person) => {
    const text = label(p.canvas);
    const edit = randomEdit(rng, text, fresh);
    for (const char of Array.from(edit.insert)) typed.add(char);
    for (const char of Array.from(text.slice(edit.index, edit.index + edit.delete))) deleted.add(char);
    p.canvas = { ...p.canvas, shapes: p.canvas.shapes.map((s) => (s.id === 'A' ? { ...s, text: applyEdit(text, edit) } : s)) };
  };

  for (let step = 0; step < 300; step += 1) {
    if (step % 25 === 0) await settle(); // a dropped connection may come back meanwhile
    // No canvas, and not the room, ever shows a character twice (one typed once).
    for (const [i, doc] of [...everyone.map((p) => p.canvas), room.doc].entries()) {
      const chars = Array.from(label(doc));
      assert.equal(new Set(chars).size, chars.length, `seed ${seed}, step ${step}: a character twice in ${i === everyone.length ? 'the room' : `person ${i}'s canvas`}: ${label(doc)}`);
    }
    const roll = rng.next();
    const p = everyone[rng.int(everyone.length)]!;
    if (roll < 0.3) {
      type(p);
      if (rng.chance(0.6)) p.live.submit();
    } else if (roll < 0.35) {
      // Someone moves the other shape meanwhile: property edits travel alongside the text's.
      p.canvas = { ...p.canvas, shapes: p.canvas.shapes.map((s) => (s.id === 'B' ? { ...s, x: rng.int(100) } : s)) };
      p.live.submit();
    } else if (roll < 0.6) {
      const busy = socketsOf().filter((s) => s.outbox.length);
      if (busy.length) busy[rng.int(busy.length)]!.toRoom();
    } else if (roll < 0.95) {
      const busy = socketsOf().filter((s) => s.inbox.length);
      if (busy.length) busy[rng.int(busy.length)]!.toClient();
    } else if (roll < 0.975 && options.drops) {
      const open = socketsOf();
      if (open.length) open[rng.int(open.length)]!.drop();
      await settle();
    } else if (options.snapshots) {
      const text = label(room.doc);
      const edit = randomEdit(rng, text, fresh);
      for (const char of Array.from(edit.insert)) typed.add(char);
      for (const char of Array.from(text.slice(edit.index, edit.index + edit.delete))) deleted.add(char);
      room.snapshot(applyEdit(text, edit));
    }
  }

  // Everyone stops typing: what is left goes out and every message arrives. Each round yields to
  // the timers too: a connection dropped late rejoins from a timer, and rounds that only yield
  // to setImmediate can all pass before it fires.
  for (let round = 0; round < 200; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    everyone.forEach((p) => p.live.submit());
    const busy = socketsOf().filter((s) => s.outbox.length || s.inbox.length);
    if (!busy.length && everyone.every((p) => p.live.settled && p.live.state === 'live')) break;
    for (const socket of busy) {
      while (socket.outbox.length) socket.toRoom();
    }
    for (const socket of socketsOf()) while (socket.inbox.length) socket.toClient();
  }

  const final = label(room.doc);
  const where = `seed ${seed}, ${people} people: room ${JSON.stringify(final)}`;
  assert.deepEqual(room.problems, [], where);
  for (const p of everyone) {
    assert.equal(p.live.state, 'live', where);
    assert.ok(p.live.settled, `${where}: settled`);
    assert.equal(label(p.canvas), final, `${where}: every canvas shows the room's label`);
    assert.deepEqual(p.canvas, room.doc, `${where}: and the room's document`);
  }
  const chars = Array.from(final);
  assert.equal(new Set(chars).size, chars.length, `${where}: no character twice`);
  for (const char of chars) assert.ok(typed.has(char), `${where}: ${char} was typed by someone`);
  for (const char of typed) assert.ok(chars.includes(char) || deleted.has(char), `${where}: ${char} was typed, never deleted, and is lost`);
  return { final, typed: typed.size };
}

test('two people typing into one label at once converge, losing no character', async () => {
  for (const seed of SEEDS) await run(seed, 2, { drops: false, snapshots: false });
});

test('three people typing into one label converge through dropped connections and snapshots', async () => {
  for (const seed of SEEDS) await run(1000 + seed, 3, { drops: true, snapshots: true });
});

test('a text edit refused as too old for the room\'s text history goes out again on the text as it now is', async () => {
  const room = new ModelRoom('label');
  const [ana, ben] = [person(room, room.doc), person(room, room.doc)];
  ana.live.start();
  ben.live.start();
  try {
    await settle();
    const [anaSocket, benSocket] = room.sockets;
    while (anaSocket!.inbox.length) anaSocket!.toClient();
    while (benSocket!.inbox.length) benSocket!.toClient();
    const retype = (p: Person, text: string) => (p.canvas = { ...p.canvas, shapes: p.canvas.shapes.map((s) => (s.id === 'A' ? { ...s, text } : s)) });

    retype(ana, 'my label');
    ana.live.submit();
    retype(ben, 'label!');
    ben.live.submit();
    benSocket!.toRoom(); // Ben's edit is first in the room; Ana hears of it before hers arrives
    while (anaSocket!.inbox.length) anaSocket!.toClient();
    room.floor = room.seq; // the room's text history no longer reaches back to Ana's base
    anaSocket!.toRoom();
    assert.equal(anaSocket!.inbox.at(-1)?.code, 'stale_base');
    anaSocket!.toClient();
    assert.equal(anaSocket!.outbox.length, 1, 'the edit goes out again');
    assert.equal(anaSocket!.outbox[0]!.base_seq, room.seq);
    anaSocket!.toRoom();
    for (const socket of room.sockets) while (socket.inbox.length) socket.toClient();

    assert.equal(label(room.doc), 'my label!');
    assert.deepEqual(ana.canvas, room.doc);
    assert.deepEqual(ben.canvas, room.doc);
    assert.ok(ana.live.settled && ben.live.settled);
  } finally {
    ana.live.stop();
    ben.live.stop();
  }
});

test('a refused text edit (the shape locked, say) leaves the canvas with the room\'s text', async () => {
  const room = new ModelRoom('label');
  const ana = person(room, room.doc);
  const notices: string[] = [];
  ana.live = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => 'token',
    open: room.open,
    loaded: room.doc,
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    listener: { current: () => ana.canvas, show: (doc) => (ana.canvas = doc), changed: () => undefined, notice: (m) => notices.push(m) },
  });
  ana.live.start();
  try {
    await settle();
    const [socket] = room.sockets;
    while (socket!.inbox.length) socket!.toClient();
    ana.canvas = { ...ana.canvas, shapes: ana.canvas.shapes.map((s) => (s.id === 'A' ? { ...s, text: 'labels' } : s)) };
    ana.live.submit();
    const sent = socket!.outbox.shift()!;
    socket!.inbox.push({ type: 'error', code: 'shape_locked', op_id: sent.op_id, message: 'locked by Ben' });
    socket!.toClient();
    assert.equal(label(ana.canvas), 'label');
    assert.ok(ana.live.settled);
    assert.match(notices.join(), /locked by Ben/);
  } finally {
    ana.live.stop();
  }
});
