// The editor's part of the command palette that is plain logic (unit-tested in Node): which shapes
// a person can jump to by their label.
import type { DiagramDocument, Shape } from './mapping';

/** Longest label shown in the palette; longer ones end in an ellipsis. */
const MAX_LABEL = 60;

export interface ShapeTarget {
  id: string;
  label: string;
}

/** A shape's label as one short line, or null when it has none worth listing. */
export function shapeLabel(shape: Shape): string | null {
  if (typeof shape.text !== 'string') return null;
  const line = shape.text.split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return null;
  return line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line;
}

/**
 * The labelled shapes of a document, each id once, in document order; hidden shapes and groups
 * (which are no element on the canvas) left out.
 */
export function shapeTargets(doc: DiagramDocument): ShapeTarget[] {
  const seen = new Set<string>();
  const out: ShapeTarget[] = [];
  for (const shape of doc.shapes) {
    if (seen.has(shape.id) || shape.type === 'group' || shape.hidden === true) continue;
    seen.add(shape.id);
    const label = shapeLabel(shape);
    if (label) out.push({ id: shape.id, label });
  }
  return out;
}
