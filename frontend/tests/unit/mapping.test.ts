// The canvas mapping against the Excalidraw fixture diagram-model's Java converter is tested on:
// the same facts come out, and document → elements → document gives the document back.
// Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeDocuments, toDocument, toScene, type DiagramDocument, type Element, type Shape } from '../../src/editor/mapping.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../diagram-model/src/test/resources/formats/excalidraw/${name}`, import.meta.url)), 'utf8'));

const checkout = fixture('checkout.excalidraw');
const imported = toDocument(checkout.elements, checkout.files, undefined, checkout.appState.viewBackgroundColor);
const shape = (doc: DiagramDocument, id: string): Shape => {
  const found = doc.shapes.find((s) => s.id === id);
  assert.ok(found, `no shape ${id}`);
  return found;
};

test('the fixture reads as the Java importer reads it: shapes, labels, colours, bindings', () => {
  assert.equal(imported.background, '#f8f9fa');
  const frame = shape(imported, 'frame-backend');
  assert.equal(frame.type, 'frame');
  assert.equal(frame.text, 'Backend');
  const api = shape(imported, 'rect-api');
  assert.equal(api.type, 'rectangle');
  assert.equal(api.parent_id, 'frame-backend');
  assert.equal(api.text, 'API Gateway');
  assert.deepEqual([api.x, api.y, api.width, api.height], [100, 120, 200, 80]);
  assert.equal(api.style?.stroke_color, '#1971c2');
  assert.equal(api.style?.fill_color, '#a5d8ff');
  assert.equal(api.style?.text_color, '#1971c2');
  assert.equal(api.style?.corner_radius, 20);
  assert.equal(api.style?.font_family, 'Excalifont');
  assert.equal(api.style?.font_size, 20);
  const db = shape(imported, 'ellipse-db');
  assert.equal(db.type, 'ellipse');
  assert.equal(db.text, 'Orders\nDB');
  assert.equal(db.style?.fill_style, 'hachure');
  const valid = shape(imported, 'diamond-valid');
  assert.equal(valid.rotation, 15);
  assert.equal(valid.style?.opacity, 0.8);
  assert.equal(valid.style?.fill_style, 'cross_hatch');
  const sql = shape(imported, 'arrow-sql');
  assert.equal(sql.type, 'arrow');
  assert.equal(sql.text, 'SQL');
  assert.equal(sql.start?.shape_id, 'rect-api');
  assert.equal(sql.end?.shape_id, 'ellipse-db');
  assert.ok('focus' in sql.start! && 'gap' in sql.start!);
  assert.equal(sql.start_arrowhead, 'none');
  assert.equal(sql.end_arrowhead, 'arrow');
  assert.equal(sql.routing, 'curved');
  // Bound text is a label, not a shape of its own; its id travels for the way back.
  assert.ok(!imported.shapes.some((s) => s.id === 'text-api'));
  assert.equal((api.excalidraw?.bound_text as { id: string }).id, 'text-api');
});

test('document → elements → document gives the same document', () => {
  const scene = toScene(imported);
  const again = toDocument(scene.elements, scene.files, imported, scene.background);
  assert.deepEqual(again, imported);
});

test('elements keep their ids, paint order, bindings and labels on the way to the canvas', () => {
  const scene = toScene(imported);
  const live = checkout.elements.filter((e: Element) => !e.isDeleted);
  assert.deepEqual(
    scene.elements.map((e) => e.id),
    live.map((e: Element) => e.id),
  );
  const byId = new Map(scene.elements.map((e) => [e.id, e] as const));
  for (const original of live as Element[]) {
    const mine = byId.get(original.id)!;
    for (const key of ['type', 'strokeColor', 'backgroundColor', 'fillStyle', 'strokeWidth', 'strokeStyle', 'roughness', 'opacity', 'frameId', 'groupIds', 'fontFamily', 'fontSize', 'textAlign', 'containerId', 'text', 'startArrowhead', 'endArrowhead', 'fileId']) {
      assert.deepEqual(mine[key], original[key], `${original.id}.${key}`);
    }
    // An arrow bound to a label is bound to the label's shape.
    const container = (id: string | undefined) => live.find((e: Element) => e.id === id)?.containerId ?? id;
    assert.equal(mine.startBinding?.elementId, container(original.startBinding?.elementId), `${original.id} start`);
    assert.equal(mine.endBinding?.elementId, container(original.endBinding?.elementId), `${original.id} end`);
    assert.ok(Math.abs(mine.angle - original.angle) < 1e-9, `${original.id}.angle`);
  }
});

