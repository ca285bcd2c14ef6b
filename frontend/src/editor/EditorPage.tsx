// The editor at /files/{id}: the file's canvas with autosave (PATCH with If-Match; a 412 offers
// reload or merge, never overwrites), Ctrl/⌘+S for a version, rename, star, and the panels
// (EditorPanels: the code view, versions, AI or comments beside the canvas, share and export
// dialogs), comment pins over the canvas; /files/{id}?thread={threadId} opens a thread.
// Viewers and trashed files get the canvas read-only. Ctrl/⌘+K opens the command palette with the
// editor's actions and its shapes by label (unless one shape is selected on the canvas: there Ctrl/⌘+K
// is Excalidraw's "add link", which keeps working); the Commands button opens it always. The top bar
// has the notification bell too (the palette's "Notifications" opens it); a notification about this
// file opens its thread here.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, call, fetchAuthorized, type Schemas } from '../api/client';
import { ApiError, messageOf, problemOf } from '../api/problem';
import { PaletteDialog } from '../app/CommandPalette';
import type { Command } from '../app/commands';
import { NotificationBell, type BellHandle } from '../app/NotificationBell';
import { Link, navigate, useLocation, withQuery } from '../app/router';
import { applyTheme } from '../app/theme';
import { Dialog, ErrorMessage, Field, Loading, useTitle } from '../ui/ui';
import type { CanvasHandle } from './Canvas';
import { asDocument, asJsonBody } from './document';
import { shapeTargets } from './editorCommands';
import { EditorPanels, toggleSide, type OpenPanels } from './EditorPanels';
import { CommentPins, useOpenThreads } from './comments/CommentPins';
import { fromFrame, linkedComment } from './comments/model';
import { learnName } from './comments/people';
import { fetcherOf, PictureLoader, sizeOf, type PictureStorer, type StoredPicture } from './uploads';
import { fetchFile, loadCanvas, takeFile } from './preload';
import { LiveBar } from './live/LiveBar';
import { useLive } from './live/useLive';
import { EMPTY_DOCUMENT, mergeDocuments, type DiagramDocument } from './mapping';
import { useDarkTheme } from './theme';
import { Toasts, useToasts } from './Toasts';
import './editor.css';

const Canvas = lazy(loadCanvas);

/** Quiet time after the last edit before it is saved. */
const AUTOSAVE_DELAY_MS = 800;

type File = Schemas['FileView'];
type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict' | 'uploading';

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  failed: 'Not saved',
  conflict: 'Not saved: changed elsewhere',
  uploading: 'Uploading a picture…',
};

/**
 * Stores pictures put on the canvas with a POST of their bytes to `path` (the file's or a share
 * link's uploads); a refusal rejects with the server's problem (its detail names the limit).
 */
export function pictureStorer(path: string, headers: Record<string, string> = {}): PictureStorer {
  return async (picture) => {
    const response = await fetchAuthorized(path, { method: 'POST', headers: { ...headers, 'Content-Type': picture.type }, body: picture });
    if (!response.ok) throw await problemOf(response);
    return (await response.json()) as StoredPicture;
  };
}

const documentOf = (file: File): DiagramDocument => asDocument(file.canvas_data);

/** The answer's data and ETag header, or the problem as an ApiError. */
async function withEtag<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T; etag: string }> {
  const { data, error, response } = await pending;
  if (!response.ok || error !== undefined) throw await problemOf(response, error);
  return { data: data as T, etag: response.headers.get('ETag') ?? '' };
}

