// The comments panel's pure logic (unit-tested in tests/unit/comments.test.ts): the list's query
// from the filters, mentions in a comment's text, the @word being typed, an anchor described in
// words, who may edit or delete what, permalinks, and where a pin sits on the canvas.
import type { Schemas } from '../../api/client';
import type { DiagramDocument } from '../mapping';

export type Thread = Schemas['ThreadView'];
export type Comment = Schemas['CommentView'];
export type Anchor = Schemas['Anchor'];

/** The reactions the API knows (CommentController), in its order, with what the person sees. */
export const REACTIONS: readonly { emoji: string; symbol: string; label: string }[] = [
  { emoji: 'thumbs_up', symbol: '👍', label: 'Thumbs up' },
  { emoji: 'thumbs_down', symbol: '👎', label: 'Thumbs down' },
  { emoji: 'heart', symbol: '❤️', label: 'Heart' },
  { emoji: 'laugh', symbol: '😄', label: 'Laugh' },
  { emoji: 'tada', symbol: '🎉', label: 'Celebrate' },
  { emoji: 'eyes', symbol: '👀', label: 'Eyes' },
  { emoji: 'rocket', symbol: '🚀', label: 'Rocket' },
  { emoji: 'confused', symbol: '😕', label: 'Confused' },
];

/** COMMENT_MAX_LENGTH's default: the server says so too, this spares a round trip. */
export const MAX_COMMENT_LENGTH = 10_000;
/** COMMENT_MAX_MENTIONS's default. */
export const MAX_MENTIONS = 20;

export interface Filters {
  status: 'open' | 'resolved' | 'all';
  mine: boolean;
  mentioningMe: boolean;
  q: string;
}

export const DEFAULT_FILTERS: Filters = { status: 'open', mine: false, mentioningMe: false, q: '' };

/** The list endpoint's query for the filters (only what differs from its defaults). */
export function listQuery(filters: Filters, size = 50): { status: string; mine?: boolean; mentioning_me?: boolean; q?: string; size: number } {
  const query: { status: string; mine?: boolean; mentioning_me?: boolean; q?: string; size: number } = { status: filters.status, size };
  if (filters.mine) query.mine = true;
  if (filters.mentioningMe) query.mentioning_me = true;
  // The server limits search words to 200 characters: longer is cut rather than refused.
  const q = filters.q.trim().slice(0, 200);
  if (q) query.q = q;
  return query;
}

