// The collaboration client against a small in-test room that orders messages as the real one does
// (one seq per accepted op, the author's copy as its acknowledgement): two people editing at once
// end with the same document as the room; a viewer's client sends nothing; a rejoin asks for what
// it missed with ?last_seq=. Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveRoom, type SocketLike } from '../../src/editor/live/room.ts';
import { applyOperations, type Operation } from '../../src/editor/live/ops.ts';
import type { DiagramDocument } from '../../src/editor/mapping.ts';

class FakeRoom {
  seq = 0;
  doc: DiagramDocument = { schema_version: 1, shapes: [{ id: 'A', type: 'rectangle', x: 0, y: 0 }] };
  log: Record<string, unknown>[] = [];
  sockets: FakeSocket[] = [];
  urls: string[] = [];
  /** Messages are delivered when the test says so, to interleave the two clients. */
  queue: (() => void)[] = [];

  open(permission: string) {
    return (url: string): SocketLike => {
      this.urls.push(url);
      const socket = new FakeSocket(this, `c${this.sockets.length + 1}`, permission);
      this.sockets.push(socket);
      this.queue.push(() => {
        socket.readyState = 1;
        const lastSeq = new URL(url).searchParams.get('last_seq');
        const you = { connection_id: socket.id, user_id: `u-${socket.id}`, name: socket.id, color: '#f00', permission };
        const members = this.sockets.filter((s) => s.readyState === 1).map((s) => ({ connection_id: s.id, user_id: `u-${s.id}`, name: s.id, color: '#0f0' }));
        const welcome = lastSeq === null
          ? { type: 'welcome', connection_id: socket.id, you, seq: this.seq, document: structuredClone(this.doc), members }
          : { type: 'welcome', connection_id: socket.id, you, seq: this.seq, missed: this.log.filter((m) => (m.seq as number) > Number(lastSeq)), members };
        socket.deliver(welcome);
      });
      return socket;
    };
  }

  /** The next op is refused with this code (as the room refuses one on a locked shape, say). */
  refuseNext: string | null = null;

  receive(from: FakeSocket, message: Record<string, unknown>) {
    this.queue.push(() => {
      if (message.type !== 'op') return;
      if (from.permission === 'view') {
        from.deliver({ type: 'error', code: 'read_only', op_id: message.op_id, message: 'read only' });
        return;
      }
      if (this.refuseNext) {
        from.deliver({ type: 'error', code: this.refuseNext, op_id: message.op_id, message: 'refused' });
        this.refuseNext = null;
        return;
      }
      this.seq += 1;
      this.doc = applyOperations(this.doc, message.ops as Operation[]);
      const op = { type: 'op', seq: this.seq, user_id: `u-${from.id}`, connection_id: from.id, op_id: message.op_id, ops: message.ops };
      this.log.push(op);
      for (const socket of this.sockets) if (socket.readyState === 1) socket.deliver(op);
    });
  }

