// The diff API's answer (GET /api/diagrams/{id}/versions/diff), as far as the overlay reads it,
// and the colour overlay itself: a rectangle around every added (green), changed (yellow) and
// removed (red) shape, drawn into the newer version's SVG in the drawing's own coordinates.
import type { Shape } from '../document';

export interface ShapeChange {
  id: string;
  type?: string | null;
  shape?: Shape;
  changes?: { property?: string; from?: unknown; to?: unknown }[];
}

export interface VersionDiff {
  summary: { added: number; removed: number; modified: number; unchanged: number };
  shapes: { added: ShapeChange[]; removed: ShapeChange[]; modified: ShapeChange[] };
}

export type ChangeKind = 'added' | 'removed' | 'modified';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MARGIN = 6;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOfShape(shape: Shape | undefined): Box | null {
  if (!shape) return null;
  const points = [...(shape.points ?? [])];
  for (const end of [shape.start, shape.end]) if (end && typeof end.x === 'number' && typeof end.y === 'number') points.push([end.x, end.y]);
  if ((shape.width ?? 0) > 0 || (shape.height ?? 0) > 0 || points.length === 0) {
    return { x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? 0, height: shape.height ?? 0 };
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** Where the drawn shape is: its group in the SVG (by id), else the geometry the diff carries. */
function boxOf(svg: SVGSVGElement, change: ShapeChange): Box | null {
  const drawn = Array.from(svg.querySelectorAll('g[id]')).find((g) => g.id === change.id) as SVGGraphicsElement | undefined;
  if (drawn) {
    const box = drawn.getBBox();
    if (box.width > 0 || box.height > 0) return box;
  }
  return boxOfShape(change.shape);
}

/** Draws the overlay; returns how many shapes of each kind got a mark. */
export function drawOverlay(svg: SVGSVGElement, diff: VersionDiff): Record<ChangeKind, number> {
  svg.querySelector('g.diff-overlay')?.remove();
  const overlay = document.createElementNS(SVG_NS, 'g');
  overlay.setAttribute('class', 'diff-overlay');
  overlay.setAttribute('aria-hidden', 'true');
  svg.appendChild(overlay);
  const marked: Record<ChangeKind, number> = { added: 0, removed: 0, modified: 0 };
  const kinds: [ChangeKind, ShapeChange[]][] = [
    ['removed', diff.shapes.removed ?? []],
    ['modified', diff.shapes.modified ?? []],
    ['added', diff.shapes.added ?? []],
  ];
  for (const [kind, changes] of kinds) {
    for (const change of changes) {
      const box = boxOf(svg, change);
      if (!box) continue;
      const mark = document.createElementNS(SVG_NS, 'rect');
      mark.setAttribute('class', `diff-mark diff-${kind}`);
      mark.setAttribute('data-shape-id', change.id);
      mark.setAttribute('x', String(box.x - MARGIN));
      mark.setAttribute('y', String(box.y - MARGIN));
      mark.setAttribute('width', String(box.width + 2 * MARGIN));
      mark.setAttribute('height', String(box.height + 2 * MARGIN));
      mark.setAttribute('rx', '4');
      overlay.appendChild(mark);
      marked[kind]++;
    }
  }
  // Removed shapes are not in the newer drawing: grow the view so their marks are visible.
  growViewBox(svg, overlay);
  return marked;
}

function growViewBox(svg: SVGSVGElement, overlay: SVGGElement) {
  const view = svg.viewBox.baseVal;
  if (!view || (view.width === 0 && view.height === 0)) return;
  const marks = overlay.getBBox();
  if (marks.width === 0 && marks.height === 0) return;
  const x = Math.min(view.x, marks.x - MARGIN);
  const y = Math.min(view.y, marks.y - MARGIN);
  const right = Math.max(view.x + view.width, marks.x + marks.width + MARGIN);
  const bottom = Math.max(view.y + view.height, marks.y + marks.height + MARGIN);
  svg.setAttribute('viewBox', `${x} ${y} ${right - x} ${bottom - y}`);
}
