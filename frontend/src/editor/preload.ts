// Opening a diagram needs three things that do not depend on one another: the editor page's
// chunk, the canvas chunk (Excalidraw, the largest) and the file itself. Fetched one after the
// other (page chunk → its GET → canvas chunk) they cost three round trips plus Excalidraw's parse in
// series; the router starts all three at once, when it sees /files/{id}, and the page takes what
// is already on its way. Kept small: the dashboard's bundle imports it.
import { api } from '../api/client';
import { problemOf } from '../api/problem';
import { readTokens } from '../api/session';

export type FileAnswer = { data: NonNullable<Awaited<ReturnType<typeof getFile>>['data']>; etag: string };

const getFile = (id: string) => api.GET('/api/diagrams/{id}', { params: { path: { id } } });

/** The file's GET started by the router and not yet taken by the page, at most one. */
let pending: { id: string; answer: Promise<FileAnswer> } | null = null;

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

/** The file the router last started for: one start per visit, however often it renders. */
let startedFor: string | null = null;

/** Starts everything opening /files/{id} needs; null when the route is another page. */
export function preloadEditor(id: string | null): void {
  if (id === startedFor) return;
  startedFor = id;
  // Signed out: the page sends the visitor to sign in, and a GET now would only be refused.
  if (id === null || !readTokens()) return;
  const answer = fetchFile(id);
  answer.catch(() => undefined); // the page reports it when it takes the answer
  pending = { id, answer };
  void loadEditorPage().catch(() => undefined);
  void loadCanvas().catch(() => undefined);
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