  flush() {
    while (this.queue.length) this.queue.shift()!();
  }
}

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(
    private room: FakeRoom,
    readonly id: string,
    readonly permission: string,
  ) {}
  send(data: string) {
    const message = JSON.parse(data);
    this.sent.push(message);
    this.room.receive(this, message);
  }
  deliver(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  close(code = 1000, reason?: string) {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

/** A person's editor: the canvas's document, changed by hand or by the room. */
function client(room: FakeRoom, permission = 'edit', canvasTakes: (doc: DiagramDocument) => DiagramDocument = (doc) => doc) {
  const person = { canvas: null as DiagramDocument | null, live: null as unknown as LiveRoom };
  person.live = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => 'token',
    open: room.open(permission),
    reconnectDelays: [0],
    resendDelays: [0],
    heartbeatMs: 1e9,
    listener: {
      current: () => person.canvas ?? { schema_version: 1, shapes: [] },
      show: (doc) => (person.canvas = canvasTakes(doc)),
      changed: () => undefined,
    },
  });
  return person;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A room with people of these permissions, each welcomed. */
async function joined(...permissions: string[]) {
  const room = new FakeRoom();
  const people = permissions.map((permission) => client(room, permission));
  people.forEach((person) => person.live.start());
  await tick();
  room.flush();
  return { room, people };
}

test('two people editing the same shapes at once end with the room\'s document', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  assert.equal(ana.live.state, 'live');
  assert.deepEqual(ana.canvas, room.doc);

  // Both move A, Ana adds a shape, Ben deletes nothing yet: sent before either hears the other.
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, x: 10 }, { id: 'N', type: 'ellipse' }] };
  ana.live.submit();
  ben.canvas = { ...ben.canvas!, shapes: [{ ...ben.canvas!.shapes[0]!, x: 20, text: 'ben' }] };
  ben.live.submit();
  // Ben edits again before his first edit is acknowledged: only the new delta goes out. His
  // label goes as a text edit, in a message of its own (one in flight per text).
  ben.canvas = { ...ben.canvas, shapes: [{ ...ben.canvas.shapes[0]!, y: 5 }] };
  ben.live.submit();
  const benOps = (room.sockets[1]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(benOps, [
    [{ op: 'update', id: 'A', set: { x: 20 } }],
    [{ op: 'text', id: 'A', index: 0, delete: 0, insert: 'ben' }],
    [{ op: 'update', id: 'A', set: { y: 5 } }],
  ]);
  room.flush();

  assert.deepEqual(ana.canvas, room.doc);
  assert.deepEqual(ben.canvas, room.doc);
  assert.equal(room.doc.shapes[0]!.x, 20, 'the later writer wins');
  assert.ok(room.doc.shapes.some((s) => s.id === 'N'));
  assert.ok(ana.live.settled && ben.live.settled);
  ana.live.stop();
  ben.live.stop();
});

test('a shape the canvas cannot take yet is not deleted by the next edit, and shows once it can', async () => {
  const room = new FakeRoom();
  const ana = client(room);
  // Ben's canvas, like Excalidraw's, cannot draw a shape of no size.
  const ben = client(room, 'edit', (doc) => ({ ...doc, shapes: doc.shapes.filter((s) => s.width !== 0) }));
  ana.live.start();
  ben.live.start();
  await tick();
  room.flush();

  // Ana starts drawing N: it is added with no size, then grows.
  ana.canvas = { ...ana.canvas!, shapes: [...ana.canvas!.shapes, { id: 'N', type: 'rectangle', x: 50, y: 50, width: 0, height: 0 }] };
  ana.live.submit();
  room.flush();
  assert.ok(!ben.canvas!.shapes.some((s) => s.id === 'N'));
  ana.canvas = { ...ana.canvas, shapes: ana.canvas.shapes.map((s) => (s.id === 'N' ? { ...s, width: 40, height: 30 } : s)) };
  ana.live.submit();
  room.flush();
  assert.deepEqual(ben.canvas, room.doc, 'the grown shape reaches the canvas that could not take it before');

  // Ben's next edit carries no deletion of it.
  ben.canvas = { ...ben.canvas!, shapes: ben.canvas!.shapes.map((s) => (s.id === 'A' ? { ...s, x: 7 } : s)) };
  ben.live.submit();
  room.flush();
  const benOps = (room.sockets[1]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(benOps, [[{ op: 'update', id: 'A', set: { x: 7 } }]]);
  assert.ok(room.doc.shapes.some((s) => s.id === 'N' && s.width === 40));
  assert.deepEqual(ana.canvas, room.doc);
  ana.live.stop();
  ben.live.stop();
});

test('a viewer\'s client sends no edits', async () => {
  const {
    room,
    people: [viewer],
  } = await joined('view');
  assert.equal(viewer.live.readOnly, true);
  viewer.canvas = { schema_version: 1, shapes: [] };
  viewer.live.submit();
  assert.equal(room.sockets[0]!.sent.length, 0);
  viewer.live.stop();
});

test('after a drop the client rejoins with ?last_seq= and gets exactly what it missed', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  room.sockets[1]!.close(1006); // Ben's connection drops
  assert.equal(ben.live.state, 'reconnecting');
  ana.canvas = { ...ana.canvas!, shapes: [...ana.canvas!.shapes, { id: 'while-away', type: 'rectangle' }] };
  ana.live.submit();
  room.flush();
  await new Promise((r) => setTimeout(r, 5));
  room.flush();
  assert.match(room.urls.at(-1)!, /last_seq=0/);
  assert.equal(ben.live.state, 'live');
  assert.deepEqual(ben.canvas, room.doc);
  assert.equal(ben.live.seq, room.seq);
  ana.live.stop();
  ben.live.stop();
});

