// Character-level text edits of the collaboration protocol (docs/collaboration-protocol.md, the
// `text` operation): the smallest edit between two texts, the server's transformation of an edit
// past an earlier one (as collaboration-service's TextEdit.after, which the client must reproduce
// exactly to show what the room will hold), composing consecutive edits, and moving a client's
// own pending edits past someone else's. Offsets are UTF-16 units (JavaScript string offsets).
// Free of React and the canvas: tested under Node.

export interface TextEdit {
  index: number;
  delete: number;
  insert: string;
}

export const isNoop = (edit: TextEdit) => edit.delete === 0 && edit.insert === '';

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.delete);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Whether offset `at` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

/**
 * The one edit that turns `before` into `after`: what lies between their common prefix and their
 * common suffix. Never cuts a surrogate pair (the server refuses such edits).
 */
export function diffText(before: string, after: string): TextEdit {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  if (splitsPair(before, prefix) || splitsPair(after, prefix)) prefix -= 1;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  if (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix)) suffix -= 1;
  return { index: prefix, delete: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}

/**
 * Where a caret at `position` goes when `edit` changes the text around it: unmoved before the
 * edit, shifted by it after, at the end of the insertion when inside the removed range.
 */
export function shiftPosition(position: number, edit: TextEdit): number {
  const end = edit.index + edit.delete;
  if (position <= edit.index) return position;
  return position >= end ? position - edit.delete + edit.insert.length : edit.index + edit.insert.length;
}

/** The LCS table is at most this many cells; beyond, the differing middle is one edit. */
const MAX_DIFF_CELLS = 1_000_000;

/**
 * Edits, applied one after another, that turn `before` into `after` keeping their longest common
 * subsequence of characters: text typed in two places between two looks is two edits, and nothing
 * the person left alone is deleted and inserted again (a concurrent insertion inside such a range
 * would otherwise keep the old copy beside the new one). Long differing middles are one edit.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  const outer = diffText(before, after);
  if (isNoop(outer)) return [];
  const a = Array.from(before.slice(outer.index, outer.index + outer.delete));
  const b = Array.from(outer.insert);
  if (!a.length || !b.length || a.length * b.length > MAX_DIFF_CELLS) return [outer];
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const edits: TextEdit[] = [];
  let position = outer.index; // in the text as edited so far
  let current: TextEdit | null = null;
  const close = () => {
    if (current) {
      edits.push(current);
      position = current.index + current.insert.length;
      current = null;
    }
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close();
      position += a[i]!.length;
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || lengths[i * width + j + 1]! >= lengths[(i + 1) * width + j]!)) {
      current ??= { index: position, delete: 0, insert: '' };
      current.insert += b[j]!;
      j += 1;
    } else {
      current ??= { index: position, delete: 0, insert: '' };
      current.delete += a[i]!.length;
      i += 1;
    }
  }
  close();
  return edits;
}

/**
 * `edit` as it applies after `earlier`, which the server ordered first and the edit's author had
 * not seen: of two insertions at one place the earlier stays first, and a deletion stops before
 * text inserted inside its range (it never removes what its author had not seen).
 */
export function after(edit: TextEdit, earlier: TextEdit): TextEdit {
  const earlierEnd = earlier.index + earlier.delete;
  const startAfter = (position: number) =>
    position < earlier.index ? position : position <= earlierEnd ? earlier.index + earlier.insert.length : position - earlier.delete + earlier.insert.length;
  const endAfter = (position: number) =>
    position <= earlier.index ? position : position < earlierEnd ? earlier.index : position - earlier.delete + earlier.insert.length;
  const end = edit.index + edit.delete;
  const start = startAfter(edit.index);
  let moved = endAfter(end);
  if (edit.index < earlier.index && end > earlier.index && earlier.insert.length > 0) moved = Math.min(moved, earlier.index);
  return { index: start, delete: Math.max(0, moved - start), insert: edit.insert };
}

/**
 * One edit doing `first` then `second` (made on the text `first` produced), when the second
 * touches what the first inserted or the place it edited; null when they lie apart.
 */
export function compose(first: TextEdit, second: TextEdit): TextEdit | null {
  const insertedEnd = first.index + first.insert.length;
  const secondEnd = second.index + second.delete;
  if (second.index > insertedEnd || secondEnd < first.index) return null;
  const index = Math.min(first.index, second.index);
  const endInMiddle = Math.max(insertedEnd, secondEnd);
  const endInOriginal = endInMiddle - first.insert.length + first.delete;
  const insert = first.insert.slice(0, Math.max(0, second.index - first.index)) + second.insert + first.insert.slice(secondEnd - first.index);
  return { index, delete: endInOriginal - index, insert };
}

/** Consecutive edits with the neighbours that touch merged (typing in one place is one edit). */
export function composeAll(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    if (isNoop(edit)) continue;
    const last = out[out.length - 1];
    const merged = last ? compose(last, edit) : null;
    if (merged) {
      out.pop();
      if (!isNoop(merged)) out.push(merged);
    } else {
      out.push(edit);
    }
  }
  return out;
}

/**
 * Moves `edits`, made one after another on `text`, past `earlier` (edits, one after another, of
 * `text` that the server ordered before them). The first moves exactly as the server will move it;
 * each later one moves past the difference the earlier ones' moves made. Returns the edits as
 * they apply, one after another, on the text `earlier` made.
 */
export function rebase(text: string, edits: readonly TextEdit[], earlier: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  let mine = text;
  let theirs = earlier.reduce(applyEdit, text);
  let past = earlier;
  for (const edit of edits) {
    const moved = past.reduce(after, edit);
    mine = applyEdit(mine, edit);
    theirs = applyEdit(theirs, moved);
    past = diffEdits(mine, theirs);
    out.push(moved);
  }
  return out;
}
