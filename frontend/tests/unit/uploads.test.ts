// Stored pictures on the canvas: the mapping keeps `upload:<key>` a reference both ways, the loader
// fetches each key once, a few at a time, and answers a failure instead of throwing; the editor's
// palette lists commands by every word typed and shapes by their label.
// Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDocument, toScene, type DiagramDocument, type Element } from '../../src/editor/mapping.ts';
import {
  changeImages,
  dataUrlToBlob,
  describeStored,
  keyOfFileId,
  PictureLoader,
  picturesToStore,
  pointAtStored,
  sizeOf,
  uploadFileId,
  uploadKey,
  uploadKeys,
  withheldImages,
  withoutWithheld,
  type Picture,
} from '../../src/editor/uploads.ts';
import { diffDocuments } from '../../src/editor/live/ops.ts';
import { matchCommands, type Command } from '../../src/app/commands.ts';
import { shapeLabel, shapeTargets } from '../../src/editor/editorCommands.ts';

const KEY = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const upload = { key: KEY, media_type: 'image/png', width: 120, height: 80, bytes: 321 };

const withPicture: DiagramDocument = {
  schema_version: 1,
  shapes: [
    { id: 'pic', type: 'image', x: 10, y: 20, width: 120, height: 80, src: `upload:${KEY}`, upload },
    { id: 'inline', type: 'image', x: 200, y: 20, width: 10, height: 10, src: 'data:image/png;base64,iVBORw0KGgo=' },
    { id: 'same', type: 'image', x: 300, y: 20, width: 120, height: 80, src: `upload:${KEY}` },
    { id: 'box', type: 'rectangle', x: 0, y: 200, width: 100, height: 50, text: 'API\nsecond line' },
  ],
};

test('upload keys: only 64 lower-case hex digits after upload:, each once, from image shapes', () => {
  assert.equal(uploadKey(`upload:${KEY}`), KEY);
  for (const bad of [`upload:${KEY.toUpperCase()}`, `upload:${KEY}0`, `upload:../${KEY}`, 'upload:', KEY, null, 42]) assert.equal(uploadKey(bad), null, String(bad));
  assert.deepEqual(uploadKeys(withPicture), [KEY]);
  assert.deepEqual(uploadKeys({ schema_version: 1, shapes: [{ id: 'r', type: 'rectangle', src: `upload:${OTHER}` }] }), []);
  assert.equal(keyOfFileId(uploadFileId(KEY)), KEY);
  assert.equal(keyOfFileId('file-1234'), null);
  assert.equal(keyOfFileId(`upload-${KEY}x`), null);
});

test('a stored picture is an image element whose file the canvas fetches; the document keeps the reference', () => {
  const scene = toScene(withPicture, 1);
  const pic = scene.elements.find((e) => e.id === 'pic')!;
  assert.equal(pic.type, 'image');
  assert.equal(pic.fileId, uploadFileId(KEY));
  assert.equal(scene.elements.find((e) => e.id === 'same')!.fileId, uploadFileId(KEY));
  // No file for it in the scene (the canvas adds it once fetched); the inline picture has one.
  assert.deepEqual(Object.keys(scene.files).filter((id) => id.startsWith('upload-')), []);
  assert.equal(Object.values(scene.files).length, 1);

  // Whatever the canvas then holds for it (the picture, or the placeholder of a failed fetch), the
  // document names the stored picture, never a copy.
  const files = { [uploadFileId(KEY)]: { id: uploadFileId(KEY), dataURL: 'data:image/png;base64,AAAA', mimeType: 'image/png', created: 1 }, ...scene.files };
  const back = toDocument(scene.elements as Element[], files, withPicture);
  const picture = back.shapes.find((s) => s.id === 'pic')!;
  assert.equal(picture.src, `upload:${KEY}`);
  assert.deepEqual(picture.upload, upload);
  assert.ok(!JSON.stringify(picture).includes('AAAA'), 'the fetched bytes went into the document');
  assert.equal(back.shapes.find((s) => s.id === 'same')!.src, `upload:${KEY}`);
  assert.equal(back.shapes.find((s) => s.id === 'inline')!.src, 'data:image/png;base64,iVBORw0KGgo=');
  // …and a second round gives the same document.
  assert.deepEqual(toDocument(toScene(back, 1).elements as Element[], files, back), back);
});

test('a picture inserted on the canvas is saved as its data URL and shown again from it', () => {
  const dataURL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
  const pasted = { id: 'new', type: 'image', x: 5, y: 6, width: 40, height: 30, fileId: 'f-pasted', status: 'saved', scale: [1, 1] } as Element;
  const saved = toDocument([pasted], { 'f-pasted': { id: 'f-pasted', dataURL, mimeType: 'image/png', created: 7 } });
  assert.equal(saved.shapes[0]!.src, dataURL);
  const reloaded = toScene(JSON.parse(JSON.stringify(saved)) as DiagramDocument, 1);
  const element = reloaded.elements[0]!;
  assert.equal(reloaded.files[element.fileId as string]!.dataURL, dataURL);
});