test('cursor updates are throttled: a burst sends the newest position, not every one', async () => {
  const {
    room,
    people: [ana],
  } = await joined('edit');
  for (let i = 0; i < 50; i += 1) ana.live.cursor(i, i);
  await new Promise((r) => setTimeout(r, 80));
  const cursors = room.sockets[0]!.sent.filter((m) => m.type === 'cursor');
  assert.equal(cursors.length, 1);
  assert.deepEqual([cursors[0]!.x, cursors[0]!.y], [49, 49]);
  ana.live.stop();
});

test('a closed socket after a revoked share ends the session without reconnecting', async () => {
  const {
    room,
    people: [ana],
  } = await joined('edit');
  room.sockets[0]!.close(4403);
  assert.equal(ana.live.state, 'ended');
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(room.sockets.length, 1);
});

test('a share link joins signed out with ?share_token= (and its password); a revoked link ends the session', async () => {
  const room = new FakeRoom();
  let shown: DiagramDocument | null = null;
  const guest = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => null,
    link: { token: 'tok_en-1', password: 'open sesame+1' },
    open: room.open('view'),
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    listener: { current: () => shown ?? { schema_version: 1, shapes: [] }, show: (doc) => (shown = doc), changed: () => undefined },
  });
  guest.start();
  await tick();
  room.flush();
  const url = new URL(room.urls[0]!);
  assert.equal(url.searchParams.get('share_token'), 'tok_en-1');
  assert.equal(url.searchParams.get('share_password'), 'open sesame+1');
  assert.equal(url.searchParams.get('access_token'), null);
  assert.equal(guest.state, 'live');
  assert.deepEqual(shown, room.doc);
  room.sockets[0]!.close(4410);
  assert.equal(guest.state, 'ended');
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(room.sockets.length, 1);
});

test('a team-only link opened signed out (4401 authentication_required) ends the session; another 4401 reconnects', async () => {
  const room = new FakeRoom();
  const notices: string[] = [];
  const guest = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => null,
    link: { token: 'team-only' },
    open: room.open('view'),
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    listener: { current: () => ({ schema_version: 1, shapes: [] }), show: () => undefined, changed: () => undefined, notice: (text) => notices.push(text) },
  });
  guest.start();
  await tick();
  room.flush();
  room.sockets[0]!.close(4401, 'credential_expired');
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(room.sockets.length, 2, 'an expired credential reconnects');
  await tick();
  room.flush();
  room.sockets[1]!.close(4401, 'authentication_required');
  assert.equal(guest.state, 'ended');
  assert.match(notices.at(-1) ?? '', /sign in/);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(room.sockets.length, 2);
});

