// The comments panel's pure logic: mentions found in a text and completed at the caret, the list's
// query, anchors in words, who may edit or delete, permalinks, and pins placed from the scene.
// Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FILTERS,
  describeAnchor,
  fromFrame,
  insertMention,
  linkedComment,
  listQuery,
  mayDelete,
  mayEdit,
  mentionAt,
  mentionsIn,
  permalink,
  placePins,
  toFrame,
  type Thread,
} from '../../src/editor/comments/model.ts';
import type { DiagramDocument } from '../../src/editor/mapping.ts';

const doc: DiagramDocument = {
  schema_version: 1,
  shapes: [
    { id: 'api', type: 'rectangle', x: 0, y: 0, width: 100, height: 50, text: 'API\ngateway' },
    { id: 'db', type: 'ellipse', x: 200, y: 0, width: 80, height: 80 },
  ],
};

test('mentions are the @addresses of the text, once each, without the punctuation after them', () => {
  assert.deepEqual(mentionsIn('@Ann@Example.com and (@bob@example.org), thanks @ann@example.com.'), ['ann@example.com', 'bob@example.org']);
  assert.deepEqual(mentionsIn('mail me at ann@example.com'), [], 'an address without @ before it is not a mention');
  assert.deepEqual(mentionsIn('@ann and @bob@localhost'), [], 'neither a bare name nor an address without a domain');
});

test('the @word at the caret is looked up, and choosing a person completes it with their address', () => {
  assert.deepEqual(mentionAt('hello @an', 9), { start: 6, query: 'an' });
  assert.equal(mentionAt('hello an', 8), null);
  assert.equal(mentionAt('mail ann@ex', 11), null, 'an @ inside a word is an address, not a mention');
  assert.deepEqual(mentionAt('@', 1), { start: 0, query: '' });
  const text = 'ask @an about it';
  const done = insertMention(text, 4, 7, 'ann@example.com');
  assert.equal(done.text, 'ask @ann@example.com about it');
  assert.equal(done.text.slice(0, done.caret), 'ask @ann@example.com ');
  assert.equal(insertMention('@an', 0, 3, 'ann@example.com').text, '@ann@example.com ');
});

test('the list query names only what differs from the API defaults, and cuts search words at 200', () => {
  assert.deepEqual(listQuery(DEFAULT_FILTERS), { status: 'open', size: 50 });
  assert.deepEqual(listQuery({ status: 'all', mine: true, mentioningMe: true, q: '  cache  ' }, 20), { status: 'all', mine: true, mentioning_me: true, q: 'cache', size: 20 });
  assert.equal(listQuery({ ...DEFAULT_FILTERS, q: 'x'.repeat(300) }).q?.length, 200);
});

test('anchors in words: a shape by its label, a deleted shape as such, a point, a note range, the file', () => {
  assert.equal(describeAnchor({ kind: 'shape', shape_id: 'api' }, doc), 'Shape “API gateway”');
  assert.equal(describeAnchor({ kind: 'shape', shape_id: 'db' }, doc), 'Shape (ellipse)');
  assert.equal(describeAnchor({ kind: 'shape', shape_id: 'gone' }, doc), 'Shape “gone”');
  assert.equal(describeAnchor({ kind: 'shape', shape_id: 'api' }, doc, true), 'A deleted shape');
  assert.equal(describeAnchor({ kind: 'point', x: 10.4, y: -4.5 }, doc), 'Point (10, -4)');
  assert.equal(describeAnchor({ kind: 'note', start: 14, end: 25 }, doc), 'Note, characters 14–25');
  assert.equal(describeAnchor(undefined, doc), 'The whole diagram');
});

test('only the author edits; the author or whoever manages the file deletes', () => {
  const comment = { id: 'c', author_id: 'ann' };
  assert.ok(mayEdit(comment, 'ann'));
  assert.ok(!mayEdit(comment, 'bob'));
  assert.ok(!mayEdit(comment, undefined));
  assert.ok(mayDelete(comment, 'ann', 'view'));
  assert.ok(!mayDelete(comment, 'bob', 'edit'));
  assert.ok(mayDelete(comment, 'bob', 'manage'));
});

test('permalinks: ?thread= is written; ?thread=, ?comment= and a mail\'s #comment- are read; nothing else is', () => {
  const id = '0b6f4a52-1c1e-4e27-9a1a-3d8c3c3b2f10';
  assert.equal(permalink('https://app.example', 'f 1', id), `https://app.example/files/f%201?thread=${id}`);
  assert.equal(linkedComment(`?thread=${id}`, ''), id);
  assert.equal(linkedComment(`?comment=${id}`, ''), id);
  assert.equal(linkedComment('', `#comment-${id}`), id);
  assert.equal(linkedComment('?thread=../../etc', ''), null);
  assert.equal(linkedComment('', ''), null);
});

test('scene and frame coordinates convert both ways with the scroll and zoom', () => {
  const view = { scrollX: 100, scrollY: -20, zoom: 2, width: 800, height: 600 };
  assert.deepEqual(toFrame(view, 10, 30), { x: 220, y: 20 });
  assert.deepEqual(fromFrame(view, 220, 20), { x: 10, y: 30 });
});

test('pins: open threads on shapes sit at the shape\'s top right, side by side; none for resolved, orphaned, missing or off-screen ones', () => {
  const view = { scrollX: 0, scrollY: 0, zoom: 1, width: 800, height: 600 };
  const boxes = new Map([
    ['api', { x: 0, y: 40, width: 100, height: 50 }],
    ['far', { x: 5000, y: 0, width: 10, height: 10 }],
  ]);
  const thread = (id: string, anchor: Thread['anchor'], extra: Partial<Thread> = {}): Thread => ({ id, anchor, status: 'open', ...extra });
  const pins = placePins(
    [
      thread('t1', { kind: 'shape', shape_id: 'api' }),
      thread('t2', { kind: 'shape', shape_id: 'api' }),
      thread('t3', { kind: 'shape', shape_id: 'api' }, { status: 'resolved' }),
      thread('t4', { kind: 'shape', shape_id: 'api' }, { orphaned: true }),
      thread('t5', { kind: 'shape', shape_id: 'not-drawn' }),
      thread('t6', { kind: 'shape', shape_id: 'far' }),
      thread('t7', { kind: 'point', x: 300, y: 200 }),
      thread('t8', { kind: 'file' }),
    ],
    view,
    boxes,
  );
  assert.deepEqual(pins, [
    { threadId: 't1', left: 88, top: 28 },
    { threadId: 't2', left: 114, top: 28 },
    { threadId: 't7', left: 288, top: 176 },
  ]);
  // The shape moved (or the view scrolled): the pin follows.
  const moved = placePins([thread('t1', { kind: 'shape', shape_id: 'api' })], { ...view, scrollX: 50 }, boxes);
  assert.deepEqual(moved, [{ threadId: 't1', left: 138, top: 28 }]);
});
