// The dashboard: the caller's files in one of the views (all, recent, starred, shared with me,
// trash), in a folder, or found by a search, filtered by a tag; as a grid of thumbnails or a list.
// Files can be selected for batch actions and dragged onto folders.
import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, call, type Schemas, type With } from '../../api/client';
import { messageOf } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { AppShell, VIEWS, type View } from '../../app/AppShell';
import { Link, navigate, useLocation, withQuery } from '../../app/router';
import { Dialog, Empty, ErrorMessage, Field, Loading, Notice, useTitle } from '../../ui/ui';
import { BatchBar } from './BatchBar';
import { dragFiles, onMove, useDropTarget } from './dnd';
import { dropInto } from './FolderTree';
import { reloadFolders } from './folders';
import { reloadTags, tagsOf, useTags, type FileTag } from './tags';
import { TagsDialog } from './TagsDialog';
import { Thumbnail } from './Thumbnail';

const NewFromPromptDialog = lazy(() => import('../../ai/NewFromPromptDialog').then((m) => ({ default: m.NewFromPromptDialog })));

export type FileSummary = With<Schemas['FileSummary'], 'id' | 'title'>;
type Highlight = { field?: string; snippet?: string };
type Listed = FileSummary & { highlights?: Highlight[] };
type Folder = Schemas['FolderView'];
type Crumb = With<Schemas['Crumb'], 'id'>;

const PAGE_SIZE = 50;
const LAYOUT_KEY = 'autograph.layout';

function isView(value: string | null): value is View {
  return VIEWS.some((v) => v.view === value);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
function when(iso: string | null | undefined) {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

/** A search snippet: HTML-escaped by the server apart from <mark>, rendered as text and marks. */
function Snippet({ snippet }: { snippet: string }) {
  const parts = snippet.split(/<\/?mark>/);
  const decode = (text: string) => new DOMParser().parseFromString(text, 'text/html').documentElement.textContent ?? '';
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{decode(part)}</mark> : <span key={i}>{decode(part)}</span>))}</>;
}