test('a comment message of the room reaches the listener (the comments reload on it), other messages do not', () => {
  const heard: Record<string, unknown>[] = [];
  const live = new LiveRoom({
    fileId: 'f',
    token: async () => null,
    listener: { current: () => ({ schema_version: 1, shapes: [] }), show: () => undefined, changed: () => undefined, comment: (event) => heard.push(event) },
  });
  live.receive({ type: 'comment', event: 'created', comment_id: 'c1', thread_id: 't1' });
  live.receive({ type: 'file_event', event: 'version.created' });
  assert.deepEqual(heard, [{ type: 'comment', event: 'created', comment_id: 'c1', thread_id: 't1' }]);
});

test('a socket closed because the team roles changed reconnects and takes the new permission', async () => {
  const room = new FakeRoom();
  let permission = 'edit';
  const notices: string[] = [];
  let canvas: DiagramDocument | null = null;
  const live = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => 'token',
    open: (url) => room.open(permission)(url),
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    listener: {
      current: () => canvas ?? { schema_version: 1, shapes: [] },
      show: (doc) => (canvas = doc),
      changed: () => undefined,
      notice: (message) => notices.push(message),
    },
  });
  live.start();
  await tick();
  room.flush();
  assert.equal(live.readOnly, false);
  permission = 'view'; // demoted: the gateway signs the new roles at the reconnect
  room.sockets[0]!.deliver({ type: 'error', code: 'identity_changed', message: 'roles changed' });
  room.sockets[0]!.close(4401);
  assert.equal(live.state, 'reconnecting');
  await new Promise((r) => setTimeout(r, 5));
  room.flush();
  assert.equal(room.sockets.length, 2);
  assert.match(room.urls.at(-1)!, /last_seq=0/);
  assert.equal(live.state, 'live');
  assert.equal(live.readOnly, true);
  assert.equal(notices.length, 1);
  live.stop();
});

/**
 * A person's editor opened on `loaded` (the file's GET): how often the room made it show a
 * document. `reads` is the canvas's mapping: what it adds to a document it reads back.
 */
function openedOn(room: FakeRoom, loaded: DiagramDocument, reads: (doc: DiagramDocument) => DiagramDocument = (doc) => doc) {
  const person = { canvas: structuredClone(loaded) as DiagramDocument, shown: 0, live: null as unknown as LiveRoom };
  person.live = new LiveRoom({
    fileId: 'f1',
    origin: 'http://localhost',
    token: async () => 'token',
    open: room.open('edit'),
    reconnectDelays: [0],
    heartbeatMs: 1e9,
    loaded,
    listener: {
      current: () => reads(person.canvas),
      show: (doc) => {
        person.shown++;
        person.canvas = doc;
      },
      changed: () => undefined,
    },
  });
  return person;
}

