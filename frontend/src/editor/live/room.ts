// A client of a file's collaboration room (docs/collaboration-protocol.md): one WebSocket to
// /ws/files/{id}, reconnected with ?last_seq= after a drop. It keeps the room's document as the
// room's messages build it (`confirmed`), sends the canvas's changes as operations (the delta
// against what the room will hold once everything sent is applied), applies everyone else's
// operations to the canvas, and tracks who is here. Free of React and the canvas: tested under Node.
import type { DiagramDocument } from '../mapping';
import { applyOperations, batches, diffDocuments, equalJson, type Operation } from './ops';
import { composeAll, diffEdits, rebase, type TextEdit } from './text';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'ended';

export interface Member {
  connection_id: string;
  user_id: string;
  name: string;
  color: string;
  permission?: string;
  status?: string;
  cursor?: { x: number; y: number } | null;
  selection?: string[];
}

/** The little of a WebSocket the room uses (the browser's, or a test's fake). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface RoomListener {
  /** The canvas's document now (with the person's edits not yet sent). */
  current(): DiagramDocument;
  /** Show this document: the room changed it (someone else's edit, a snapshot, a rejoin). */
  show(doc: DiagramDocument): void;
  /** The connection, the members or the read-only flag changed. */
  changed(): void;
  /** Something the person should know (an edit refused, access ended). */
  notice?(message: string): void;
  /** diagram-service's events on the file (file.updated, version.created…). */
  fileEvent?(event: Record<string, unknown>): void;
  /** A comment thread of the file changed (created, updated, deleted, resolved, reopened). */
  comment?(event: Record<string, unknown>): void;
}

export interface RoomOptions {
  fileId: string;
  /** The access token for ?access_token= (browsers cannot set headers on a WebSocket). */
  token(): Promise<string | null>;
  /**
   * A share link the room is joined with (?share_token=, and ?share_password= for a protected
   * one): signed out, its holder joins as a guest with the link's permission.
   */
  link?: { token: string; password?: string };
  listener: RoomListener;
  open?(url: string): SocketLike;
  /** The page's origin, for the ws:/wss: URL. */
  origin?: string;
  /** The document the canvas was loaded with: edits made before the first welcome are kept on top. */
  loaded?: DiagramDocument;
  /** Delays for reconnecting, and between cursor messages. */
  reconnectDelays?: number[];
  /** Delays before an edit the room could not take just then (temporarily_unavailable) goes out again. */
  resendDelays?: number[];
  cursorIntervalMs?: number;
  heartbeatMs?: number;
}

const OPEN = 1;
/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES: Record<number, string> = {
  4403: 'You no longer have access to this diagram.',
  4404: 'This diagram was deleted.',
  4400: 'The live connection was refused as malformed.',
  4410: 'The share link was revoked or has expired.',
  1008: 'The connection was closed for sending too many messages.',
};

const SIGN_IN_FIRST = 'This link is for members of the diagram’s team: sign in to follow it live.';

type Message = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type TextOperation = Extract<Operation, { op: 'text' }>;

let opCounter = 0;
const newOpId = (connectionId: string) => `${connectionId.slice(0, 8)}-${Date.now().toString(36)}-${(opCounter += 1)}`;

const textOf = (doc: DiagramDocument | null, id: string): string | undefined => {
  const shape = doc?.shapes.find((s) => s.id === id);
  return shape ? (typeof shape.text === 'string' ? shape.text : '') : undefined;
};
const editOf = (op: { index: number; delete: number; insert: string }): TextEdit => ({ index: op.index, delete: op.delete, insert: op.insert });
const textOperation = (id: string, edit: TextEdit): TextOperation => ({ op: 'text', id, index: edit.index, delete: edit.delete, insert: edit.insert });

