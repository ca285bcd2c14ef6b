// Opening a diagram needs four things that do not depend on one another: the editor page's
// chunk, the canvas chunk (Excalidraw, the largest), the file itself and the canvas's font.
// Fetched one after the other (page chunk → its GET → canvas chunk → font) they cost round trips
// plus Excalidraw's parse in series; all four start at once, as the entry's first module runs on
// /files/{id} (startEarly.ts), and the page takes what is already on its way. Kept small: the
// dashboard's bundle imports it.
import { api, freshAccessToken } from '../api/client';
import { problemOf } from '../api/problem';
import { clearTokens, readTokens } from '../api/session';

export type FileAnswer = { data: NonNullable<Awaited<ReturnType<typeof getFile>>['data']>; etag: string };

const getFile = (id: string) => api.GET('/api/diagrams/{id}', { params: { path: { id } } });

/** The file's GET started by the router and not yet taken by the page, at most one. */
let pending: { id: string; answer: Promise<FileAnswer> } | null = null;

/**
 * The Latin part of Excalifont, the font of the canvas's labels (the build copies Excalidraw's
 * fonts there; vite.config.ts fails when this file is not among them). Excalidraw asks for it
 * only once the scene is in, then draws every label again when it arrives; preloaded, it is there
 * before the first drawing.
 */
export const CANVAS_FONT = '/assets/excalidraw/fonts/Excalifont/Excalifont-Regular-a88b72a24fb54c9f94e3b5fdaa7481c9.woff2';

function preloadFont(): void {
  // The dev server has no copy of the fonts (vite.config.ts).
  if (!import.meta.env.PROD) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'font';
  link.type = 'font/woff2';
  // Fonts are fetched in CORS mode: the preload must be too, or the browser fetches it twice.
  link.crossOrigin = 'anonymous';
  link.href = CANVAS_FONT;
  document.head.appendChild(link);
}

/** The editor page's chunk. */
export const loadEditorPage = () => import('./EditorPage');
/** The canvas chunk: Excalidraw and its styles. */
export const loadCanvas = () => import('./Canvas');

/** The file with its ETag, or its problem as an ApiError. */
export async function fetchFile(id: string): Promise<FileAnswer> {
  const { data, error, response } = await getFile(id);
  if (!response.ok || error !== undefined || !data) throw await problemOf(response, error);
  return { data, etag: response.headers.get('ETag') ?? '' };
}

/**
 * fetchFile with its request sent now: the typed client awaits the token before sending, and an
 * await in the entry's first module waits for all of the entry's code to run (~180 ms).
 */
function fetchFileNow(id: string): Promise<FileAnswer> {
  const token = freshAccessToken();
  if (!token) return fetchFile(id);
  return fetch(`/api/diagrams/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } }).then(async (response) => {
    // As the client's middleware: a refused token ends the session (the page goes to sign in).
    if (response.status === 401) clearTokens();
    if (!response.ok) throw await problemOf(response);
    return { data: (await response.json()) as FileAnswer['data'], etag: response.headers.get('ETag') ?? '' };
  });
}

/** The file the router last started for: one start per visit, however often it renders. */
let startedFor: string | null = null;

/** Starts everything opening /files/{id} needs; null when the route is another page. */
export function preloadEditor(id: string | null): void {
  if (id === startedFor) return;
  startedFor = id;
  // Signed out: the page sends the visitor to sign in, and a GET now would only be refused.
  if (id === null || !readTokens()) return;
  const answer = fetchFileNow(id);
  answer.catch(() => undefined); // the page reports it when it takes the answer
  pending = { id, answer };
  void loadEditorPage().catch(() => undefined);
  void loadCanvas().catch(() => undefined);
  preloadFont();
}

/** The router's GET for this file when there is one (taken once: a later open reads afresh). */
export function takeFile(id: string): Promise<FileAnswer> {
  if (pending?.id === id) {
    const { answer } = pending;
    pending = null;
    return answer;
  }
  return fetchFile(id);
}
