// A client of a file's collaboration room (docs/collaboration-protocol.md): one WebSocket to
// /ws/files/{id}, reconnected with ?last_seq= after a drop. It keeps the room's document as the
// room's messages build it (`confirmed`), sends the canvas's changes as operations (the delta
// against what the room will hold once everything sent is applied), applies everyone else's
// operations to the canvas, and tracks who is here. Free of React and the canvas: tested under Node.
import type { DiagramDocument } from '../mapping';
import { applyOperations, batches, diffDocuments, type Operation } from './ops';

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

type Message = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let opCounter = 0;

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
  private socket: SocketLike | null = null;
  private attempts = 0;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
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
  /** Resolvers of flushed(), run when the room saved after the last acknowledgement. */
  private flushWaiters: (() => void)[] = [];

  constructor(options: RoomOptions) {
    this.options = options;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    clearTimeout(this.cursorTimer);
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
    return this.pending.size === 0;
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

  /** Sends the canvas's changes since what was sent, as deltas; `known`: the canvas's document, just read. */
  submit(known?: DiagramDocument): void {
    if (!this.editing || !this.confirmed || this.socket?.readyState !== OPEN) return;
    const current = known ?? this.options.listener.current();
    const ops = diffDocuments(this.baseline ?? this.expected(), current);
    this.baseline = current;
    for (const batch of batches(ops, this.maxOps, this.maxChars)) {
      const opId = `${this.connectionId.slice(0, 8)}-${Date.now().toString(36)}-${(opCounter += 1)}`;
      this.pending.set(opId, batch);
      this.send({ type: 'op', op_id: opId, base_seq: this.seq, ops: batch });
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

  /** What the room will hold once every pending operation is applied. */
  private expected(): DiagramDocument {
    let doc = this.confirmed!;
    for (const ops of this.pending.values()) doc = applyOperations(doc, ops);
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
    socket.onclose = (event) => this.closed(event.code);
    socket.onerror = () => undefined; // the close that follows says what happened
  }

  private closed(code: number): void {
    clearInterval(this.heartbeat);
    this.socket = null;
    if (this.stopped) return;
    const final = FINAL_CLOSES[code];
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
      for (const missed of message.missed ?? []) this.receive(missed);
      if (typeof message.seq === 'number' && message.seq > this.seq) this.seq = message.seq;
      // Operations sent before the drop and not in the replay never reached the log: send again.
      this.pending.clear();
      this.baseline = null;
      this.submit();
    }
    this.options.listener.changed();
  }

  /**
   * The room's content was replaced (a first join, a rejoin too old for a replay, a merge of a
   * save made elsewhere): the person's edits not yet acknowledged are kept on top of it and sent.
   */
  private replace(doc: DiagramDocument): void {
    const base = this.baseline ?? (this.confirmed ? this.expected() : (this.options.loaded ?? null));
    const local = base ? diffDocuments(base, this.options.listener.current()) : [];
    this.confirmed = doc;
    this.pending.clear();
    this.show(applyOperations(doc, local));
    // The canvas cannot change between the two: what show() read is what submit() would read.
    this.submit(this.baseline ?? undefined);
  }

  /**
   * An entry of the log. The canvas becomes the room's document with this client's pending and
   * unsent edits on top: they come later in the room's order, so they win there too.
   */
  private operation(message: Message): void {
    if (!this.confirmed || typeof message.seq !== 'number' || message.seq <= this.seq) return;
    const unsent = diffDocuments(this.baseline ?? this.expected(), this.options.listener.current());
    this.seq = message.seq;
    this.confirmed = applyOperations(this.confirmed, (message.ops ?? []) as Operation[]);
    const mine = message.connection_id === this.connectionId && this.pending.delete(message.op_id);
    if (mine) this.lastAckAt = Date.now();
    this.options.listener.changed();
    // One's own edit, as sent, is on the canvas already (an undo's is not).
    if (!mine || message.kind !== undefined) this.show(applyOperations(this.expected(), unsent));
    this.reconcileWhenSettled();
  }

  /**
   * With nothing in flight and nothing unsent, the canvas must show the room's document; when an
   * edit was refused, or the canvas's mapping dropped something, this is where it comes back.
   */
  private reconcileWhenSettled(): void {
    if (!this.settled || !this.confirmed) return;
    const current = this.options.listener.current();
    if (JSON.stringify(current) === JSON.stringify(this.confirmed)) return;
    if (this.refusedSinceSettled) {
      this.refusedSinceSettled = false;
      this.show(this.confirmed);
    }
  }

  private refusedSinceSettled = false;

  private show(doc: DiagramDocument): void {
    this.options.listener.show(doc);
    this.baseline = this.options.listener.current();
  }

  private refused(message: Message): void {
    if (message.code === 'read_only') {
      this.readOnly = true;
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

  private presence(message: Message): void {
    const member = this.members.get(message.connection_id);
    if (!member) return;
    if (message.type === 'cursor') member.cursor = { x: message.x, y: message.y };
    if (message.type === 'selection') member.selection = message.ids ?? [];
    if (message.type === 'status') member.status = message.status;
    this.options.listener.changed();
  }
}