// ---------------------------------------------------------------- pictures put on the canvas

const PASTED_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const pastedImage = (id: string, fileId: string, extra: Partial<Element> = {}): Element =>
  ({ id, type: 'image', x: 5, y: 6, width: 40, height: 30, fileId, status: 'pending', scale: [1, 1], version: 3, versionNonce: 1, ...extra }) as Element;
const pastedFiles = { 'f-pasted': { id: 'f-pasted', dataURL: PASTED_URL, mimeType: 'image/png', created: 7 } };

test('the pictures to store are the files the canvas gained with a data URL, each once', () => {
  const scene = toScene(withPicture, 1);
  // What the document brought is known: its inline picture's file and its stored pictures'.
  const known = new Set([...Object.keys(scene.files), ...uploadKeys(withPicture).map(uploadFileId)]);
  const files = { ...scene.files, ...pastedFiles, 'f-url': { id: 'f-url', dataURL: 'https://example.com/x.png', mimeType: 'image/png', created: 1 } };
  const elements = [
    ...(scene.elements as Element[]),
    pastedImage('new', 'f-pasted'),
    pastedImage('copy', 'f-pasted'),
    pastedImage('gone', 'f-deleted', { isDeleted: true }),
    pastedImage('later', 'f-not-yet-there'),
    pastedImage('remote', 'f-url'),
  ];
  assert.deepEqual(picturesToStore(elements, files, known), [{ fileId: 'f-pasted', dataURL: PASTED_URL, mimeType: 'image/png' }]);
  // Being stored (or stored): not again.
  assert.deepEqual(picturesToStore(elements, files, new Set([...known, 'f-pasted'])), []);
});

test('a picture being stored is left out of the document and the live edits; once stored they name it, never its bytes', () => {
  const before = toDocument(toScene(withPicture, 1).elements as Element[], toScene(withPicture, 1).files, withPicture);
  const elements = [...(toScene(withPicture, 1).elements as Element[]), pastedImage('new', 'f-pasted')];
  const files = { ...toScene(withPicture, 1).files, ...pastedFiles };

  const withheld = new Set(['f-pasted']);
  const whileStoring = toDocument(withoutWithheld(elements, withheld), files, before);
  assert.equal(whileStoring.shapes.find((s) => s.id === 'new'), undefined);
  assert.ok(!JSON.stringify(whileStoring).includes(PASTED_URL));
  assert.deepEqual(diffDocuments(before, whileStoring), []);
  assert.deepEqual(withheldImages(elements, withheld).map((e) => e.id), ['new']);

  const stored = { key: OTHER, media_type: 'image/png', width: 1, height: 1, bytes: 70 };
  const pointed = pointAtStored(elements, 'f-pasted', OTHER, 99);
  const image = pointed.find((e) => e.id === 'new')!;
  assert.equal(image.fileId, uploadFileId(OTHER));
  assert.equal(image.status, 'saved');
  assert.equal(image.version, 4);
  assert.equal(image.updated, 99);
  assert.equal(pointed.find((e) => e.id === 'box'), elements.find((e) => e.id === 'box'), 'other elements are left as they are');
  const shownFiles = { ...files, [uploadFileId(OTHER)]: { id: uploadFileId(OTHER), dataURL: PASTED_URL, mimeType: 'image/png', created: 8 } };
  const after = describeStored(toDocument(pointed, shownFiles, before), new Map([[OTHER, stored]]));
  const shape = after.shapes.find((s) => s.id === 'new')!;
  assert.equal(shape.src, `upload:${OTHER}`);
  assert.deepEqual(shape.upload, stored);
  assert.ok(!JSON.stringify(after.shapes.filter((s) => s.id !== 'inline')).includes('base64'), 'a picture went into the document');
  const ops = diffDocuments(before, after);
  assert.deepEqual(ops.map((op) => op.op), ['add']);
  assert.ok(!JSON.stringify(ops).includes(PASTED_URL), 'the live edit carries the picture');
  // The other stored picture keeps its own description; one without a known one gets none.
  assert.deepEqual(after.shapes.find((s) => s.id === 'pic')!.upload, upload);
  assert.equal(describeStored(after, new Map()), after);
});

test('a refused picture is taken off the canvas as a new version of its images', () => {
  const elements = [pastedImage('a', 'f-pasted'), pastedImage('b', 'f-other')];
  const changed = changeImages(elements, 'f-pasted', { isDeleted: true }, 5);
  assert.equal(changed[0]!.isDeleted, true);
  assert.equal(changed[0]!.version, 4);
  assert.notEqual(changed[0]!.versionNonce, undefined);
  assert.equal(changed[1], elements[1]);
  assert.deepEqual(toDocument(changed, pastedFiles).shapes.map((s) => s.id), ['b']);
});