export default function EditorPage({ id }: { id: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [initial, setInitial] = useState<DiagramDocument | null>(null);
  const [doc, setDoc] = useState<DiagramDocument>(EMPTY_DOCUMENT);
  const [etag, setEtag] = useState('');
  const [selection, setSelection] = useState<string[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [conflictOpen, setConflictOpen] = useState(false);
  const [renameOpen, setRenameOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sideSlot, setSideSlot] = useState<HTMLElement | null>(null);
  /** Bumped when a comment changed (the room said so, or this page wrote one): comments reload. */
  const [commentsVersion, setCommentsVersion] = useState(0);
  const [picking, setPicking] = useState<((point: { x: number; y: number } | null) => void) | null>(null);
  const viewListeners = useRef(new Set<() => void>());
  const location = useLocation();
  // The thread shown: the address says which (a permalink, a notification's link).
  const focus = linkedComment(location.query.toString(), window.location.hash);
  const [panels, setPanels] = useState<OpenPanels>({ side: null, dialog: null });
  const [paletteOpen, setPaletteOpen] = useState(false);
  const bell = useRef<BellHandle>(null);
  const selectionRef = useRef<string[]>([]);
  selectionRef.current = selection;
  // The file's stored pictures, fetched with the person's credential, each once while the page is open.
  const pictures = useMemo(() => {
    const loader = new PictureLoader(fetcherOf((key) => fetchAuthorized(`/api/diagrams/${encodeURIComponent(id)}/uploads/${key}`)));
    return (key: string) => loader.load(key);
  }, [id]);
  // Pictures pasted or inserted are stored first: the document then names them, never holds them.
  const storePicture = useMemo(() => pictureStorer(`/api/diagrams/${encodeURIComponent(id)}/uploads`), [id]);
  /** Pictures on their way to the server: how many, and their bytes. */
  const [storing, setStoring] = useState<{ count: number; bytes: number }>({ count: 0, bytes: 0 });
  const storingRef = useRef(0);
  storingRef.current = storing.count;
  /**
   * The canvas has drawn the file: the room starts then, not while the canvas is still being
   * built (its welcome reads and reloads the whole canvas, which would delay the first paint).
   */
  const [drawn, setDrawn] = useState(false);
  const toasts = useToasts();
  const { info: notify, error: complain } = toasts;
  const dark = useDarkTheme();
  useTitle(file?.title ?? 'Diagram');

  const canvas = useRef<CanvasHandle | null>(null);
  /** The server's document as last read or written, and its ETag. */
  const server = useRef<{ doc: DiagramDocument; etag: string }>({ doc: EMPTY_DOCUMENT, etag: '' });
  /** The document the canvas's content came from: supplies what the canvas does not show. */
  const source = useRef<DiagramDocument>(EMPTY_DOCUMENT);
  const timer = useRef<number | undefined>(undefined);
  /** In a room: when the panels (code view, export) next take the canvas's document. */
  const follow = useRef<number | undefined>(undefined);
  const writing = useRef<Promise<unknown>>(Promise.resolve());
  const dirty = useRef(false);
  const conflict = useRef(false);

  const readOnly = !!file && (file.permission === 'view' || !!file.deleted_at);

  // Live collaboration: while the room is in use it saves the file, and autosave stays quiet.
  const live = useLive({
    fileId: id,
    enabled: !!file && !file.deleted_at && drawn,
    loaded: initial,
    canvas,
    source,
    show: (shown) => {
      source.current = shown;
      canvas.current?.load(shown, false);
      setDoc(shown);
    },
    notice: (message) => complain(message),
    comment: () => setCommentsVersion((v) => v + 1),
  });
  const liveRef = useRef(live);
  liveRef.current = live;
  useEffect(() => live.others.forEach((m) => learnName(m.user_id, m.name)), [live.others]);

  const openThreads = useOpenThreads(id, !!file, commentsVersion);
  const locationRef = useRef(location);
  locationRef.current = location;
  const focusThread = useCallback((thread: string | null) => {
    navigate(withQuery(locationRef.current, { thread, comment: null }), { replace: true });
  }, []);
  const bellHere = useMemo(() => ({ fileId: id, openThread: (thread: string) => focusThread(thread) }), [focusThread, id]);
  const commentsChanged = useCallback(() => setCommentsVersion((v) => v + 1), []);
  const onView = useCallback((listener: () => void) => {
    viewListeners.current.add(listener);
    return () => void viewListeners.current.delete(listener);
  }, []);
  const canvasHandle = useCallback(() => canvas.current, []);
  const centre = useCallback(() => {
    const view = canvas.current?.geometry([])?.view;
    return view ? fromFrame(view, view.width / 2, view.height / 2) : null;
  }, []);
  const pickPoint = useCallback(
    () =>
      new Promise<{ x: number; y: number } | null>((resolve) =>
        setPicking(() => (point: { x: number; y: number } | null) => {
          setPicking(null);
          resolve(point);
        }),
      ),
    [],
  );

  const accept = useCallback((next: { data: File; etag: string }, saved: DiagramDocument) => {
    server.current = { doc: saved, etag: next.etag || next.data.etag || server.current.etag };
    setEtag(server.current.etag);
    setFile(next.data);
  }, []);

  useEffect(() => {
    let gone = false;
    // Not waiting for the file to load the canvas's chunk: both are on their way (preload.ts).
    void loadCanvas().catch(() => undefined);
    takeFile(id)
      .then((answer) => {
        if (gone) return;
        const loaded = documentOf(answer.data);
        server.current = { doc: loaded, etag: answer.etag };
        source.current = loaded;
        setEtag(answer.etag);
        setFile(answer.data);
        setDoc(loaded);
        setInitial(loaded);
      })
      .catch((failure) => !gone && setLoadError(messageOf(failure)));
    return () => {
      gone = true;
    };
  }, [id]);

  /** Runs writes one after another, so each names the ETag the one before it produced. */
  const serially = useCallback(<T,>(write: () => Promise<T>): Promise<T> => {
    const next = writing.current.then(write, write);
    writing.current = next.catch(() => undefined);
    return next;
  }, []);

  const save = useCallback(
    () =>
      serially(async () => {
        window.clearTimeout(timer.current);
        if (liveRef.current.inUse) dirty.current = false;
        if (!dirty.current || conflict.current || !canvas.current) return;
        dirty.current = false;
        const mine = canvas.current.document(source.current);
        source.current = mine;
        setDoc(mine);
        if (JSON.stringify(mine) === JSON.stringify(server.current.doc)) {
          setSaveState('saved');
          return;
        }
        setSaveState('saving');
        try {
          const answer = await withEtag(
            api.PATCH('/api/diagrams/{id}', {
              params: { path: { id }, header: { 'If-Match': server.current.etag } },
              body: { canvas_data: mine as never },
            }),
          );
          accept(answer, mine);
          setSaveState(dirty.current ? 'unsaved' : 'saved');
        } catch (failure) {
          dirty.current = true;
          if (failure instanceof ApiError && failure.status === 412) {
            conflict.current = true;
            setSaveState('conflict');
            setConflictOpen(true);
          } else {
            setSaveState('failed');
            complain(messageOf(failure));
          }
        }
      }),
    [accept, complain, id, serially],
  );

  const onEdit = useCallback(() => {
    if (readOnly) return;
    if (liveRef.current.inUse) {
      liveRef.current.changed();
      // The room saves, so save() does not run: the panels take the canvas's document here.
      window.clearTimeout(follow.current);
      follow.current = window.setTimeout(() => {
        if (!canvas.current) return;
        const mine = canvas.current.document(source.current);
        source.current = mine;
        setDoc(mine);
      }, AUTOSAVE_DELAY_MS);
      return;
    }
    dirty.current = true;
    if (!conflict.current) setSaveState('unsaved');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [readOnly, save]);

  // Leaving with an edit not yet saved: save it now, and let the browser warn on a reload.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if ((dirty.current || storingRef.current > 0) && !readOnly) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(timer.current);
      window.clearTimeout(follow.current);
      if (dirty.current && !conflict.current) void save();
    };
  }, [readOnly, save]);

  const onDocument = useCallback(
    (next: DiagramDocument) => {
      if (readOnly || !canvas.current) return;
      // Fields the canvas cannot show (hidden shapes, extensions) come from this document now.
      source.current = next;
      canvas.current.load(next, true);
      onEdit();
    },
    [onEdit, readOnly],
  );

  const saveVersion = useCallback(async () => {
    if (readOnly) {
      notify('This diagram is read-only: only its editors can save versions.');
      return;
    }
    if (storingRef.current > 0) {
      notify('A picture is still being uploaded: save the version once it is in.');
      return;
    }
    if (liveRef.current.inUse) await liveRef.current.flushed();
    else await save();
    if (conflict.current) return;
    try {
      const version = await call(api.POST('/api/diagrams/{id}/versions', { params: { path: { id } }, body: {} }));
      notify(`Version ${version.version_number ?? ''} saved.`);
      setFile((f) => (f ? { ...f, version_count: (f.version_count ?? 0) + 1, latest_version: version.version_number } : f));
    } catch (failure) {
      complain(messageOf(failure));
    }
  }, [complain, id, notify, readOnly, save]);

  // Ctrl/⌘+S: a version, not the browser's "save page" (caught before Excalidraw sees it).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        event.stopPropagation();
        void saveVersion();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [saveVersion]);

  // Ctrl/⌘+K: the command palette — unless one shape is selected on the canvas, where it is
  // Excalidraw's own "add link" (caught before Excalidraw sees it otherwise).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      const onCanvas = event.target instanceof Element && !!event.target.closest('.editor-excalidraw');
      if (onCanvas && selectionRef.current.length === 1) return;
      event.preventDefault();
      event.stopPropagation();
      setPaletteOpen(true);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const layout = useCallback(async () => {
    if (readOnly || !canvas.current) return;
    try {
      const current = canvas.current.document(source.current);
      const answer = await call(api.POST('/api/diagrams/layout', { body: { document: asJsonBody(current) } }));
      onDocument(asDocument(answer.document));
      notify('Laid out: Ctrl/⌘+Z takes it back.');
    } catch (failure) {
      complain(messageOf(failure));
    }
  }, [complain, notify, onDocument, readOnly]);

  const paletteCommands = useMemo((): Command[] => {
    const editing = !readOnly;
    const commands: Command[] = [
      ...(editing ? [{ label: 'Save a version', hint: 'Ctrl+S', run: () => void saveVersion() }] : []),
      { label: 'Export…', hint: 'dialog', run: () => setPanels((o) => ({ ...o, dialog: { kind: 'export' } })) },
      ...(editing ? [{ label: 'Share…', hint: 'dialog', run: () => setPanels((o) => ({ ...o, dialog: { kind: 'share' } })) }] : []),
      { label: panels.side === 'code' ? 'Hide the code view' : 'Show the code view', hint: 'panel', run: () => setPanels(toggleSide('code')) },
      ...(editing ? [{ label: 'Layout: arrange the diagram automatically', hint: 'layout', run: () => void layout() }] : []),
      { label: panels.side === 'versions' ? 'Hide the versions panel' : 'Show the versions panel', hint: 'panel', run: () => setPanels(toggleSide('versions')) },
      { label: panels.side === 'ai' ? 'Hide the AI panel' : 'Show the AI panel', hint: 'panel', run: () => setPanels(toggleSide('ai')) },
      { label: panels.side === 'comments' ? 'Hide the comments' : 'Show the comments', hint: 'Ctrl+Alt+M', run: () => setPanels(toggleSide('comments')) },
      { label: 'Notifications', hint: 'bell', run: () => bell.current?.open() },
      { label: 'Keyboard shortcuts', hint: 'dialog', run: () => setPanels((o) => ({ ...o, dialog: { kind: 'shortcuts' } })) },
      { label: dark ? 'Switch to light mode' : 'Switch to dark mode', hint: 'theme', run: () => applyTheme(dark ? 'light' : 'dark') },
      { label: 'Go to the dashboard', hint: 'page', run: () => navigate('/') },
    ];
    for (const target of shapeTargets(doc)) {
      commands.push({
        label: `Go to shape: ${target.label}`,
        hint: 'shape',
        run: () => {
          if (!canvas.current?.select(target.id)) notify(`“${target.label}” is not on the canvas: it is hidden or inside a collapsed frame.`);
        },
      });
    }
    return commands;
  }, [dark, doc, layout, notify, panels.side, readOnly, saveVersion]);

  /** Ends a conflict: the canvas shows `doc`, which the server holds as `answer`. */
  const resolve = async (settle: () => Promise<{ answer: { data: File; etag: string }; doc: DiagramDocument }>, done: string) => {
    setBusy(true);
    try {
      const { answer, doc: settled } = await settle();
      accept(answer, settled);
      source.current = settled;
      canvas.current?.load(settled, false);
      setDoc(settled);
      dirty.current = false;
      conflict.current = false;
      setSaveState('saved');
      setConflictOpen(false);
      notify(done);
    } catch (failure) {
      // Changed again meanwhile: the dialog stays, and a second try reads the newest copy.
      complain(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const latest = async () => {
    const answer = await fetchFile(id);
    return { answer, doc: documentOf(answer.data) };
  };

  const reload = () => resolve(latest, 'Reloaded the latest version from the server; your unsaved changes were dropped.');

  /** A version was restored on the server: show it, as the server now holds it. */
  const reloadRestored = () =>
    // In a room, the room merges the restored file and sends it to everyone.
    liveRef.current.inUse ? notify('Restored: the diagram shows the restored version.') : resolve(latest, 'Restored: the diagram shows the restored version.');

  const shownState: SaveState = storing.count > 0 ? 'uploading' : live.inUse ? (live.saved ? 'saved' : 'saving') : saveState;

  const merge = () =>
    resolve(async () => {
      const theirs = await fetchFile(id);
      const mine = canvas.current ? canvas.current.document(source.current) : source.current;
      const merged = mergeDocuments(server.current.doc, mine, documentOf(theirs.data));
      const answer = await withEtag(
        api.PATCH('/api/diagrams/{id}', {
          params: { path: { id }, header: { 'If-Match': theirs.etag } },
          body: { canvas_data: merged as never },
        }),
      );
      return { answer, doc: merged };
    }, 'Merged: your changes are saved on top of the other ones.');

  const rename = async (title: string) => {
    try {
      await serially(async () => {
        const answer = await withEtag(
          api.PATCH('/api/diagrams/{id}', { params: { path: { id }, header: { 'If-Match': server.current.etag } }, body: { title } }),
        );
        accept(answer, server.current.doc);
      });
      setRenameOpen(false);
    } catch (failure) {
      complain(messageOf(failure));
    }
  };

  const toggleStar = async () => {
    if (!file) return;
    try {
      if (file.starred) await call(api.DELETE('/api/diagrams/{id}/star', { params: { path: { id } } }));
      else await call(api.PUT('/api/diagrams/{id}/star', { params: { path: { id } } }));
      setFile({ ...file, starred: !file.starred });
    } catch (failure) {
      complain(messageOf(failure));
    }
  };

  if (loadError) {
    return (
      <main className="editor-page editor-message">
        <p>
          <Link to="/">← All files</Link>
        </p>
        <ErrorMessage error={loadError} />
      </main>
    );
  }

  return (
    <div className="editor-page">
      <header className="editor-bar">
        <Link to="/" className="editor-back">
          ← All files
        </Link>
        <h1 className="editor-title">{file?.title ?? 'Diagram'}</h1>
        {file && !readOnly && (
          <button type="button" onClick={() => setRenameOpen(true)}>
            Rename
          </button>
        )}
        {file && (
          <button type="button" aria-pressed={!!file.starred} onClick={() => void toggleStar()}>
            {file.starred ? '★ Starred' : '☆ Star'}
          </button>
        )}
        {readOnly ? (
          <span className="editor-status">{file?.deleted_at ? 'In the trash: read-only' : 'View only'}</span>
        ) : (
          <span className={`editor-status editor-status-${shownState}`} role="status" aria-live="polite" data-save-state={shownState}>
            {shownState === 'uploading'
              ? `Uploading ${storing.count === 1 ? 'a picture' : `${storing.count} pictures`} (${sizeOf(storing.bytes)})…`
              : SAVE_LABELS[shownState]}
          </span>
        )}
        <LiveBar live={live} />
        {saveState === 'conflict' && !conflictOpen && (
          <button type="button" onClick={() => setConflictOpen(true)}>
            Resolve…
          </button>
        )}
        {file && !readOnly && (
          <button
            type="button"
            onClick={() => void saveVersion()}
            disabled={storing.count > 0}
            aria-keyshortcuts="Control+S Meta+S"
            title={storing.count > 0 ? 'Wait until the picture is uploaded' : 'Save a version (Ctrl/⌘+S)'}
          >
            Save version
          </button>
        )}
        {file && (
          <EditorPanels
            fileId={id}
            doc={doc}
            etag={etag}
            currentEtag={live.inUse ? async () => (await fetchFile(id)).etag : undefined}
            onDocument={onDocument}
            selection={selection}
            readOnly={readOnly}
            title={file.title}
            onReload={() => void reloadRestored()}
            sideSlot={sideSlot}
            ai={{ beforeChange: save, onChanged: () => void resolve(latest, 'The diagram shows the AI’s changes.') }}
            comments={{
              permission: file.permission,
              inTrash: !!file.deleted_at,
              version: commentsVersion,
              focus,
              onFocus: focusThread,
              onChanged: commentsChanged,
              // A thread on a shape drawn a moment ago needs the shape on the server first.
              beforeComment: async () => {
                if (readOnly) return;
                if (liveRef.current.inUse) await liveRef.current.flushed();
                else await save();
              },
              centre,
              pickPoint,
            }}
            open={panels}
            onOpen={setPanels}
          />
        )}
        {file && (
          <button type="button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K" title="Command palette (Ctrl/⌘+K)">
            Commands
          </button>
        )}
        <NotificationBell ref={bell} here={bellHere} />
      </header>
      <div className="editor-body">
        <main className="editor-canvas" aria-label="Canvas">
          {!initial ? (
            <Loading label="Opening the diagram…" />
          ) : (
            <Suspense fallback={<Loading label="Loading the canvas…" />}>
              <Canvas
                initial={initial}
                dark={dark}
                readOnly={readOnly}
                onReady={(handle) => (canvas.current = handle)}
                // After the next frame, which draws the scene.
                onLoaded={() => requestAnimationFrame(() => window.setTimeout(() => setDrawn(true)))}
                onEdit={onEdit}
                onSelection={(ids) => {
                  setSelection(ids);
                  live.selection(ids);
                }}
                onPointer={live.cursor}
                onView={() => viewListeners.current.forEach((listener) => listener())}
                pictures={pictures}
                store={storePicture}
                onStoring={(count, bytes) => setStoring({ count, bytes })}
                onStoreFailed={(message) => complain(`The picture was not added: ${message}`)}
              />
            </Suspense>
          )}
          {initial && (
            <CommentPins threads={openThreads} doc={doc} canvas={canvasHandle} onView={onView} focus={focus} onOpen={focusThread} picking={picking} />
          )}
        </main>
        <div className="editor-side" ref={setSideSlot} />
      </div>
      <Dialog title="This diagram was changed elsewhere" open={conflictOpen} onClose={() => setConflictOpen(false)}>
        <p>Someone saved a newer version while you were editing. Your changes are not saved yet.</p>
        <ul>
          <li>
            <strong>Merge</strong> keeps their changes and puts yours on top, shape by shape.
          </li>
          <li>
            <strong>Reload</strong> shows their version and drops your unsaved changes.
          </li>
        </ul>
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
            Merge my changes
          </button>
          <button type="button" disabled={busy} onClick={() => void reload()}>
            Reload theirs
          </button>
        </div>
      </Dialog>
      <PaletteDialog open={paletteOpen} onClose={() => setPaletteOpen(false)} commands={paletteCommands} placeholder="Save, export, share, open a panel, go to a shape…" />
      <RenameDialog open={renameOpen} title={file?.title ?? ''} onClose={() => setRenameOpen(false)} onRename={rename} />
      <Toasts toasts={toasts} />
    </div>
  );
}

function RenameDialog({ open, title, onClose, onRename }: { open: boolean; title: string; onClose: () => void; onRename: (title: string) => Promise<void> }) {
  const [value, setValue] = useState(title);
  useEffect(() => setValue(title), [title, open]);
  return (
    <Dialog title="Rename" open={open} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) void onRename(value.trim());
        }}
      >
        <Field label="Title" value={value} onChange={(e) => setValue(e.target.value)} required maxLength={255} autoFocus />
        <div className="actions">
          <button type="submit" className="primary">
            Rename
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