export class LiveRoom {
  state: LiveState = 'connecting';
  /** The last seq applied. */
  seq = 0;
  connectionId = '';
  readOnly = false;
  members = new Map<string, Member>();
  /** The room's document at `seq`; null until the first welcome. */
  confirmed: DiagramDocument | null = null;
  /** Operations sent and not yet acknowledged, by op_id, in sending order. */
  private pending = new Map<string, Operation[]>();
  /**
   * Texts (by shape id) with an edit in flight: its op_id. The protocol allows one unacknowledged
   * text message per text; the edits made meanwhile wait in `queuedText`, and both are moved past
   * everyone else's edits of the text as they arrive (the server moves them the same way).
   */
  private textInFlight = new Map<string, string>();
  private queuedText = new Map<string, TextEdit[]>();
  /** The seq each text message was sent on (to tell a base too old from a lagging client). */
  private textBase = new Map<string, number>();
  /** Text messages given up after a snapshot: the room refuses them (stale_base), as expected. */
  private droppedText = new Set<string>();
  /** A rejoin's missed messages are being applied. */
  private replaying = false;
  /** Every connection id this client had: a rejoin's replay names the old ones. */
  private ownConnections = new Set<string>();
  private socket: SocketLike | null = null;
  private attempts = 0;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** The next try of edits the room could not take just then, and how many tries in a row. */
  private resend: ReturnType<typeof setTimeout> | undefined;
  private resends = 0;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private nextCursor: { x: number; y: number } | null = null;
  private lastCursorAt = 0;
  private maxOps = 200;
  private maxChars = 200_000;
  /** When the last acknowledgement and the last file.updated event arrived (for versions). */
  lastAckAt = 0;
  lastSavedAt = 0;
  private readonly options: RoomOptions;
  /**
   * The canvas's own reading of what it last showed or sent: the person's edits are what changed
   * since. Diffing against the room's document instead would turn whatever the canvas could not
   * take (a shape still too small to draw, say) into a deletion of the person's.
   */
  private baseline: DiagramDocument | null = null;
  /**
   * The person's edits the canvas shows on top of a document the room sent before they could go
   * out: showing it moved the baseline past them, so they are sent from here by the next submit.
   */
  private carried: Operation[] = [];
  private loadedReading: DiagramDocument | null = null;
  /** Resolvers of flushed(), run when the room saved after the last acknowledgement. */
  private flushWaiters: (() => void)[] = [];

  constructor(options: RoomOptions) {
    this.options = options;
  }

