// The collaboration client's operations: the delta between two documents is only what changed,
// by shape id and property, in an order the room accepts, and applying it gives the new document.
// Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOperations, batches, diffDocuments } from '../../src/editor/live/ops.ts';
import type { DiagramDocument } from '../../src/editor/mapping.ts';

const base: DiagramDocument = {
  schema_version: 1,
  background: '#ffffff',
  shapes: [
    { id: 'A', type: 'rectangle', x: 0, y: 0, width: 100, height: 40, text: 'Start', style: { stroke_color: '#000000' } },
    { id: 'B', type: 'ellipse', x: 300, y: 0, width: 100, height: 40 },
    { id: 'A-B', type: 'arrow', start: { shape_id: 'A' }, end: { shape_id: 'B' } },
  ],
};

test('an unchanged document produces no operations', () => {
  assert.deepEqual(diffDocuments(base, structuredClone(base)), []);
});

test('a moved shape is one update naming only the properties that changed', () => {
  const after = structuredClone(base);
  after.shapes[0]!.x = 50;
  after.shapes[0]!.style = { stroke_color: '#ff0000' };
  assert.deepEqual(diffDocuments(base, after), [{ op: 'update', id: 'A', set: { x: 50, style: { stroke_color: '#ff0000' } } }]);
});

test('a removed property is unset, a new one set', () => {
  const after = structuredClone(base);
  delete after.shapes[0]!.text;
  after.shapes[1]!.text = 'End';
  assert.deepEqual(diffDocuments(base, after), [
    { op: 'update', id: 'A', unset: ['text'] },
    { op: 'update', id: 'B', set: { text: 'End' } },
  ]);
});

test('a new shape and a connector to it: the shape is added before the connector that names it', () => {
  const after = structuredClone(base);
  after.shapes.push({ id: 'B-C', type: 'arrow', start: { shape_id: 'B' }, end: { shape_id: 'C' } });
  after.shapes.push({ id: 'C', type: 'diamond', x: 600, y: 0 });
  const ops = diffDocuments(base, after);
  assert.deepEqual(
    ops.filter((o) => o.op === 'add').map((o) => (o.op === 'add' ? o.shape.id : '')),
    ['C', 'B-C'],
  );
  assert.deepEqual(applyOperations(base, ops), after);
});

test('deleting a shape with its connector deletes the connector first (the room would take it along)', () => {
  const after: DiagramDocument = { ...structuredClone(base), shapes: [structuredClone(base.shapes[0]!)] };
  const ops = diffDocuments(base, after);
  assert.deepEqual(ops, [
    { op: 'delete', id: 'A-B' },
    { op: 'delete', id: 'B' },
  ]);
  assert.deepEqual(applyOperations(base, ops), after);
});

test('a change of z-order is a reorder, and the document fields a document operation', () => {
  const after = structuredClone(base);
  after.shapes = [after.shapes[1]!, after.shapes[0]!, after.shapes[2]!];
  after.background = '#000000';
  const ops = diffDocuments(base, after);
  assert.deepEqual(ops, [
    { op: 'reorder', id: 'B', index: 0 },
    { op: 'document', set: { background: '#000000' } },
  ]);
  assert.deepEqual(applyOperations(base, ops), after);
});

test('replaying operations is harmless: an add of a present shape and an update of a missing one change nothing', () => {
  const ops = diffDocuments(base, { ...base, shapes: [...base.shapes, { id: 'D', type: 'rectangle' }] });
  const once = applyOperations(base, ops);
  assert.deepEqual(applyOperations(once, ops), once);
  assert.deepEqual(applyOperations(base, [{ op: 'update', id: 'gone', set: { x: 1 } }]), base);
});

test('the room\'s delete takes bound connectors along and frees children', () => {
  const doc: DiagramDocument = {
    schema_version: 1,
    shapes: [...structuredClone(base.shapes), { id: 'child', type: 'rectangle', parent_id: 'A' }],
  };
  const after = applyOperations(doc, [{ op: 'delete', id: 'A' }]);
  assert.deepEqual(after.shapes.map((s) => s.id), ['B', 'child']);
  assert.equal(after.shapes[1]!.parent_id, null);
});

test('text edits splice at UTF-16 offsets', () => {
  const after = applyOperations(base, [{ op: 'text', id: 'A', index: 5, delete: 0, insert: ' here' }]);
  assert.equal(after.shapes[0]!.text, 'Start here');
});

test('random edits: the delta always rebuilds the edited document', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 200; round += 1) {
    const before = structuredClone(base);
    const after = structuredClone(base);
    for (let i = 0; i < 5; i += 1) {
      const choice = random();
      if (choice < 0.3) after.shapes.push({ id: `n${round}-${i}`, type: 'rectangle', x: Math.floor(random() * 100) });
      else if (choice < 0.5 && after.shapes.length) after.shapes.splice(Math.floor(random() * after.shapes.length), 1);
      else if (choice < 0.8 && after.shapes.length) after.shapes[Math.floor(random() * after.shapes.length)]!.y = Math.floor(random() * 100);
      else after.shapes.reverse();
    }
    // A connector whose end is gone goes with it, as in the room.
    after.shapes = after.shapes.filter((s) => [s.start?.shape_id, s.end?.shape_id].every((id) => !id || after.shapes.some((o) => o.id === id)));
    assert.deepEqual(applyOperations(before, diffDocuments(before, after)), after, `round ${round}`);
  }
});

test('batches keep each message under the limits', () => {
  const ops = Array.from({ length: 450 }, (_, i) => ({ op: 'delete' as const, id: `s${i}` }));
  assert.deepEqual(batches(ops, 200, 1e9).map((b) => b.length), [200, 200, 50]);
  assert.ok(batches(ops, 1000, 300).every((b) => JSON.stringify(b).length <= 330));
});