test('joining a room that holds what the canvas was loaded with leaves the canvas as it is, and later edits still go out', async () => {
  const room = new FakeRoom();
  // The same document with its keys in another order, as another service may write it.
  const loaded = { shapes: [{ y: 0, x: 0, type: 'rectangle', id: 'A' }], schema_version: 1 } as DiagramDocument;
  const ana = openedOn(room, loaded);
  ana.live.start();
  await tick();
  room.flush();
  assert.equal(ana.live.state, 'live');
  assert.equal(ana.shown, 0, 'the canvas is not loaded again');
  assert.equal(room.sockets[0]!.sent.filter((m) => m.type === 'op').length, 0);

  ana.canvas = { ...ana.canvas, shapes: [{ ...ana.canvas.shapes[0]!, x: 7 }] };
  ana.live.submit();
  const ops = (room.sockets[0]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(ops, [[{ op: 'update', id: 'A', set: { x: 7 } }]], 'only the edit made after the welcome');
  room.flush();
  assert.equal(room.doc.shapes[0]!.x, 7);
  ana.live.stop();
});

test('joining a room whose document differs from the loaded one shows the room\'s; an edit made before joining reaches the room', async () => {
  const room = new FakeRoom();
  room.doc = { schema_version: 1, shapes: [{ id: 'A', type: 'rectangle', x: 0, y: 0 }, { id: 'B', type: 'ellipse' }] };
  const stale = openedOn(room, { schema_version: 1, shapes: [{ id: 'A', type: 'rectangle', x: 0, y: 0 }] });
  stale.live.start();
  await tick();
  room.flush();
  assert.equal(stale.shown, 1);
  assert.deepEqual(stale.canvas, room.doc);

  const edited = openedOn(room, structuredClone(room.doc));
  edited.live.start();
  // Edited while the socket connects.
  edited.canvas = { ...edited.canvas, shapes: [{ ...edited.canvas.shapes[0]!, y: 3 }, edited.canvas.shapes[1]!] };
  await tick();
  room.flush();
  assert.equal(edited.shown, 0, 'the canvas shows the room\'s document with the edit already');
  room.flush(); // the edit, sent once welcomed
  assert.equal(room.doc.shapes[0]!.y, 3, 'the edit made before the welcome reached the room');
  assert.deepEqual(edited.canvas, room.doc);
  stale.live.stop();
  edited.live.stop();
});

test('an edit not sent yet when someone else\'s arrives stays on the canvas and reaches the room with the next submit', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  ben.canvas = { ...ben.canvas!, shapes: [{ ...ben.canvas!.shapes[0]!, x: 5 }] };
  ben.live.submit();
  // Ana moves A before her client submits; Ben's edit arrives first and the canvas is shown again.
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, y: 9 }] };
  room.flush();
  assert.deepEqual(ana.canvas.shapes[0], { id: 'A', type: 'rectangle', x: 5, y: 9 });
  assert.equal(ana.live.settled, false, 'her edit is not in the room yet');
  // A second edit of Ben's before she submits: hers stays on top.
  ben.canvas = { ...ben.canvas!, shapes: [{ ...ben.canvas!.shapes[0]!, width: 40 }] };
  ben.live.submit();
  room.flush();
  assert.equal(ana.canvas.shapes[0]!.y, 9);
  ana.live.submit();
  room.flush();
  assert.deepEqual(room.doc.shapes[0], { id: 'A', type: 'rectangle', x: 5, y: 9, width: 40 });
  assert.deepEqual(ana.canvas, room.doc);
  assert.deepEqual(ben.canvas, room.doc);
  assert.ok(ana.live.settled && ben.live.settled);
  const sent = (room.sockets[0]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(sent, [[{ op: 'update', id: 'A', set: { y: 9 } }]], 'sent once');
  ana.live.stop();
  ben.live.stop();
});

test('what the canvas adds when it reads a document (its own fields) is no edit of the person\'s: joining sends nothing', async () => {
  const room = new FakeRoom();
  const withCanvasFields = (doc: DiagramDocument) => ({ ...doc, shapes: doc.shapes.map((s) => ({ excalidraw: { seed: 1 }, ...s })) });
  const ana = openedOn(room, structuredClone(room.doc), withCanvasFields);
  ana.live.start();
  await tick();
  room.flush();
  assert.equal(ana.shown, 0);
  assert.equal(room.sockets[0]!.sent.filter((m) => m.type === 'op').length, 0);
  ana.canvas = { ...ana.canvas, shapes: [{ ...ana.canvas.shapes[0]!, x: 3 }] };
  ana.live.submit();
  const ops = (room.sockets[0]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(ops, [[{ op: 'update', id: 'A', set: { x: 3 } }]]);
  ana.live.stop();
});

test('once the room makes the person a viewer, nothing of theirs is carried to a later send', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  (room.sockets[0] as unknown as { permission: string }).permission = 'view'; // demoted meanwhile
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, x: 1 }] };
  ana.live.submit();
  ben.canvas = { ...ben.canvas!, shapes: [{ ...ben.canvas!.shapes[0]!, width: 9 }] };
  ben.live.submit();
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, y: 2 }] }; // not sent yet
  room.flush();
  assert.equal(ana.live.editing, false);
  assert.ok(ana.live.settled, 'nothing is waiting to go out');
  ana.live.submit();
  assert.equal(room.sockets[0]!.sent.filter((m) => m.type === 'op').length, 1, 'only the refused edit was ever sent');
  assert.equal(room.doc.shapes[0]!.width, 9);
  ana.live.stop();
  ben.live.stop();
});

