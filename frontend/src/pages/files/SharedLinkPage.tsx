// A share link opened by anyone (/s/{token}) or in another site's frame (/embed/{token}): the
// file the link shows, read-only, without signing in; a password first for protected links. A
// link to the file (not to one version) joins the file's live room with the link, so the page
// shows others' edits as they are made. Stored pictures come through the link too.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { accessToken, api, call, fetchAuthorized, type Schemas } from '../../api/client';
import { ApiError, messageOf } from '../../api/problem';
import { Link } from '../../app/router';
import { ErrorMessage, Field, Loading, useTitle } from '../../ui/ui';
import { DocumentSvg } from '../../editor/render/DocumentSvg';
import { asDocument } from '../../editor/document';
import type { DiagramDocument } from '../../editor/mapping';
import { LiveRoom } from '../../editor/live/room';
import { usePictures } from '../../editor/render/usePictures';
import { fetcherOf, PictureLoader } from '../../editor/uploads';

type Shared = Schemas['LinkView'];

export default function SharedLinkPage({ token, embedded }: { token: string; embedded: boolean }) {
  const [shared, setShared] = useState<Shared | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ password?: string } | null>(null);
  const [liveDoc, setLiveDoc] = useState<DiagramDocument | null>(null);
  const [live, setLive] = useState(false);
  useTitle(shared?.file?.title ?? 'Shared diagram');

  const open = useCallback(
    async (withPassword?: string) => {
      setError(null);
      try {
        setShared(
          await call(
            api.GET('/api/diagrams/links/{token}', {
              params: { path: { token }, header: withPassword ? { 'X-Share-Password': withPassword } : {} },
            }),
          ),
        );
        setNeedsPassword(false);
        setOpened({ password: withPassword });
      } catch (failure) {
        if (failure instanceof ApiError && (failure.code === 'password_required' || failure.code === 'wrong_password')) {
          setNeedsPassword(true);
          if (failure.code === 'wrong_password') setError(failure.message);
        } else {
          setError(messageOf(failure));
        }
      }
    },
    [token],
  );
  useEffect(() => void open(), [open]);

  // Follow the room read-only: the drawing is the room's document as it changes.
  const fileId = shared?.file?.id;
  const versionLink = !!shared?.version_number;
  useEffect(() => {
    if (!fileId || !opened || versionLink || embedded) return;
    let shown: DiagramDocument | null = null;
    const room = new LiveRoom({
      fileId,
      token: accessToken,
      link: { token, password: opened.password },
      listener: {
        current: () => shown ?? { schema_version: 1, shapes: [] },
        show: (doc) => {
          shown = doc;
          setLiveDoc(doc);
        },
        changed: () => setLive(room.state === 'live'),
      },
    });
    room.start();
    return () => room.stop();
  }, [embedded, fileId, opened, token, versionLink]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(password);
  };

  const doc = liveDoc ?? asDocument(shared?.file?.canvas_data);
  // The document's stored pictures, through the link (a visitor may have no account; a signed-in
  // one sends their credential, as team-only links need), with the link's password.
  const linkPassword = opened?.password;
  const loadPicture = useMemo(() => {
    if (!shared) return null;
    const headers: Record<string, string> = linkPassword ? { 'X-Share-Password': linkPassword } : {};
    const loader = new PictureLoader(fetcherOf((key) => fetchAuthorized(`/api/diagrams/links/${encodeURIComponent(token)}/uploads/${key}`, { headers })));
    return (key: string) => loader.load(key);
  }, [shared, linkPassword, token]);
  const pictures = usePictures(doc, loadPicture);
  const title = shared?.file?.title ?? 'Shared diagram';

  return (
    <main className={embedded ? 'shared embedded' : 'shared'} id="main">
      {!embedded && (
        <p className="brand">
          <Link to="/">AutoGraph</Link>
        </p>
      )}
      <ErrorMessage error={error} />
      {needsPassword && (
        <form onSubmit={submit} className="inline-form" noValidate>
          <h1>This diagram is protected</h1>
          <Field label="Password" name="share-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
          <button className="primary" type="submit" disabled={!password}>
            Open
          </button>
        </form>
      )}
      {!shared && !needsPassword && !error && <Loading />}
      {shared && embedded && <DocumentSvg doc={doc} title={title} pictures={pictures} />}
      {shared && !embedded && (
        <article>
          <h1>{title}</h1>
          <p className="hint">
            Shared with you to {shared.permission === 'edit' ? 'edit' : 'view'}
            {shared.version_number ? `, version ${shared.version_number}` : ''}. {doc.shapes.length} shapes.
            {live ? ' Live: changes appear as they are made.' : ''}
          </p>
          {doc.shapes.length === 0 ? <p>This diagram is empty.</p> : <div className="shared-drawing"><DocumentSvg doc={doc} title={title} pictures={pictures} /></div>}
        </article>
      )}
    </main>
  );
}