  start(): void {
    this.stopped = false;
    // The canvas's own reading of the loaded document (its mapping adds what the canvas keeps):
    // the person's edits before the first welcome are what changed since this, not since `loaded`.
    if (this.options.loaded && !this.confirmed && !this.loadedReading) this.loadedReading = this.options.listener.current();
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    clearTimeout(this.cursorTimer);
    clearTimeout(this.resend);
    this.resend = undefined;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'left');
    }
  }

  /** Editing goes through the room: connected, welcomed, and allowed to edit. */
  get editing(): boolean {
    return this.state === 'live' && !this.readOnly;
  }

  /** Whether every edit sent has been acknowledged. */
  get settled(): boolean {
    return this.pending.size === 0 && this.queuedText.size === 0 && this.carried.length === 0 && this.resend === undefined;
  }

  /** Whether the file holds every acknowledged edit (the room saved after the last one). */
  get saved(): boolean {
    return this.settled && this.lastSavedAt >= this.lastAckAt;
  }

  /**
   * Resolves once every edit sent is acknowledged and the room has saved the file since (a
   * file.updated event), or after `timeoutMs`: a version made then holds the room's content.
   */
  flushed(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.flushWaiters = this.flushWaiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.flushWaiters.push(done);
      this.checkFlushed();
    });
  }

  private checkFlushed(): void {
    if (this.saved) this.flushWaiters.slice().forEach((w) => w());
  }

  /** Sends the canvas's changes since what was sent, as deltas. */
  submit(): void {
    if (!this.editing || this.replaying || !this.confirmed || this.socket?.readyState !== OPEN) return;
    const ops = [...this.carried, ...this.takeLocal(this.baseline ?? this.expected(), true)];
    this.carried = [];
    for (const batch of batches(ops, this.maxOps, this.maxChars)) {
      const opId = newOpId(this.connectionId);
      this.pending.set(opId, batch);
      this.send({ type: 'op', op_id: opId, base_seq: this.seq, ops: batch });
    }
    this.sendText();
  }

  /**
   * The canvas's changes since `base`: a new text of a shape both hold becomes a text edit (the
   * smallest one) queued for its text, the rest operations to send. With `advance`, `base` becomes
   * the canvas's document; otherwise only the texts taken move into the baseline.
   */
  private takeLocal(base: DiagramDocument, advance: boolean, current = this.options.listener.current()): Operation[] {
    const ops = diffDocuments(base, current);
    const taken: TextOperation[] = [];
    const rest = ops.filter((op) => {
      if (op.op !== 'update' || typeof op.set?.text !== 'string') return true;
      const before = textOf(base, op.id) ?? '';
      const edits = diffEdits(before, op.set.text);
      const set = { ...op.set };
      delete set.text;
      op.set = set;
      if (edits.length) {
        this.queuedText.set(op.id, [...(this.queuedText.get(op.id) ?? []), ...edits]);
        taken.push(...edits.map((edit) => textOperation(op.id, edit)));
      }
      return Object.keys(set).length > 0 || (op.unset?.length ?? 0) > 0;
    });
    if (advance) this.baseline = current;
    else if (taken.length) this.baseline = applyOperations(base, taken);
    return rest;
  }

  /** The person's edits not sent yet: those carried past a show, then the canvas's changes since. */
  private takeUnsent(): Operation[] {
    const unsent = [...this.carried, ...this.takeLocal(this.baseline ?? this.expected(), false)];
    this.carried = [];
    return unsent;
  }

  /** Sends the first queued edit(s) of each text with nothing in flight: one message per text. */
  private sendText(): void {
    if (!this.editing || this.replaying || !this.confirmed || this.socket?.readyState !== OPEN) return;
    let held: DiagramDocument | null = null;
    for (const [id, queued] of this.queuedText) {
      if (this.textInFlight.has(id)) continue;
      const edits = composeAll(queued);
      held ??= this.expected(false);
      if (!edits.length || textOf(held, id) === undefined) {
        // Nothing left to send, or the shape is gone (deleted here or by someone): nothing to edit.
        this.queuedText.delete(id);
        continue;
      }
      const [first, ...rest] = edits;
      const opId = newOpId(this.connectionId);
      const ops = [textOperation(id, first!)];
      this.pending.set(opId, ops);
      this.textInFlight.set(id, opId);
      this.textBase.set(opId, this.seq);
      if (rest.length) this.queuedText.set(id, rest);
      else this.queuedText.delete(id);
      this.send({ type: 'op', op_id: opId, base_seq: this.seq, ops });
    }
  }

  /** The text edit in flight for `id`, as it stands now (moved past what arrived since). */
  private inFlight(id: string): TextOperation | undefined {
    const opId = this.textInFlight.get(id);
    const op = opId ? this.pending.get(opId)?.find((o) => o.op === 'text' && o.id === id) : undefined;
    return op as TextOperation | undefined;
  }

  /**
   * This client's edits of one text not in the room yet (in flight, queued) moved past `earlier`,
   * an edit of the text (as `text` was before it) that the room ordered first.
   */
  private moveTextPast(id: string, text: string, earlier: TextEdit): void {
    const flying = this.inFlight(id);
    const queued = this.queuedText.get(id) ?? [];
    if (!flying && !queued.length) return;
    const moved = rebase(text, [...(flying ? [editOf(flying)] : []), ...queued], [earlier]);
    if (flying) Object.assign(flying, moved.shift());
    if (moved.length) this.queuedText.set(id, moved);
    else this.queuedText.delete(id);
  }

  /** The in-flight text edits back to the front of their queues: they will be sent again. */
  private requeueInFlight(ids: string[] = [...this.textInFlight.keys()]): void {
    for (const id of ids) {
      const flying = this.inFlight(id);
      if (flying) this.queuedText.set(id, [editOf(flying), ...(this.queuedText.get(id) ?? [])]);
      this.textInFlight.delete(id);
    }
  }

  /** The pointer on the canvas, in canvas coordinates; sent at most every cursorIntervalMs. */
  cursor(x: number, y: number): void {
    this.nextCursor = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
    const interval = this.options.cursorIntervalMs ?? 50;
    const wait = this.lastCursorAt + interval - Date.now();
    if (this.cursorTimer !== undefined) return;
    this.cursorTimer = setTimeout(
      () => {
        this.cursorTimer = undefined;
        if (!this.nextCursor || this.state !== 'live') return;
        this.lastCursorAt = Date.now();
        this.send({ type: 'cursor', ...this.nextCursor });
        this.nextCursor = null;
      },
      Math.max(0, wait),
    );
  }

  selection(ids: string[]): void {
    if (this.state === 'live') this.send({ type: 'selection', ids });
  }

  /** The others in the room (one entry per person: their newest connection). */
  others(): Member[] {
    const byUser = new Map<string, Member>();
    for (const member of this.members.values()) if (member.connection_id !== this.connectionId) byUser.set(member.user_id, member);
    return [...byUser.values()];
  }

  /** What the room will hold once every pending operation (and queued text edit) is applied. */
  private expected(withQueued = true): DiagramDocument {
    let doc = this.confirmed!;
    for (const ops of this.pending.values()) doc = applyOperations(doc, ops);
    if (withQueued) for (const [id, edits] of this.queuedText) doc = applyOperations(doc, edits.map((edit) => textOperation(id, edit)));
    return doc;
  }

  private send(message: Message): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: LiveState): void {
    this.state = state;
    this.options.listener.changed();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const token = await this.options.token();
    if (this.stopped) return;
    const link = this.options.link;
    if (!token && !link) {
      this.setState('ended');
      return;
    }
    const origin = this.options.origin ?? window.location.origin;
    const url = new URL(`/ws/files/${encodeURIComponent(this.options.fileId)}`, origin.replace(/^http/, 'ws'));
    if (this.confirmed) url.searchParams.set('last_seq', String(this.seq));
    if (token) url.searchParams.set('access_token', token);
    if (link) {
      url.searchParams.set('share_token', link.token);
      if (link.password) url.searchParams.set('share_password', link.password);
    }
    const socket = this.options.open ? this.options.open(url.toString()) : (new WebSocket(url) as unknown as SocketLike);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: Message;
      try {
        message = JSON.parse(event.data) as Message;
      } catch {
        return;
      }
      this.receive(message);
    };
    socket.onclose = (event) => this.closed(event.code, event.reason);
    socket.onerror = () => undefined; // the close that follows says what happened
  }

  private closed(code: number, reason?: string): void {
    clearInterval(this.heartbeat);
    this.socket = null;
    if (this.stopped) return;
    // 4401 is usually an expired token or changed roles, which a reconnect mends; a team-only
    // link opened signed out is refused the same way, and no reconnect mends that.
    const final = code === 4401 && reason === 'authentication_required' ? SIGN_IN_FIRST : FINAL_CLOSES[code];
    if (final) {
      this.options.listener.notice?.(final);
      this.setState('ended');
      return;
    }
    // Unacknowledged operations may or may not be in the log: the rejoin's replay says which.
    const delays = this.options.reconnectDelays ?? [500, 1000, 2000, 5000, 10000];
    const delay = delays[Math.min(this.attempts, delays.length - 1)];
    this.attempts += 1;
    this.setState(this.attempts > 3 ? 'offline' : 'reconnecting');
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  /** Handles one message of the room's. */
  receive(message: Message): void {
    switch (message.type) {
      case 'welcome':
        return this.welcome(message);
      case 'op':
        return this.operation(message);
      case 'snapshot':
        if (typeof message.seq === 'number') this.seq = message.seq;
        return this.replace(message.document as DiagramDocument);
      case 'lock':
      case 'unlock':
        if (typeof message.seq === 'number' && message.seq > this.seq) this.seq = message.seq;
        return;
      case 'joined':
        this.members.set(message.member.connection_id, message.member);
        return this.options.listener.changed();
      case 'left':
        this.members.delete(message.connection_id);
        return this.options.listener.changed();
      case 'cursor':
      case 'selection':
      case 'status':
        return this.presence(message);
      case 'error':
        return this.refused(message);
      case 'file_event':
        if (message.event === 'file.updated') {
          this.lastSavedAt = Date.now();
          this.checkFlushed();
          this.options.listener.changed();
        }
        this.options.listener.fileEvent?.(message);
        return;
      case 'comment':
        this.options.listener.comment?.(message);
        return;
      default:
        return;
    }
  }

  private welcome(message: Message): void {
    this.connectionId = message.connection_id ?? message.you?.connection_id ?? '';
    this.ownConnections.add(this.connectionId);
    this.readOnly = !['edit', 'manage'].includes(message.you?.permission);
    if (typeof message.max_ops_per_message === 'number') this.maxOps = Math.max(1, message.max_ops_per_message);
    if (typeof message.max_message_size === 'number') this.maxChars = Math.max(1000, Math.floor(message.max_message_size * 0.8));
    this.members = new Map((message.members ?? []).map((m: Member) => [m.connection_id, m] as const));
    this.attempts = 0;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.send({ type: 'ping' }), this.options.heartbeatMs ?? 25_000);
    if (message.document) {
      this.seq = message.seq ?? 0;
      this.state = 'live';
      this.replace(message.document as DiagramDocument);
    } else {
      this.state = 'live';
      // Nothing goes out during the replay: what is still unacknowledged after it is sent below.
      this.replaying = true;
      try {
        for (const missed of message.missed ?? []) this.receive(missed);
      } finally {
        this.replaying = false;
      }
      if (typeof message.seq === 'number' && message.seq > this.seq) this.seq = message.seq;
      // Operations sent before the drop and not in the replay never reached the log: send again
      // (the text edits as moved past what the replay brought).
      this.requeueInFlight();
      this.pending.clear();
      // The canvas's changes are then taken against the room's document: carried ones among them.
      this.baseline = null;
      this.carried = [];
      this.submit();
    }
    this.options.listener.changed();
  }

  /**
   * The room's content was replaced (a first join, a rejoin too old for a replay, a merge of a
   * save made elsewhere): the person's edits not yet acknowledged are kept on top of it and sent.
   */
  private replace(doc: DiagramDocument): void {
    const firstJoin = !this.confirmed && !this.baseline;
    const base = this.baseline ?? (this.confirmed ? this.expected() : (this.loadedReading ?? this.options.loaded ?? null));
    const current = base ? this.options.listener.current() : null;
    const local = [...this.carried, ...(base ? this.takeLocal(base, false, current!) : [])];
    this.carried = [];
    if (firstJoin && current && this.options.loaded && equalJson(doc, this.options.loaded)) {
      // The usual first join: the room holds what the canvas was loaded with, so the canvas shows
      // it already, with any edit made since on top. Showing it again would rebuild every element
      // for nothing (~100 ms for 500 shapes, just as the canvas is first drawn). The edits go out.
      this.confirmed = doc;
      this.baseline = current;
      this.carried = this.readOnly ? [] : local;
      if (local.length || this.queuedText.size) this.submit();
      return;
    }
    // The text edits not in the room yet were made on the texts of the document before: they move
    // past the difference to the new content, and go out again (the room refuses those in flight).
    const before = this.confirmed ?? this.options.loaded ?? null;
    for (const opId of this.textInFlight.values()) this.droppedText.add(opId);
    this.requeueInFlight();
    this.textBase.clear();
    for (const [id, queued] of [...this.queuedText]) {
      const was = textOf(before, id) ?? '';
      const now = textOf(doc, id);
      if (now === undefined) this.queuedText.delete(id);
      else this.queuedText.set(id, rebase(was, queued, diffEdits(was, now)));
    }
    this.confirmed = doc;
    this.pending.clear();
    this.show(applyOperations(this.expected(), local), local);
    this.submit();
  }

  /**
   * An entry of the log. The canvas becomes the room's document with this client's pending and
   * unsent edits on top: they come later in the room's order, so they win there too.
   */
  private operation(message: Message): void {
    if (!this.confirmed || typeof message.seq !== 'number' || message.seq <= this.seq) return;
    // Carried edits stay carried unless the canvas is shown again below.
    const unsent = [...this.carried, ...this.takeLocal(this.baseline ?? this.expected(), false)];
    this.seq = message.seq;
    const ops = (message.ops ?? []) as Operation[];
    const sent = this.ownConnections.has(message.connection_id) ? this.pending.get(message.op_id) : undefined;
    const mine = sent !== undefined && this.pending.delete(message.op_id);
    // One's own text edit as the room applied it is the one in flight as moved here; should they
    // differ (the room applied a whole new text meanwhile), the canvas shows the room's.
    let differs = false;
    for (const op of ops) {
      if (op.op === 'text') {
        const text = textOf(this.confirmed, op.id);
        if (mine) {
          const flying = sent.find((o) => o.op === 'text' && o.id === op.id) as TextOperation | undefined;
          differs ||= !flying || flying.index !== op.index || flying.delete !== op.delete || flying.insert !== op.insert;
          if (this.textInFlight.get(op.id) === message.op_id) this.textInFlight.delete(op.id);
        } else if (text !== undefined) {
          this.moveTextPast(op.id, text, editOf(op));
        }
      }
      this.confirmed = applyOperations(this.confirmed, [op]);
    }
    if (mine) {
      this.textBase.delete(message.op_id);
      this.lastAckAt = Date.now();
      this.resends = 0;
    }
    this.options.listener.changed();
    // One's own edit, as sent, is on the canvas already (an undo's is not).
    if (!mine || message.kind !== undefined || differs) this.show(applyOperations(this.expected(), unsent), unsent);
    this.sendText();
    this.reconcileWhenSettled();
  }

  /**
   * With nothing in flight and nothing unsent, the canvas must show the room's document; when an
   * edit was refused, or the canvas's mapping dropped something, this is where it comes back. What
   * the person changed since the refused edit went out (not sent yet) stays on top, to go out next;
   * a viewer's changes do not (nothing of theirs goes out).
   */
  private reconcileWhenSettled(): void {
    if (!this.settled || !this.confirmed) return;
    const current = this.options.listener.current();
    if (JSON.stringify(current) === JSON.stringify(this.confirmed)) return;
    if (this.refusedSinceSettled) {
      this.refusedSinceSettled = false;
      if (this.readOnly) {
        this.show(this.confirmed);
        return;
      }
      const unsent = this.takeUnsent();
      this.show(applyOperations(this.expected(), unsent), unsent);
      this.sendText();
    }
  }

  private refusedSinceSettled = false;

  /**
   * Shows `doc`, which has the person's `unsent` edits on top: they are carried to the next
   * submit (none once the room has made this person a viewer: nothing of theirs goes out).
   */
  private show(doc: DiagramDocument, unsent: Operation[] = []): void {
    this.options.listener.show(doc);
    this.baseline = this.options.listener.current();
    this.carried = this.readOnly ? [] : unsent;
  }

  private refused(message: Message): void {
    if (typeof message.op_id === 'string' && this.droppedText.delete(message.op_id)) return;
    if (message.code === 'temporarily_unavailable' && typeof message.op_id === 'string' && this.pending.has(message.op_id)) {
      return this.sendAgainLater(message.op_id);
    }
    if (typeof message.op_id === 'string' && this.refusedText(message)) return;
    if (message.code === 'read_only') {
      this.readOnly = true;
      this.carried = [];
      this.options.listener.changed();
    }
    if (typeof message.op_id === 'string' && this.pending.has(message.op_id)) {
      this.pending.delete(message.op_id);
      this.refusedSinceSettled = true;
      this.options.listener.notice?.(`An edit was not applied: ${message.message ?? message.code}`);
      this.reconcileWhenSettled();
    } else if (message.code === 'stale_base') {
      this.send({ type: 'resync', last_seq: this.seq });
    } else if (message.code === 'access_revoked') {
      this.options.listener.notice?.('You no longer have access to this diagram.');
    } else if (message.code === 'identity_changed') {
      // Team roles changed: the room closes with 4401 and the reconnect joins with the new ones.
      this.options.listener.notice?.('Your role in the team changed: reconnecting with it.');
    }
  }

  /**
   * The room could not take an edit just then (Redis or diagram-service did not answer) and asks
   * for it again: nothing of it is in the log. It stays on the canvas and goes out again after a
   * growing delay. What it changed is taken as the difference it makes to what the room will hold,
   * so an edit sent after it (and still in flight, since the room answers in order) keeps the last
   * word on what both changed. A text edit goes back to the front of its text's queue.
   */
  private sendAgainLater(opId: string): void {
    const texts = this.textsSentIn(opId);
    if (texts.length) {
      this.requeueInFlight(texts);
      this.textBase.delete(opId);
      this.pending.delete(opId);
    } else {
      const withIt = this.expected();
      this.pending.delete(opId);
      this.carried = [...diffDocuments(this.expected(), withIt), ...this.carried];
    }
    if (this.resend !== undefined) return;
    const delays = this.options.resendDelays ?? [500, 1000, 2000, 5000];
    const delay = delays[Math.min(this.resends, delays.length - 1)];
    this.resends += 1;
    this.resend = setTimeout(() => {
      this.resend = undefined;
      this.submit();
    }, delay);
  }

  /**
   * A refused text message. A base older than the room's text history is sent again on the text
   * as it stands (the edit was moved past everything since); any other refusal drops the text's
   * edits not in the room, and the canvas shows the room's text.
   */
  private refusedText(message: Message): boolean {
    const opId = message.op_id as string;
    const ids = this.textsSentIn(opId);
    if (!ids.length) return false;
    const sentOn = this.textBase.get(opId) ?? this.seq;
    this.textBase.delete(opId);
    if (message.code === 'stale_base' && sentOn < this.seq) {
      this.requeueInFlight(ids);
      this.pending.delete(opId);
      this.sendText();
      return true;
    }
    const unsent = this.takeUnsent();
    this.pending.delete(opId);
    for (const id of ids) {
      this.textInFlight.delete(id);
      this.queuedText.delete(id);
    }
    if (message.code === 'stale_base') this.send({ type: 'resync', last_seq: this.seq });
    else this.options.listener.notice?.(`An edit was not applied: ${message.message ?? message.code}`);
    if (message.code === 'read_only') {
      this.readOnly = true;
      this.options.listener.changed();
    }
    this.show(applyOperations(this.expected(), unsent), unsent);
    return true;
  }

  /** The texts whose edits went out in the message `opId`. */
  private textsSentIn(opId: string): string[] {
    return [...this.textInFlight].filter(([, sent]) => sent === opId).map(([id]) => id);
  }

  private presence(message: Message): void {
    const member = this.members.get(message.connection_id);
    if (!member) return;
    if (message.type === 'cursor') member.cursor = { x: message.x, y: message.y };
    if (message.type === 'selection') member.selection = message.ids ?? [];
    if (message.type === 'status') member.status = message.status;
    this.options.listener.changed();
  }
}