test('a data URL becomes the body that stores it: its bytes, of its type', async () => {
  const blob = dataUrlToBlob(PASTED_URL);
  assert.equal(blob.type, 'image/png');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [137, 80, 78, 71]);
  assert.equal(bytes.length, 70);
  assert.throws(() => dataUrlToBlob('data:image/png,plain'), /base64/);
  assert.throws(() => dataUrlToBlob('https://example.com/a.png'), /base64/);
  assert.equal(sizeOf(2_400_000), '2.3 MB');
  assert.equal(sizeOf(500), '1 KB');
});

/** A fetch the test answers when it likes. */
function gate() {
  const pending = new Map<string, { resolve: (b: Blob) => void; reject: (e: Error) => void }>();
  const calls: string[] = [];
  const fetcher = (key: string) =>
    new Promise<Blob>((resolve, reject) => {
      calls.push(key);
      pending.set(key, { resolve, reject });
    });
  return { pending, calls, fetcher };
}
const png = () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
const settle = () => new Promise((r) => setImmediate(r));

test('the loader fetches each key once and at most `limit` at a time', async () => {
  const { pending, calls, fetcher } = gate();
  const loader = new PictureLoader(fetcher, 2, async (blob) => `data:${blob.type};base64,x`);
  const keys = ['1', '2', '3', '4'].map((d) => d.repeat(64));
  const answers = keys.map((k) => loader.load(k));
  const again = loader.load(keys[0]!);
  await settle();
  assert.deepEqual(calls, keys.slice(0, 2));
  pending.get(keys[0]!)!.resolve(png());
  await settle();
  assert.deepEqual(calls, keys.slice(0, 3));
  pending.get(keys[1]!)!.resolve(png());
  pending.get(keys[2]!)!.resolve(png());
  await settle();
  pending.get(keys[3]!)!.resolve(png());
  const results = await Promise.all(answers);
  assert.deepEqual(results.map((r) => ('dataURL' in r ? r.mimeType : 'failed')), ['image/png', 'image/png', 'image/png', 'image/png']);
  assert.equal(await again, await answers[0]);
  await loader.load(keys[0]!);
  assert.equal(calls.length, 4, 'a fetched key was fetched again');
});

test('a failed or non-picture fetch is an answer, not an exception, and is tried again later', async () => {
  const { pending, calls, fetcher } = gate();
  const loader = new PictureLoader(fetcher, 4, async () => 'data:x');
  const failing = loader.load(KEY);
  const svg = loader.load(OTHER);
  await settle();
  pending.get(KEY)!.reject(new Error('the picture could not be fetched (404)'));
  pending.get(OTHER)!.resolve(new Blob(['<svg/>'], { type: 'image/svg+xml' }));
  const failed: Picture = await failing;
  assert.ok('failed' in failed && failed.failed.includes('404'));
  const notPicture = await svg;
  assert.ok('failed' in notPicture && notPicture.failed.includes('image/svg+xml'));
  const retry = loader.load(KEY);
  await settle();
  assert.equal(calls.filter((k) => k === KEY).length, 2);
  pending.get(KEY)!.resolve(png());
  assert.ok('dataURL' in (await retry));
});

test('the palette matches every word typed, in any order and case, and lists at most a few', () => {
  const run = () => undefined;
  const commands: Command[] = [
    { label: 'Save a version', run },
    { label: 'Show the code view', run },
    { label: 'Go to shape: Orders DB', run },
    { label: 'Go to shape: API', run },
  ];
  assert.deepEqual(matchCommands(commands, '').map((c) => c.label), commands.map((c) => c.label));
  assert.deepEqual(matchCommands(commands, '  CODE show ').map((c) => c.label), ['Show the code view']);
  assert.deepEqual(matchCommands(commands, 'shape db').map((c) => c.label), ['Go to shape: Orders DB']);
  assert.deepEqual(matchCommands(commands, 'nothing like it'), []);
  assert.equal(matchCommands(commands, 'o', 2).length, 2);
});

test('shapes to jump to: labelled ones by their first line, shortened; groups, hidden and unlabelled left out', () => {
  const doc: DiagramDocument = {
    schema_version: 1,
    shapes: [
      ...withPicture.shapes,
      { id: 'g', type: 'group', text: 'Group' },
      { id: 'h', type: 'rectangle', text: 'Hidden', hidden: true },
      { id: 'e', type: 'ellipse', text: '   \n  ' },
      { id: 'long', type: 'text', text: 'x'.repeat(100) },
      { id: 'box', type: 'rectangle', text: 'duplicate id' },
    ],
  };
  assert.deepEqual(shapeTargets(doc).map((t) => t.id), ['box', 'long']);
  assert.equal(shapeTargets(doc)[0]!.label, 'API');
  assert.equal(shapeLabel({ id: 'long', type: 'text', text: 'x'.repeat(100) })!.length, 60);
});
