// Code → document on the editor page: a parsed document keeps the places the canvas gave its shapes
// (same id), so editing a line of code does not rearrange the drawing; new shapes are reported as
// unplaced for the layout. Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepPlaces, sameDocument } from '../../src/editor/code/sync.ts';
import { toDocument, toScene, type DiagramDocument } from '../../src/editor/mapping.ts';

const onCanvas: DiagramDocument = {
  schema_version: 1,
  shapes: [
    { id: 'A', type: 'rectangle', x: 40, y: 60, width: 120, height: 50, text: 'Start' },
    { id: 'B', type: 'rectangle', x: 300, y: 60, width: 120, height: 50, text: 'Review' },
    { id: 'A-B', type: 'arrow', start: { shape_id: 'A' }, end: { shape_id: 'B' } },
  ],
};

test('shapes the canvas already placed keep their places; the code supplies everything else', () => {
  const parsed: DiagramDocument = {
    schema_version: 1,
    shapes: [
      { id: 'A', type: 'rectangle', x: 0, y: 0, width: 100, height: 40, text: 'Start' },
      { id: 'B', type: 'rectangle', x: 0, y: 0, width: 100, height: 40, text: 'Approved' },
      { id: 'A-B', type: 'arrow', start: { shape_id: 'A' }, end: { shape_id: 'B' }, text: 'ok' },
    ],
  };
  const { document, unplaced } = keepPlaces(parsed, onCanvas);
  assert.equal(unplaced, false);
  const b = document.shapes.find((s) => s.id === 'B');
  assert.deepEqual([b?.x, b?.y, b?.width, b?.height, b?.text], [300, 60, 120, 50, 'Approved']);
  assert.equal(document.shapes.find((s) => s.id === 'A-B')?.text, 'ok');
});

test('a shape the code adds without a place is reported, so the caller lays it out', () => {
  const parsed: DiagramDocument = { schema_version: 1, shapes: [...onCanvas.shapes, { id: 'C', type: 'rectangle', text: 'Shipped' }] };
  const { document, unplaced } = keepPlaces(parsed, onCanvas);
  assert.equal(unplaced, true);
  assert.equal(document.shapes.length, 4);
});

test('once on the canvas, a document comes back unchanged from another trip, so the code view does not rewrite it', () => {
  const back = toDocument(toScene(onCanvas).elements, {}, onCanvas);
  assert.ok(sameDocument(back, toDocument(toScene(back).elements, {}, back)));
  assert.ok(!sameDocument(onCanvas, { ...onCanvas, shapes: onCanvas.shapes.slice(1) }));
});