const ADDRESS = /(?:^|[\s(,;])@([^\s@()<>,;]+@[^\s@()<>,;]+\.[^\s@()<>,;]+)/g;

/**
 * The e-mail addresses a comment mentions: each `@address` in its text, once, in order,
 * without the punctuation that may end a sentence after it.
 */
export function mentionsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ADDRESS)) {
    const address = (match[1] ?? '').replace(/[.,;:!?'"’”)\]]+$/, '').toLowerCase();
    if (/^[^@]+@[^@]+\.[^@.]+$/.test(address) && !found.includes(address)) found.push(address);
  }
  return found;
}

/** The `@word` being typed at the caret (what to look people up by), or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([^\s@]*)$/.exec(before);
  const query = match?.[1];
  if (query === undefined) return null;
  return { start: caret - query.length - 1, query };
}

/** The text with the `@word` at `start` (up to the caret) replaced by `@address `; the new caret. */
export function insertMention(text: string, start: number, caret: number, address: string): { text: string; caret: number } {
  const inserted = `@${address} `;
  const after = text.slice(caret).replace(/^\S*/, '').replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** The words a shape goes by: its label, or its type. */
function shapeName(doc: DiagramDocument, id: string): string | null {
  const shape = doc.shapes.find((s) => s.id === id);
  if (!shape) return null;
  const text = typeof shape.text === 'string' ? shape.text.replace(/\s+/g, ' ').trim() : '';
  if (text) return `“${text.length > 40 ? text.slice(0, 39) + '…' : text}”`;
  return `(${shape.type})`;
}

/** What a thread is about, in words: "Shape “API”", "Point (10, -4)", "Note, characters 14–25". */
export function describeAnchor(anchor: Anchor | undefined, doc: DiagramDocument, orphaned = false): string {
  switch (anchor?.kind) {
    case 'shape': {
      if (orphaned) return 'A deleted shape';
      return `Shape ${shapeName(doc, anchor.shape_id ?? '') ?? `“${anchor.shape_id ?? ''}”`}`;
    }
    case 'point':
      return `Point (${Math.round(anchor.x ?? 0)}, ${Math.round(anchor.y ?? 0)})`;
    case 'note':
      return `Note, characters ${anchor.start ?? 0}–${anchor.end ?? 0}`;
    default:
      return 'The whole diagram';
  }
}

/** Who may edit a comment: its author only, as the API rules (even the file's owner may not). */
export const mayEdit = (comment: Comment, me: string | undefined) => !!me && comment.author_id === me;

/** Who may delete a comment: its author, or whoever manages the file (owner, team admin). */
export const mayDelete = (comment: Comment, me: string | undefined, permission: string | undefined) =>
  mayEdit(comment, me) || permission === 'manage';

/** The thread's permalink on this origin: the editor opens with the thread focused. */
export const permalink = (origin: string, fileId: string, threadId: string) =>
  `${origin}/files/${encodeURIComponent(fileId)}?thread=${encodeURIComponent(threadId)}`;

/**
 * The comment a page's address points at: `?thread=` (the permalink), `?comment=` (a comment of
 * a thread) or `#comment-{id}` (notification mails).
 */
export function linkedComment(search: string, hash: string): string | null {
  const query = new URLSearchParams(search);
  const id = query.get('thread') ?? query.get('comment') ?? (/^#comment-([0-9a-f-]{36})$/i.exec(hash)?.[1] ?? null);
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

export interface View {
  scrollX: number;
  scrollY: number;
  zoom: number;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A scene point in pixels of the canvas's frame (Excalidraw: (scene + scroll) × zoom). */
export const toFrame = (view: View, x: number, y: number) => ({ x: (x + view.scrollX) * view.zoom, y: (y + view.scrollY) * view.zoom });

/** A pixel of the canvas's frame as a scene point. */
export const fromFrame = (view: View, x: number, y: number) => ({ x: x / view.zoom - view.scrollX, y: y / view.zoom - view.scrollY });

export interface Pin {
  threadId: string;
  left: number;
  top: number;
}

const PIN_SIZE = 24;

/**
 * Where the pins of open threads sit: a shape's at its top right corner (several threads on one
 * shape side by side), a point's at the point; none for threads whose shape is gone or off screen.
 */
export function placePins(threads: Thread[], view: View, boxes: Map<string, Box>): Pin[] {
  const pins: Pin[] = [];
  const perShape = new Map<string, number>();
  for (const thread of threads) {
    const anchor = thread.anchor;
    if (!thread.id || thread.status === 'resolved' || thread.orphaned) continue;
    let at: { x: number; y: number } | null = null;
    if (anchor?.kind === 'shape' && anchor.shape_id) {
      const box = boxes.get(anchor.shape_id);
      if (!box) continue;
      const corner = toFrame(view, box.x + box.width, box.y);
      const n = perShape.get(anchor.shape_id) ?? 0;
      perShape.set(anchor.shape_id, n + 1);
      at = { x: corner.x - PIN_SIZE / 2 + n * (PIN_SIZE + 2), y: corner.y - PIN_SIZE / 2 };
    } else if (anchor?.kind === 'point') {
      const point = toFrame(view, anchor.x ?? 0, anchor.y ?? 0);
      at = { x: point.x - PIN_SIZE / 2, y: point.y - PIN_SIZE };
    }
    if (!at || at.x < -PIN_SIZE || at.y < -PIN_SIZE || at.x > view.width || at.y > view.height) continue;
    pins.push({ threadId: thread.id, left: Math.round(at.x), top: Math.round(at.y) });
  }
  return pins;
}

/** A short "5 min ago" / date for a comment's time. */
export function when(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(at));
}