export function Dashboard() {
  const location = useLocation();
  const { user } = useAuth();
  const q = location.query.get('q')?.trim() ?? '';
  const folderId = location.query.get('folder');
  const rawView = location.query.get('view');
  const view: View = isView(rawView) ? rawView : 'all';
  const page = Math.max(0, Number.parseInt(location.query.get('page') ?? '0', 10) || 0);
  const tag = location.query.get('tag');
  const tags = useTags();
  const [layout, setLayout] = useState<'grid' | 'list'>(localStorage.getItem(LAYOUT_KEY) === 'list' ? 'list' : 'grid');
  const [files, setFiles] = useState<Listed[] | null>(null);
  const [total, setTotal] = useState(0);
  const [folder, setFolder] = useState<Folder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [creating, setCreating] = useState<'file' | 'folder' | null>(null);
  const [prompting, setPrompting] = useState(false);
  const [tagging, setTagging] = useState<Listed | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<Listed | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const heading = q ? `Results for “${q}”` : folderId ? folder?.name ?? 'Folder' : VIEWS.find((v) => v.view === view)?.label ?? 'All files';
  useTitle(heading);

  const load = useCallback(async () => {
    setError(null);
    try {
      const answer = q
        ? await call(api.GET('/api/diagrams/search', { params: { query: { q, page, size: PAGE_SIZE, ...(tag ? { tag } : {}) } } }))
        : await call(
            api.GET('/api/diagrams', {
              params: { query: { ...(folderId ? { folder_id: folderId } : { view }), page, size: PAGE_SIZE, ...(tag ? { tag } : {}) } },
            }),
          );
      const items = (answer.items ?? []) as Listed[];
      setFiles(items);
      // A selection keeps only what is still listed.
      setSelected((now) => (now.size ? new Set(items.filter((f) => now.has(f.id)).map((f) => f.id)) : now));
      setTotal(answer.total ?? 0);
    } catch (failure) {
      setError(messageOf(failure));
      setFiles([]);
    }
  }, [q, folderId, view, page, tag]);

  useEffect(() => {
    setFiles(null);
    setSelected(new Set());
    void load();
  }, [load]);

  // A drop on a folder (the side bar's tree, the breadcrumbs) moved something: show the list as it is now.
  useEffect(
    () =>
      onMove((message, failed) => {
        if (failed) setActionError(message);
        else {
          setActionError(null);
          setAnnouncement(message);
        }
        void load();
      }),
    [load],
  );

  // The command palette's "New …" commands land here with ?new=.
  const requested = location.query.get('new');
  useEffect(() => {
    if (!requested) return;
    if (requested === 'prompt') setPrompting(true);
    else if (requested === 'diagram' || requested === 'folder') setCreating(requested === 'diagram' ? 'file' : 'folder');
    navigate(withQuery(location, { new: null }), { replace: true });
  }, [requested]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    setFolder(null);
    if (!folderId) return;
    call(api.GET('/api/diagrams/folders/{id}', { params: { path: { id: folderId } } }))
      .then(setFolder)
      .catch((failure) => setError(messageOf(failure)));
  }, [folderId]);

  const act = async (label: string, action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      setAnnouncement(label);
      await load();
    } catch (failure) {
      setActionError(messageOf(failure));
    }
  };

  const star = (file: Listed) =>
    act(file.starred ? `Removed the star from ${file.title}` : `Starred ${file.title}`, () =>
      file.starred
        ? call(api.DELETE('/api/diagrams/{id}/star', { params: { path: { id: file.id } } }))
        : call(api.PUT('/api/diagrams/{id}/star', { params: { path: { id: file.id } } })),
    );
  const trash = (file: Listed) =>
    act(`Moved ${file.title} to the trash`, () => call(api.DELETE('/api/diagrams/{id}', { params: { path: { id: file.id } } })));
  const restore = (file: Listed) =>
    act(`Restored ${file.title}`, () => call(api.POST('/api/diagrams/{id}/restore', { params: { path: { id: file.id } } })));
  const purge = (file: Listed) => {
    if (!window.confirm(`Delete “${file.title}” for good? This cannot be undone.`)) return;
    void act(`Deleted ${file.title} for good`, () =>
      call(api.DELETE('/api/diagrams/{id}', { params: { path: { id: file.id }, query: { permanent: true } } })),
    );
  };

  const switchLayout = (next: 'grid' | 'list') => {
    localStorage.setItem(LAYOUT_KEY, next);
    setLayout(next);
  };

  const untag = (file: Listed, t: FileTag) =>
    act(`Removed the tag ${t.name} from ${file.title}`, async () => {
      await call(api.DELETE('/api/diagrams/{fileId}/tags/{tagId}', { params: { path: { fileId: file.id, tagId: t.id } } }));
      await reloadTags();
    });

  const toggleSelected = (id: string, on: boolean) =>
    setSelected((now) => {
      const next = new Set(now);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  /** Dragging a selected file takes the whole selection along; any other file goes alone. */
  const dragged = (id: string) => (selected.has(id) ? [...selected] : [id]);
  const batchDone = async (message: string, failed = false) => {
    if (failed) setActionError(message);
    else {
      setActionError(null);
      setAnnouncement(message);
    }
    setSelected(new Set());
    await load();
  };

  const inTrash = view === 'trash' && !q && !folderId;
  const pages = Math.ceil(total / PAGE_SIZE);

  return (
    <AppShell>
      {user && !user.is_verified && <VerifyReminder />}
      <div className="toolbar">
        <div>
          {folder && (
            <nav aria-label="Breadcrumb" className="breadcrumbs">
              <ol>
                <li>
                  <DropLink to="/" folderId={null}>
                    All files
                  </DropLink>
                </li>
                {((folder.path ?? []) as Crumb[]).map((step, i, all) => (
                  <li key={step.id}>
                    {i === all.length - 1 ? (
                      <span aria-current="page">{step.name}</span>
                    ) : (
                      <DropLink to={`/?folder=${step.id}`} folderId={step.id}>
                        {step.name}
                      </DropLink>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          <h1>{heading}</h1>
        </div>
        <div className="actions">
          {!inTrash && (
            <>
              <button className="primary" type="button" onClick={() => setCreating('file')}>
                New diagram
              </button>
              <button type="button" onClick={() => setPrompting(true)}>
                New from prompt
              </button>
              <button type="button" onClick={() => setCreating('folder')}>
                New folder
              </button>
            </>
          )}
          <div role="group" aria-label="Layout" className="segmented">
            <button type="button" aria-pressed={layout === 'grid'} onClick={() => switchLayout('grid')}>
              Grid
            </button>
            <button type="button" aria-pressed={layout === 'list'} onClick={() => switchLayout('list')}>
              List
            </button>
          </div>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {tags && tags.length > 0 && (
        <div className="tag-filter">
          <label htmlFor="tag-filter">Filter by tag</label>
          <select id="tag-filter" value={tag ?? ''} onChange={(e) => navigate(withQuery(location, { tag: e.target.value || null, page: null }))}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.file_count ?? 0})
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorMessage error={error} />
      <ErrorMessage error={actionError} />
      {selected.size > 0 && !inTrash && <BatchBar ids={[...selected]} onDone={batchDone} onClear={() => setSelected(new Set())} />}
      {files === null && <Loading label="Loading diagrams…" />}
      {files && files.length === 0 && !error && <EmptyView view={inTrash ? 'trash' : view} q={q} inFolder={!!folderId} tagged={!!tag} onCreate={() => setCreating('file')} />}
      {files && files.length > 0 && (
        <>
          <p className="hint">
            {total} {total === 1 ? 'file' : 'files'}
            {!inTrash && (
              <label className="select-box">
                <input
                  type="checkbox"
                  checked={files.every((f) => selected.has(f.id))}
                  onChange={(e) => setSelected(e.target.checked ? new Set(files.map((f) => f.id)) : new Set())}
                />
                Select all
              </label>
            )}
          </p>
          {layout === 'grid' ? (
            <ul className="grid" aria-label="Diagrams">
              {files.map((file) => (
                <li
                  key={file.id}
                  className={selected.has(file.id) ? 'card selected' : 'card'}
                  data-file-id={file.id}
                  draggable={!inTrash}
                  onDragStart={(event) => dragFiles(event, dragged(file.id))}
                >
                  <Link to={`/files/${file.id}`} className="card-link" aria-label={`Open ${file.title}`}>
                    <Thumbnail fileId={file.id} version={file.etag ?? file.updated_at ?? ''} type={file.type ?? 'canvas'} />
                  </Link>
                  <div className="card-body">
                    <Link to={`/files/${file.id}`} className="title">
                      {file.title}
                    </Link>
                    <small className="hint">
                      Edited {when(file.updated_at)}
                      <CommentCount count={file.comment_count} />
                    </small>
                    <FileTags file={file} untag={inTrash ? undefined : untag} />
                    {!inTrash && <SelectBox file={file} selected={selected.has(file.id)} onChange={toggleSelected} />}
                    {file.highlights?.map((h, i) => (
                      <p key={i} className="snippet">
                        <Snippet snippet={h.snippet ?? ''} />
                      </p>
                    ))}
                    <FileActions file={file} inTrash={inTrash} star={star} rename={setRenaming} tag={setTagging} trash={trash} restore={restore} purge={purge} />
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <table className="list">
              <caption className="visually-hidden">Diagrams</caption>
              <thead>
                <tr>
                  {!inTrash && (
                    <th scope="col">
                      <span className="visually-hidden">Selected</span>
                    </th>
                  )}
                  <th scope="col">Title</th>
                  <th scope="col">Type</th>
                  <th scope="col">{inTrash ? 'Deleted' : 'Edited'}</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr
                    key={file.id}
                    data-file-id={file.id}
                    className={selected.has(file.id) ? 'selected' : undefined}
                    draggable={!inTrash}
                    onDragStart={(event) => dragFiles(event, dragged(file.id))}
                  >
                    {!inTrash && (
                      <td>
                        <SelectBox file={file} selected={selected.has(file.id)} onChange={toggleSelected} />
                      </td>
                    )}
                    <td>
                      <Link to={`/files/${file.id}`}>{file.title}</Link>
                      <FileTags file={file} untag={inTrash ? undefined : untag} />
                      {file.highlights?.map((h, i) => (
                        <div key={i} className="snippet">
                          <Snippet snippet={h.snippet ?? ''} />
                        </div>
                      ))}
                    </td>
                    <td>
                      {file.type}
                      <CommentCount count={file.comment_count} />
                    </td>
                    <td>{when(inTrash ? file.deleted_at : file.updated_at)}</td>
                    <td>
                      <FileActions file={file} inTrash={inTrash} star={star} rename={setRenaming} tag={setTagging} trash={trash} restore={restore} purge={purge} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <nav aria-label="Pages" className="pager">
              <button type="button" disabled={page === 0} onClick={() => navigate(withQuery(location, { page: page > 1 ? String(page - 1) : null }))}>
                Previous
              </button>
              <span>
                Page {page + 1} of {pages}
              </span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => navigate(withQuery(location, { page: String(page + 1) }))}>
                Next
              </button>
            </nav>
          )}
        </>
      )}
      <CreateDialog kind={creating} folderId={folderId} onClose={() => setCreating(null)} onCreatedFolder={() => void reloadFolders()} />
      <RenameDialog file={renaming} onClose={() => setRenaming(null)} onRenamed={() => void load()} />
      <TagsDialog file={tagging} onClose={() => setTagging(null)} onChanged={() => void load()} />
      {prompting && (
        <Suspense fallback={null}>
          <NewFromPromptDialog open folderId={folderId} onClose={() => setPrompting(false)} />
        </Suspense>
      )}
    </AppShell>
  );
}

function FileActions(props: {
  file: Listed;
  inTrash: boolean;
  star: (f: Listed) => void;
  rename: (f: Listed) => void;
  tag: (f: Listed) => void;
  trash: (f: Listed) => void;
  restore: (f: Listed) => void;
  purge: (f: Listed) => void;
}) {
  const { file } = props;
  if (props.inTrash) {
    return (
      <div className="file-actions">
        <button type="button" onClick={() => props.restore(file)} aria-label={`Restore ${file.title}`}>
          Restore
        </button>
        <button type="button" className="danger" onClick={() => props.purge(file)} aria-label={`Delete for good: ${file.title}`}>
          Delete for good
        </button>
      </div>
    );
  }
  return (
    <div className="file-actions">
      <button type="button" aria-pressed={!!file.starred} onClick={() => props.star(file)} aria-label={`Star ${file.title}`} title={file.starred ? 'Starred' : 'Star'}>
        {file.starred ? '★' : '☆'}
      </button>
      <button type="button" onClick={() => props.rename(file)} aria-label={`Rename ${file.title}`}>
        Rename
      </button>
      <button type="button" onClick={() => props.tag(file)} aria-label={`Tags of ${file.title}`} aria-haspopup="dialog">
        Tags
      </button>
      <button type="button" onClick={() => props.trash(file)} aria-label={`Delete ${file.title}`}>
        Delete
      </button>
    </div>
  );
}

function SelectBox({ file, selected, onChange }: { file: Listed; selected: boolean; onChange: (id: string, on: boolean) => void }) {
  return (
    <label className="select-box">
      <input type="checkbox" checked={selected} onChange={(e) => onChange(file.id, e.target.checked)} aria-label={`Select ${file.title}`} />
      <span aria-hidden="true">Select</span>
    </label>
  );
}

function FileTags({ file, untag }: { file: Listed; untag?: (file: Listed, tag: FileTag) => void }) {
  const tags = tagsOf(file);
  if (!tags.length) return null;
  return (
    <ul className="tags" aria-label={`Tags of ${file.title}`}>
      {tags.map((t) => (
        <li key={t.id} className="tag" style={t.color ? { borderColor: t.color } : undefined}>
          {t.name}
          {untag && (
            <button type="button" onClick={() => untag(file, t)} aria-label={`Remove the tag ${t.name} from ${file.title}`}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A breadcrumb that files and folders can be dropped on (`folderId` null: the top level). */
function DropLink({ to, folderId, children }: { to: string; folderId: string | null; children: ReactNode }) {
  const drop = useDropTarget((dragged) => void dropInto(folderId, dragged));
  return (
    <Link to={to} className={drop.over ? 'drop-target' : undefined} {...drop.props}>
      {children}
    </Link>
  );
}

function EmptyView({ view, q, inFolder, tagged, onCreate }: { view: View; q: string; inFolder: boolean; tagged: boolean; onCreate: () => void }) {
  if (tagged) return <Empty title="Nothing with this tag">No diagram here has this tag. Choose “All tags” to see every one.</Empty>;
  if (q) return <Empty title="Nothing found">No diagram matches “{q}”. Check the spelling, or search for fewer words.</Empty>;
  if (inFolder) return <Empty title="This folder is empty">Create a diagram here with “New diagram”.</Empty>;
  switch (view) {
    case 'recent':
      return <Empty title="Nothing opened yet">Diagrams you open appear here.</Empty>;
    case 'starred':
      return <Empty title="No starred diagrams">Star a diagram (☆) to find it here quickly.</Empty>;
    case 'shared':
      return <Empty title="Nothing shared with you">When someone shares a diagram or folder with you, it appears here.</Empty>;
    case 'trash':
      return <Empty title="The trash is empty">Deleted diagrams stay here for 30 days.</Empty>;
    default:
      return (
        <Empty title="No diagrams yet">
          <button className="primary" type="button" onClick={onCreate}>
            Create your first diagram
          </button>
        </Empty>
      );
  }
}

function CreateDialog({ kind, folderId, onClose, onCreatedFolder }: { kind: 'file' | 'folder' | null; folderId: string | null; onClose: () => void; onCreatedFolder: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<'canvas' | 'note' | 'mixed'>('canvas');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setName('');
    setError(null);
  }, [kind]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (kind === 'file') {
        const file = await call(api.POST('/api/diagrams', { body: { title: name, type, ...(folderId ? { folder_id: folderId } : {}) } }));
        onClose();
        navigate(`/files/${file.id}`);
      } else {
        const folder = await call(api.POST('/api/diagrams/folders', { body: { name, ...(folderId ? { parent_id: folderId } : {}) } }));
        onClose();
        onCreatedFolder();
        navigate(`/?folder=${folder.id ?? ''}`);
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={kind === 'folder' ? 'New folder' : 'New diagram'} open={kind !== null} onClose={onClose}>
      <form onSubmit={create} noValidate>
        <Field label={kind === 'folder' ? 'Name' : 'Title'} name="title" value={name} onChange={(e) => setName(e.target.value)} maxLength={255} required autoFocus />
        {kind === 'file' && (
          <fieldset className="choices">
            <legend>Type</legend>
            {(['canvas', 'note', 'mixed'] as const).map((t) => (
              <label key={t}>
                <input type="radio" name="type" value={t} checked={type === t} onChange={() => setType(t)} /> {t === 'canvas' ? 'Diagram' : t === 'note' ? 'Note' : 'Diagram and note'}
              </label>
            ))}
          </fieldset>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button className="primary" type="submit" disabled={busy || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RenameDialog({ file, onClose, onRenamed }: { file: Listed | null; onClose: () => void; onRenamed: () => void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTitle(file?.title ?? '');
    setError(null);
  }, [file]);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    if (!file.etag) {
      setError('This list is out of date; reload the page and rename again.');
      return;
    }
    try {
      await call(
        api.PATCH('/api/diagrams/{id}', {
          // The list's etag is the file's ETag as If-Match wants it: a rename never overwrites a
          // change made meanwhile (412, whose detail says to reload).
          params: { path: { id: file.id }, header: { 'If-Match': file.etag ?? '' } },
          body: { title },
        }),
      );
      onClose();
      onRenamed();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <Dialog title="Rename" open={file !== null} onClose={onClose}>
      <form onSubmit={rename} noValidate>
        <Field label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={255} required autoFocus />
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button className="primary" type="submit" disabled={!title.trim()}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function VerifyReminder() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resend = async () => {
    try {
      await call(api.POST('/api/auth/verify-email/resend'));
      setSent(true);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <>
      <Notice>
        {sent ? 'A new verification link is on its way.' : 'Please verify your e-mail address with the link we sent you. '}
        {!sent && (
          <button type="button" className="link-button" onClick={() => void resend()}>
            Send the link again
          </button>
        )}
      </Notice>
      <ErrorMessage error={error} />
    </>
  );
}

/** A file's comments, when it has any (comment_count: its comments not deleted). */
function CommentCount({ count }: { count: number | undefined }) {
  const n = Number(count ?? 0);
  if (!n) return null;
  return <span className="comment-count"> · {n === 1 ? '1 comment' : `${n} comments`}</span>;
}
