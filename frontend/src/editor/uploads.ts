// Pictures a document keeps beside it in object storage (`src: "upload:<key>"`, from an imported
// Excalidraw file or pasted on the canvas). The API serves them only with the reader's credential
// (a bearer token or a share link's password), so they are fetched, never named in a bare <img src>:
// a few at a time, each key once per page, and turned into data URLs for the canvas and the drawing.
// A picture put on the canvas is stored first (POST …/uploads) and its image then shows the stored
// file, so that saves and live edits carry the reference, never the picture.
// No imports from the API client: the unit tests run this in Node.
import type { DiagramDocument, Element, Files } from './mapping';

export const UPLOAD_SCHEME = 'upload:';

/** What the server names an upload by: the SHA-256 of its content. */
const KEY = /^[0-9a-f]{64}$/;

/** The picture types the server stores and serves (never SVG or HTML). */
const PICTURE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** How many pictures are fetched at once: the rest queue (a document may name hundreds). */
export const MAX_CONCURRENT_FETCHES = 4;

/** The key of an `upload:<key>` source, or null. */
export function uploadKey(src: unknown): string | null {
  if (typeof src !== 'string' || !src.startsWith(UPLOAD_SCHEME)) return null;
  const key = src.slice(UPLOAD_SCHEME.length);
  return KEY.test(key) ? key : null;
}

/** The canvas's file id for a stored picture: the same for every shape showing it. */
export const uploadFileId = (key: string) => `upload-${key}`;

/** The key a canvas file id names, or null when it is no stored picture's. */
export function keyOfFileId(fileId: unknown): string | null {
  return typeof fileId === 'string' && fileId.startsWith('upload-') && KEY.test(fileId.slice(7)) ? fileId.slice(7) : null;
}

/** The stored pictures a document's image shapes show, each once, in shape order. */
export function uploadKeys(doc: DiagramDocument): string[] {
  const keys = new Set<string>();
  for (const shape of doc.shapes) {
    const key = shape.type === 'image' ? uploadKey(shape.src) : null;
    if (key) keys.add(key);
  }
  return [...keys];
}

export type Picture = { key: string; dataURL: string; mimeType: string } | { key: string; failed: string };

/** The bytes under a key; rejects when they cannot be had (no access, gone, offline). */
export type PictureFetcher = (key: string) => Promise<Blob>;

/** Drawn where a picture could not be fetched: a grey box, so the shape keeps its place. */
export const PLACEHOLDER_DATA_URL =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120">' +
      '<rect width="160" height="120" fill="#e9ecef" stroke="#868e96" stroke-dasharray="6 4"/>' +
      '<path d="M52 84l20-26 14 16 10-12 14 22z" fill="#adb5bd"/><circle cx="64" cy="44" r="8" fill="#adb5bd"/>' +
      '<text x="80" y="106" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#495057">Picture unavailable</text></svg>',
  );

export const PLACEHOLDER_MIME_TYPE = 'image/svg+xml';

/** A Blob as a data URL (FileReader in browsers; the unit tests pass their own). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the picture could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Fetches pictures by key, at most `limit` at once, each key once: a later request for a key
 * already fetched (or on its way) gets the same answer. A failure is an answer too (the canvas
 * shows a placeholder), but is not kept: the next request for that key tries again.
 */
export class PictureLoader {
  private readonly answers = new Map<string, Promise<Picture>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  constructor(
    private readonly fetcher: PictureFetcher,
    private readonly limit: number = MAX_CONCURRENT_FETCHES,
    private readonly toDataUrl: (blob: Blob) => Promise<string> = blobToDataUrl,
  ) {}

  load(key: string): Promise<Picture> {
    const known = this.answers.get(key);
    if (known) return known;
    const answer = this.inTurn(async (): Promise<Picture> => {
      const blob = await this.fetcher(key);
      const mimeType = blob.type.split(';')[0]!.trim().toLowerCase();
      if (!PICTURE_TYPES.has(mimeType)) throw new Error(`the server sent ${mimeType || 'no type'}, not a picture`);
      return { key, dataURL: await this.toDataUrl(blob), mimeType };
    }).catch((failure: unknown): Picture => {
      this.answers.delete(key);
      return { key, failed: failure instanceof Error ? failure.message : String(failure) };
    });
    this.answers.set(key, answer);
    return answer;
  }