test('a new document draws: shapes, an arrow bound between them with its label, groups in a frame', () => {
  const doc: DiagramDocument = {
    schema_version: 1,
    shapes: [
      { id: 'f', type: 'frame', x: 0, y: 0, width: 600, height: 300, text: 'Area' },
      { id: 'g', type: 'group', parent_id: 'f', mermaid: { keep: true } },
      { id: 'a', type: 'rectangle', x: 20, y: 20, width: 100, height: 50, parent_id: 'g', style: { font_weight: 'bold', fill_color: '#ffec99' } },
      { id: 'b', type: 'ellipse', x: 300, y: 20, width: 100, height: 50, parent_id: 'g', z_index: -1 },
      { id: 'e', type: 'arrow', start: { shape_id: 'a' }, end: { shape_id: 'b' }, text: 'calls' },
      { id: 'h', type: 'text', x: 5, y: 5, text: 'secret', hidden: true },
    ],
  };
  const scene = toScene(doc, 1);
  assert.deepEqual(
    scene.elements.map((e) => e.id),
    ['b', 'f', 'a', 'e', 'e-text'],
  );
  const arrow = scene.elements.find((e) => e.id === 'e')!;
  assert.equal(arrow.startBinding.elementId, 'a');
  assert.equal(arrow.endBinding.elementId, 'b');
  assert.deepEqual([arrow.x, arrow.y], [120, 45]);
  assert.deepEqual(arrow.points, [
    [0, 0],
    [180, 0],
  ]);
  const a = scene.elements.find((e) => e.id === 'a')!;
  assert.deepEqual(a.groupIds, ['g']);
  assert.equal(a.frameId, 'f');
  assert.deepEqual(a.boundElements, [{ id: 'e', type: 'arrow' }]);
  const back = toDocument(scene.elements, scene.files, doc);
  const ids = back.shapes.map((s) => s.id);
  assert.deepEqual(new Set(ids), new Set(['f', 'g', 'a', 'b', 'e', 'h']));
  assert.deepEqual(shape(back, 'g').mermaid, { keep: true }, 'a group keeps its extension fields');
  assert.equal(shape(back, 'a').style?.font_weight, 'bold', 'a style key the canvas lacks survives');
  assert.equal(shape(back, 'h').hidden, true, 'a hidden shape survives');
  assert.equal(shape(back, 'e').text, 'calls');
  assert.deepEqual(shape(back, 'e').start, { shape_id: 'a', focus: 0, gap: 1 });
  assert.ok(ids.indexOf('b') < ids.indexOf('a'), 'paint order follows z_index');
});

test('canvas edits come back: a moved, restyled shape and a deleted one', () => {
  const scene = toScene(imported);
  const edited = scene.elements.map((e) =>
    e.id === 'rect-api'
      ? { ...e, x: 140, strokeStyle: 'dashed', roundness: null, version: e.version + 1 }
      : e.id === 'rect-worker-b'
        ? { ...e, isDeleted: true }
        : e,
  );
  const doc = toDocument(edited, scene.files, imported, scene.background);
  const api = shape(doc, 'rect-api');
  assert.equal(api.x, 140);
  assert.equal(api.style?.stroke_style, 'dashed');
  assert.equal(api.style?.corner_radius, undefined, 'sharp corners drop the radius');
  assert.ok(!doc.shapes.some((s) => s.id === 'rect-worker-b'));
});

test('a merge applies my changes by shape id on top of theirs', () => {
  const base: DiagramDocument = {
    schema_version: 1,
    shapes: [
      { id: 'a', type: 'rectangle', x: 0, y: 0, width: 10, height: 10 },
      { id: 'b', type: 'rectangle', x: 50, y: 0, width: 10, height: 10 },
      { id: 'c', type: 'rectangle', x: 90, y: 0, width: 10, height: 10 },
    ],
  };
  const mine: DiagramDocument = {
    ...base,
    shapes: [{ ...base.shapes[0]!, x: 5 }, base.shapes[1]!, { id: 'd', type: 'ellipse', x: 0, y: 90, width: 10, height: 10 }],
  };
  const theirs: DiagramDocument = {
    ...base,
    shapes: [base.shapes[0]!, { ...base.shapes[1]!, text: 'theirs' }, base.shapes[2]!, { id: 'e', type: 'line', start: { shape_id: 'c' }, end: { x: 1, y: 1 } }],
  };
  const merged = mergeDocuments(base, mine, theirs);
  assert.deepEqual(
    merged.shapes.map((s) => [s.id, s.x, s.text]),
    [
      ['a', 5, undefined],
      ['b', 50, 'theirs'],
      ['e', undefined, undefined],
      ['d', 0, undefined],
    ],
  );
  assert.equal(shape(merged, 'e').start?.shape_id, undefined, 'an end bound to a deleted shape lets go');
});

test('the document read from the canvas shares nothing with its elements or the previous document, and reads as JSON would', () => {
  const elements = structuredClone(checkout.elements) as Element[];
  const withOddValues = elements.map((e) => ({ ...e, customData: { nested: { list: [1, 2] } }, odd: Number.NaN, gone: undefined }));
  const previous = structuredClone(imported);
  previous.extra = { kept: [1, 2] };
  const doc = toDocument(withOddValues, checkout.files, previous, checkout.appState.viewBackgroundColor);
  const asJson = JSON.parse(JSON.stringify(doc));
  const first = doc.shapes.find((s) => s.id === withOddValues[0]!.id)!;
  assert.equal(first.excalidraw?.odd, null, 'NaN becomes null, as in JSON');
  assert.ok(!('gone' in (first.excalidraw ?? {})), 'undefined fields are left out, as in JSON');
  // Changing the elements or the previous document afterwards changes nothing in the result.
  for (const e of withOddValues) {
    (e.customData as { nested: { list: number[] } }).nested.list.push(3);
    if (Array.isArray(e.groupIds)) e.groupIds.push('changed');
    if (Array.isArray(e.points)) e.points.push([9, 9]);
  }
  (previous.extra as { kept: number[] }).kept.push(3);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), asJson);
  assert.equal(Object.keys(doc)[0], 'schema_version', "the previous document's field order is kept");
});