test('a refused edit is taken off the canvas, and what the person did since (not sent yet) stays and goes out next', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  room.refuseNext = 'shape_locked';
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, x: 1 }] };
  ana.live.submit();
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, y: 2 }] }; // not sent yet
  room.flush();
  assert.equal(ana.canvas!.shapes[0]!.x, 0, 'the refused edit is undone on the canvas');
  assert.equal(ana.canvas!.shapes[0]!.y, 2, 'the later edit is still there');
  ana.live.submit();
  room.flush();
  const ops = (room.sockets[0]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(ops, [[{ op: 'update', id: 'A', set: { x: 1 } }], [{ op: 'update', id: 'A', set: { y: 2 } }]]);
  assert.equal(room.doc.shapes[0]!.y, 2);
  assert.equal(room.doc.shapes[0]!.x, 0);
  assert.deepEqual(ben.canvas, room.doc);
  assert.deepEqual(ana.canvas, room.doc);
  ana.live.stop();
  ben.live.stop();
});

test('an edit the room could not take just then (temporarily_unavailable) stays on the canvas and goes out again', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  const notices: string[] = [];
  (ana.live as unknown as { options: { listener: { notice(m: string): void } } }).options.listener.notice = (m) => notices.push(m);
  room.refuseNext = 'temporarily_unavailable';
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, x: 1, y: 7 }] };
  ana.live.submit();
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, x: 5 }] };
  ana.live.submit(); // sent after the refused one: it keeps the last word on x
  room.flush();
  assert.equal(ana.canvas!.shapes[0]!.y, 7, 'the edit is still on the canvas');
  assert.equal(room.doc.shapes[0]!.y, 0, 'not in the room yet');
  assert.equal(ana.live.settled, false, 'and not settled: it is still to go out');
  assert.deepEqual(notices, [], 'no notice: nothing was lost');
  await tick(); // the resend delay (0 in these tests)
  room.flush();
  const ops = (room.sockets[0]!.sent.filter((m) => m.type === 'op') as { ops: unknown[] }[]).map((m) => m.ops);
  assert.deepEqual(ops.at(-1), [{ op: 'update', id: 'A', set: { y: 7 } }], 'only what the later edit did not change goes again');
  assert.equal(room.doc.shapes[0]!.x, 5);
  assert.equal(room.doc.shapes[0]!.y, 7);
  assert.deepEqual(ana.canvas, room.doc);
  assert.deepEqual(ben.canvas, room.doc);
  assert.equal(ana.live.settled, true);
  ana.live.stop();
  ben.live.stop();
});

test('a text edit the room could not take just then goes out again', async () => {
  const {
    room,
    people: [ana, ben],
  } = await joined('edit', 'edit');
  room.refuseNext = 'temporarily_unavailable';
  ana.canvas = { ...ana.canvas!, shapes: [{ ...ana.canvas!.shapes[0]!, text: 'hello' }] };
  ana.live.submit();
  room.flush();
  assert.equal(ana.canvas!.shapes[0]!.text, 'hello');
  assert.equal(ana.live.settled, false);
  await tick();
  room.flush();
  const texts = room.sockets[0]!.sent.filter((m) => m.type === 'op').map((m) => (m.ops as { op: string }[])[0]!.op);
  assert.deepEqual(texts, ['text', 'text'], 'the same text edit, twice');
  assert.equal(room.doc.shapes[0]!.text, 'hello');
  assert.deepEqual(ana.canvas, room.doc);
  assert.deepEqual(ben.canvas, room.doc);
  ana.live.stop();
  ben.live.stop();
});