  private async inTurn<T>(task: () => Promise<T>): Promise<T> {
    while (this.running >= this.limit) await new Promise<void>((wake) => this.waiting.push(wake));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** A fetcher over an authorised GET: the bytes when it answers 2xx, otherwise a failure naming the status. */
export function fetcherOf(get: (key: string) => Promise<Response>): PictureFetcher {
  return async (key) => {
    const response = await get(key);
    if (!response.ok) throw new Error(`the picture could not be fetched (${response.status})`);
    return response.blob();
  };
}

// ---------------------------------------------------------------- pictures put on the canvas

/** What the server answers for a stored picture: the fields of an image shape's `upload`. */
export interface StoredPicture {
  key: string;
  media_type: string;
  width: number;
  height: number;
  bytes: number;
}

/** Stores a picture's bytes for the file; rejects with the server's problem when it is refused. */
export type PictureStorer = (picture: Blob) => Promise<StoredPicture>;

/** A picture the canvas shows that is not stored yet: its canvas file and content. */
export interface NewPicture {
  fileId: string;
  dataURL: string;
  mimeType: string;
}

const isImage = (e: Element) => e.type === 'image' && !e.isDeleted && typeof e.fileId === 'string';

/**
 * The pictures live image elements show whose files the canvas gained (pasted, inserted, dropped):
 * files not in `known` (those a document brought, and those stored or being stored) whose content
 * is a data URL. Each file once, in element order.
 */
export function picturesToStore(elements: readonly Element[], files: Files, known: ReadonlySet<string>): NewPicture[] {
  const found = new Map<string, NewPicture>();
  for (const e of elements) {
    if (!isImage(e) || known.has(e.fileId) || found.has(e.fileId)) continue;
    const file = files[e.fileId];
    if (!file || typeof file.dataURL !== 'string' || !file.dataURL.startsWith('data:')) continue;
    found.set(e.fileId, { fileId: e.fileId, dataURL: file.dataURL, mimeType: typeof file.mimeType === 'string' ? file.mimeType : '' });
  }
  return [...found.values()];
}

/**
 * The elements without the images of `withheld` files (being stored, or refused): the document the
 * canvas saves and sends to the room must not name them until they are stored.
 */
export function withoutWithheld(elements: readonly Element[], withheld: ReadonlySet<string>): readonly Element[] {
  if (!withheld.size) return elements;
  return elements.filter((e) => !(e.type === 'image' && typeof e.fileId === 'string' && withheld.has(e.fileId)));
}

/** The image elements of `withheld` files that are still on the canvas (not deleted). */
export function withheldImages(elements: readonly Element[], withheld: ReadonlySet<string>): Element[] {
  return elements.filter((e) => isImage(e) && withheld.has(e.fileId));
}

/**
 * The elements with every image of file `from` changed by `change` (a new version of each, as
 * Excalidraw and the room tell versions apart); the others as they are.
 */
export function changeImages(elements: readonly Element[], from: string, change: Partial<Element>, now = Date.now()): Element[] {
  return elements.map((e) =>
    e.type === 'image' && e.fileId === from
      ? { ...e, ...change, version: (typeof e.version === 'number' ? e.version : 0) + 1, versionNonce: Math.floor(Math.random() * 2 ** 31), updated: now }
      : e,
  );
}

/** The elements with the images of file `from` showing the stored picture `key` instead. */
export function pointAtStored(elements: readonly Element[], from: string, key: string, now = Date.now()): Element[] {
  return changeImages(elements, from, { fileId: uploadFileId(key), status: 'saved' }, now);
}

/** A data URL's content as a Blob of its type: the body that stores it. */
export function dataUrlToBlob(dataURL: string): Blob {
  const comma = dataURL.indexOf(',');
  const header = comma > 5 ? dataURL.slice(5, comma) : '';
  if (!dataURL.startsWith('data:') || comma < 0 || !/;base64$/i.test(header)) throw new Error('the picture is not a base64 data URL');
  const binary = atob(dataURL.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: header.slice(0, header.indexOf(';')).trim().toLowerCase() });
}

/**
 * `doc` with each image that names a stored picture of `stored` and has no `upload` description
 * given one (as an import writes it): the size and type are known without fetching it.
 */
export function describeStored(doc: DiagramDocument, stored: ReadonlyMap<string, StoredPicture>): DiagramDocument {
  if (!stored.size) return doc;
  let changed = false;
  const shapes = doc.shapes.map((s) => {
    const key = s.type === 'image' ? uploadKey(s.src) : null;
    const picture = key ? stored.get(key) : undefined;
    if (!picture || s.upload !== undefined) return s;
    changed = true;
    return { ...s, upload: { ...picture } };
  });
  return changed ? { ...doc, shapes } : doc;
}

/** A size for people: "840 KB", "2.4 MB". */
export function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
