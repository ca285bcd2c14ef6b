// Code → document: a parsed document takes the places the shapes already have on the canvas
// (same id, same place), so editing one line of code does not rearrange the drawing; shapes the
// code adds have no place yet and the caller lays them out.
import { isConnector, type Document, type Shape } from '../document';

const GEOMETRY = ['x', 'y', 'width', 'height', 'rotation'] as const;

const placed = (shape: Shape) => !!(shape.x || shape.y || shape.width || shape.height);

/** The parsed document with the current places of shapes both have, and whether any node has none. */
export function keepPlaces(parsed: Document, current: Document): { document: Document; unplaced: boolean } {
  const before = new Map(current.shapes.map((shape) => [shape.id, shape]));
  let unplaced = false;
  const shapes = parsed.shapes.map((shape) => {
    if (isConnector(shape)) return shape;
    const old = before.get(shape.id);
    if (old && placed(old)) {
      const merged: Shape = { ...shape };
      for (const key of GEOMETRY) if (old[key] !== undefined) merged[key] = old[key];
      return merged;
    }
    if (!placed(shape)) unplaced = true;
    return shape;
  });
  return { document: { ...parsed, shapes }, unplaced };
}

/** Two documents draw the same thing (cheap check before re-rendering code for a canvas change). */
export function sameDocument(a: Document | null, b: Document | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
