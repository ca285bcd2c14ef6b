// The collaboration protocol's operations (docs/collaboration-protocol.md) on the canonical
// document: the delta between two documents by shape id and property, and applying operations as
// the room does, so that a client replaying the room's messages in seq order holds the room's
// document. Free of React and the canvas: tested under Node.
import type { DiagramDocument, Shape } from '../mapping';

type Json = unknown;

export type Operation =
  | { op: 'add'; shape: Shape; index?: number }
  | { op: 'update'; id: string; set?: Record<string, Json>; unset?: string[] }
  | { op: 'delete'; id: string }
  | { op: 'reorder'; id: string; index: number }
  | { op: 'bind'; id: string; end: 'start' | 'end'; to: Json }
  | { op: 'text'; id: string; index: number; delete: number; insert: string }
  | { op: 'document'; set?: Record<string, Json>; unset?: string[] };

/** Top-level fields the `document` operation may not touch. */
const FIXED_DOCUMENT_FIELDS = new Set(['shapes', 'schema_version']);

const same = (a: Json, b: Json) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Whether two JSON values are equal, whatever the order of their objects' keys. */
export function equalJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as Json[];
    return a.length === other.length && a.every((v, i) => equalJson(v, other[i]));
  }
  const x = a as Record<string, Json>;
  const y = b as Record<string, Json>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && equalJson(x[k], y[k]));
}

const connectorTargets = (shape: Shape) => [shape.start?.shape_id, shape.end?.shape_id].filter((id): id is string => typeof id === 'string');

/**
 * The operations that turn `before` into `after`: deletions (connectors first, so that no
 * deletion of a shape takes a connector along that a later one names), additions (a shape after
 * the shapes its parent and connector ends name), property updates of the shapes both hold, the
 * z-order, and the document's own fields. Unchanged shapes produce nothing.
 */
export function diffDocuments(before: DiagramDocument, after: DiagramDocument): Operation[] {
  const ops: Operation[] = [];
  const old = new Map(before.shapes.map((s) => [s.id, s] as const));
  const now = new Map(after.shapes.map((s) => [s.id, s] as const));

  const gone = before.shapes.filter((s) => !now.has(s.id));
  // A connector bound to a deleted shape goes with it in the room: deleting it first keeps the
  // batch valid either way.
  const cascades = (s: Shape) => connectorTargets(s).some((id) => !now.has(id));
  for (const s of gone.filter(cascades)) ops.push({ op: 'delete', id: s.id });
  for (const s of gone.filter((s) => !cascades(s))) ops.push({ op: 'delete', id: s.id });

  const added = new Set<string>();
  const adding = new Set<string>();
  const add = (shape: Shape) => {
    if (added.has(shape.id) || adding.has(shape.id)) return;
    adding.add(shape.id);
    for (const id of [shape.parent_id, ...connectorTargets(shape)]) {
      const dependency = typeof id === 'string' && !old.has(id) ? now.get(id) : undefined;
      if (dependency) add(dependency);
    }
    adding.delete(shape.id);
    added.add(shape.id);
    ops.push({ op: 'add', shape: structuredClone(shape) });
  };
  for (const s of after.shapes) if (!old.has(s.id)) add(s);

  for (const s of after.shapes) {
    const was = old.get(s.id);
    if (!was) continue;
    const set: Record<string, Json> = {};
    const unset: string[] = [];
    for (const [key, value] of Object.entries(s)) {
      if (key !== 'id' && value !== undefined && !same(value, was[key])) set[key] = structuredClone(value);
    }
    for (const key of Object.keys(was)) if (key !== 'id' && was[key] !== undefined && s[key] === undefined) unset.push(key);
    if (Object.keys(set).length || unset.length) {
      ops.push({ op: 'update', id: s.id, ...(Object.keys(set).length ? { set } : {}), ...(unset.length ? { unset } : {}) });
    }
  }

  // The z-order: replay what is sent so far, then move each shape that is out of place.
  const order = applyOperations(before, ops).shapes.map((s) => s.id);
  after.shapes.forEach((s, index) => {
    if (order[index] === s.id) return;
    const from = order.indexOf(s.id);
    if (from < 0) return;
    order.splice(from, 1);
    order.splice(index, 0, s.id);
    ops.push({ op: 'reorder', id: s.id, index });
  });

  const set: Record<string, Json> = {};
  const unset: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (!FIXED_DOCUMENT_FIELDS.has(key) && value !== undefined && !same(value, before[key])) set[key] = structuredClone(value);
  }
  for (const key of Object.keys(before)) if (!FIXED_DOCUMENT_FIELDS.has(key) && before[key] !== undefined && after[key] === undefined) unset.push(key);
  if (Object.keys(set).length || unset.length) ops.push({ op: 'document', ...(Object.keys(set).length ? { set } : {}), ...(unset.length ? { unset } : {}) });
  return ops;
}

