// One file: its facts, its thumbnail and its actions. Loaded on demand (its own chunk), like
// every page that is not the dashboard; the editor (canvas and code) takes this page's place.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { api, call, type Schemas, type With } from '../../api/client';
import { messageOf } from '../../api/problem';
import { AppShell } from '../../app/AppShell';
import { Link, navigate } from '../../app/router';
import { ErrorMessage, Loading, useTitle } from '../../ui/ui';
import { Thumbnail } from '../dashboard/Thumbnail';
import { asDocument, asJsonBody, type Document } from '../../editor/document';

// The panels (code, versions, share, export) until the canvas editor takes this page's place.
const EditorPanels = lazy(() => import('../../editor/EditorPanels'));

type File = With<Schemas['FileView'], 'id' | 'title'>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(iso)) : '—');

export default function FilePage({ id }: { id: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The ETag of the content last read or written: what the next save names in If-Match. */
  const etag = useRef<string | null>(null);
  useTitle(file?.title ?? 'Diagram');

  const load = useCallback(async () => {
    try {
      const loaded = (await call(api.GET('/api/diagrams/{id}', { params: { path: { id } } }))) as File;
      etag.current = loaded.etag ?? null;
      setFile(loaded);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const toggleStar = async () => {
    if (!file) return;
    try {
      if (file.starred) await call(api.DELETE('/api/diagrams/{id}/star', { params: { path: { id } } }));
      else await call(api.PUT('/api/diagrams/{id}/star', { params: { path: { id } } }));
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const trash = async () => {
    try {
      await call(api.DELETE('/api/diagrams/{id}', { params: { path: { id } } }));
      navigate('/');
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const shapes = (file?.canvas_data as { shapes?: unknown[] } | undefined)?.shapes?.length ?? 0;

  // A document from the panels (code parsed, layout, restore) is saved with the ETag of the last
  // save: saves run one at a time, and only the newest waiting document is written.
  const pending = useRef<Document | null>(null);
  const saving = useRef(false);
  const saveDocument = useCallback(
    async (doc: Document) => {
      pending.current = doc;
      if (saving.current) return;
      saving.current = true;
      try {
        while (pending.current) {
          const next = pending.current;
          pending.current = null;
          const saved = (await call(
            api.PATCH('/api/diagrams/{id}', {
              params: { path: { id }, header: etag.current ? { 'If-Match': etag.current } : {} },
              body: { canvas_data: asJsonBody(next) },
            }),
          )) as File;
          etag.current = saved.etag ?? null;
          setFile(saved);
        }
        setError(null);
      } catch (failure) {
        pending.current = null;
        setError(messageOf(failure));
      } finally {
        saving.current = false;
      }
    },
    [id],
  );

  return (
    <AppShell>
      <p>
        <Link to="/">← All files</Link>
      </p>
      <ErrorMessage error={error} />
      {!file && !error && <Loading />}
      {file && (
        <article className="file-page">
          <h1>{file.title}</h1>
          {file.deleted_at && <p className="alert alert-info">This diagram is in the trash (since {when(file.deleted_at)}).</p>}
          <div className="file-overview">
            <Thumbnail fileId={file.id} version={file.etag ?? ''} type={file.type ?? 'canvas'} />
            <dl className="facts">
              <dt>Type</dt>
              <dd>{file.type}</dd>
              <dt>Shapes</dt>
              <dd>{shapes}</dd>
              <dt>Edited</dt>
              <dd>{when(file.updated_at)}</dd>
              <dt>Created</dt>
              <dd>{when(file.created_at)}</dd>
              <dt>Versions</dt>
              <dd>{file.version_count ?? 0}</dd>
              <dt>Your permission</dt>
              <dd>{file.permission}</dd>
            </dl>
          </div>
          {!file.deleted_at && (
            <div className="actions">
              <button type="button" aria-pressed={!!file.starred} onClick={() => void toggleStar()}>
                {file.starred ? '★ Starred' : '☆ Star'}
              </button>
              <button type="button" onClick={() => void trash()}>
                Move to trash
              </button>
            </div>
          )}
          {!file.deleted_at && (
            <Suspense fallback={<Loading />}>
              <EditorPanels
                fileId={file.id}
                doc={asDocument(file.canvas_data)}
                etag={file.etag ?? null}
                onDocument={(doc) => void saveDocument(doc)}
                selection={[]}
                readOnly={file.permission === 'view'}
                title={file.title}
                onReload={() => void load()}
              />
            </Suspense>
          )}
        </article>
      )}
    </AppShell>
  );
}