/**
 * Applies operations as the room does. An operation on a shape that is not there (deleted by
 * someone meanwhile) changes nothing, and an addition of a shape that is already there (the
 * acknowledgement of one's own, already shown) neither: replaying is harmless.
 */
export function applyOperations(doc: DiagramDocument, ops: readonly Operation[]): DiagramDocument {
  if (!ops.length) return doc;
  let shapes = doc.shapes.slice();
  const top: Record<string, Json> = { ...doc };
  const at = (id: string) => shapes.findIndex((s) => s.id === id);
  const clamp = (index: number | undefined, size: number) => (typeof index === 'number' && index >= 0 && index <= size ? Math.floor(index) : size);
  const remove = (id: string) => {
    const index = at(id);
    if (index < 0) return;
    shapes = shapes.filter((s) => !connectorTargets(s).includes(id) || s.id === id);
    shapes = shapes.map((s) => (s.parent_id === id ? { ...s, parent_id: null } : s));
    shapes.splice(at(id), 1);
  };
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        if (at(op.shape.id) < 0) shapes.splice(clamp(op.index, shapes.length), 0, structuredClone(op.shape));
        break;
      case 'update': {
        const index = at(op.id);
        if (index < 0) break;
        const next: Shape = { ...shapes[index]!, ...structuredClone(op.set ?? {}) };
        for (const key of op.unset ?? []) if (key !== 'id') delete next[key];
        next.id = op.id;
        shapes[index] = next;
        break;
      }
      case 'delete':
        remove(op.id);
        break;
      case 'reorder': {
        const index = at(op.id);
        if (index < 0) break;
        const [shape] = shapes.splice(index, 1);
        shapes.splice(clamp(op.index, shapes.length), 0, shape!);
        break;
      }
      case 'bind': {
        const index = at(op.id);
        if (index >= 0) shapes[index] = { ...shapes[index]!, [op.end]: structuredClone(op.to) };
        break;
      }
      case 'text': {
        const index = at(op.id);
        if (index < 0) break;
        const text = String(shapes[index]!.text ?? '');
        shapes[index] = { ...shapes[index]!, text: text.slice(0, op.index) + op.insert + text.slice(op.index + op.delete) };
        break;
      }
      case 'document':
        for (const [key, value] of Object.entries(op.set ?? {})) if (!FIXED_DOCUMENT_FIELDS.has(key)) top[key] = structuredClone(value);
        for (const key of op.unset ?? []) if (!FIXED_DOCUMENT_FIELDS.has(key)) delete top[key];
        break;
    }
  }
  return { ...(top as DiagramDocument), schema_version: doc.schema_version, shapes };
}

/** Splits operations into messages of at most `max` operations and about `maxChars` characters. */
export function batches(ops: readonly Operation[], max: number, maxChars: number): Operation[][] {
  const out: Operation[][] = [];
  let current: Operation[] = [];
  let chars = 0;
  for (const op of ops) {
    const size = JSON.stringify(op).length;
    if (current.length && (current.length >= max || chars + size > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(op);
    chars += size;
  }
  if (current.length) out.push(current);
  return out;
}
