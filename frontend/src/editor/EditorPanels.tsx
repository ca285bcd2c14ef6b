// The editor's panels and dialogs around the canvas: the code view (split with the canvas), the
// versions, AI and comments panels (Ctrl+Alt+M toggles comments), the share and export dialogs,
// and the list of the editor's keyboard shortcuts. Each loads on demand the first time it opens, so
// opening a diagram costs none of them (CodeMirror is the largest).
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Dialog as Modal, Loading } from '../ui/ui';
import type { CommentsPanelProps } from './comments/CommentsPanel';
import type { Document } from './document';

const CodeView = lazy(() => import('./code/CodeView').then((m) => ({ default: m.CodeView })));
const VersionsPanel = lazy(() => import('./versions/VersionsPanel').then((m) => ({ default: m.VersionsPanel })));
const ShareDialog = lazy(() => import('./share/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const ExportDialog = lazy(() => import('./export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
const CommentsPanel = lazy(() => import('./comments/CommentsPanel').then((m) => ({ default: m.CommentsPanel })));
const AiPanel = lazy(() => import('../ai/AiPanel').then((m) => ({ default: m.AiPanel })));

export interface EditorPanelsProps {
  fileId: string;
  doc: Document;
  etag: string | null;
  currentEtag?: () => Promise<string | null>;
  onDocument: (doc: Document) => void;
  selection: string[];
  readOnly: boolean;
  /** The file's title (export file names); defaults to "diagram". */
  title?: string;
  /** The file changed on the server (a version restored): reload it. Without it, the restored content goes through onDocument. */
  onReload?: () => void;
  /** Where the side panel (code, versions) goes, beside the canvas; without it, after the switches. */
  sideSlot?: HTMLElement | null;
  /** The AI panel: saves unsaved edits before it changes the file, and shows the file it changed. */
  ai?: { beforeChange: () => Promise<void>; onChanged: () => void };
  /** The comments panel: what it needs besides the file, the document and the selection. */
  comments?: Omit<CommentsPanelProps, 'fileId' | 'doc' | 'selection' | 'onShare'>;
  /** Which side panel and dialog are open: the page holds this, so its command palette can open them too. */
  open: OpenPanels;
  onOpen: (next: (open: OpenPanels) => OpenPanels) => void;
}

export type Side = 'code' | 'versions' | 'ai' | 'comments' | null;
export type PanelDialog = { kind: 'share'; email?: string } | { kind: 'export' } | { kind: 'shortcuts' } | null;
export interface OpenPanels {
  side: Side;
  dialog: PanelDialog;
}

/** Opens a side panel, or closes it when it is the one open. */
export const toggleSide = (panel: Exclude<Side, null>) => (open: OpenPanels): OpenPanels => ({ ...open, side: open.side === panel ? null : panel });

/** Ctrl+Alt+M (Control, not ⌘, on a Mac too: ⌘⌥M minimises windows there). */
const isCommentsShortcut = (event: KeyboardEvent) => event.ctrlKey && event.altKey && !event.metaKey && !event.shiftKey && event.code === 'KeyM';

/** The editor's own shortcuts (Excalidraw's are in its help, "?"). */
const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘+S', 'Save a version'],
  ['Ctrl/⌘+K', 'Command palette (when no single shape is selected)'],
  ['Ctrl+Alt+M', 'Show or hide comments'],
  ['Ctrl/⌘+Enter', 'Send a comment or reply'],
  ['@ and a name', 'Mention someone in a comment'],
  ['?', 'The canvas’s own shortcuts'],
];

export function EditorPanels({ fileId, doc, etag, currentEtag, onDocument, selection, readOnly, title = 'diagram', onReload, sideSlot, ai, comments, open, onOpen }: EditorPanelsProps) {
  const { side, dialog } = open;
  const toggle = (panel: Exclude<Side, null>) => onOpen(toggleSide(panel));
  const setDialog = (next: PanelDialog) => onOpen((o) => ({ ...o, dialog: next }));
  const focus = comments?.focus ?? null;
  const onFocus = comments?.onFocus;

  // A thread to show (a permalink, a pin) opens the comments.
  useEffect(() => {
    if (focus) onOpen((o) => ({ ...o, side: 'comments' }));
    // onOpen is the page's state setter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);
  // Closing the comments lets go of the thread shown (and the address's ?thread=).
  const shownSide = useRef<Side>(null);
  useEffect(() => {
    if (shownSide.current === 'comments' && side !== 'comments' && focus) onFocus?.(null);
    shownSide.current = side;
    // the focus is read when the panel changes only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [side]);

  const hasComments = !!comments;
  useEffect(() => {
    if (!hasComments) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isCommentsShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      onOpen(toggleSide('comments'));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // onOpen is the page's state setter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasComments]);

  const sidePanel: ReactNode = (
    <div id="editor-side-panel" className="side-panel" hidden={!side}>
      <Suspense fallback={<Loading />}>
        {side === 'code' && <CodeView doc={doc} onDocument={onDocument} readOnly={readOnly} />}
        {side === 'versions' && (
          <VersionsPanel fileId={fileId} etag={etag} currentEtag={currentEtag} readOnly={readOnly} onRestored={(restored) => (onReload ? onReload() : onDocument(restored))} />
        )}
        {side === 'ai' && ai && <AiPanel fileId={fileId} readOnly={readOnly} beforeChange={ai.beforeChange} onChanged={ai.onChanged} />}
        {side === 'comments' && comments && (
          <CommentsPanel fileId={fileId} doc={doc} selection={selection} onShare={(email) => setDialog({ kind: 'share', email })} {...comments} />
        )}
      </Suspense>
    </div>
  );

  return (
    <div className="editor-panels">
      <div className="panel-switches" role="toolbar" aria-label="Panels">
        <button type="button" aria-pressed={side === 'code'} aria-controls="editor-side-panel" onClick={() => toggle('code')}>
          Code
        </button>
        <button type="button" aria-pressed={side === 'versions'} aria-controls="editor-side-panel" onClick={() => toggle('versions')}>
          Versions
        </button>
        {ai && (
          <button type="button" aria-pressed={side === 'ai'} aria-controls="editor-side-panel" onClick={() => toggle('ai')}>
            AI
          </button>
        )}
        {comments && (
          <button
            type="button"
            aria-pressed={side === 'comments'}
            aria-controls="editor-side-panel"
            aria-keyshortcuts="Control+Alt+M"
            title="Comments (Ctrl+Alt+M)"
            onClick={() => toggle('comments')}
          >
            Comments
          </button>
        )}
        {!readOnly && (
          <button type="button" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'share' })}>
            Share…
          </button>
        )}
        <button type="button" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'export' })}>
          Export…
        </button>
        <button type="button" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'shortcuts' })}>
          Shortcuts
        </button>
      </div>
      {sideSlot ? createPortal(sidePanel, sideSlot) : sidePanel}
      <Suspense fallback={null}>
        {dialog?.kind === 'share' && <ShareDialog fileId={fileId} email={dialog.email} open onClose={() => setDialog(null)} />}
        {dialog?.kind === 'export' && <ExportDialog fileId={fileId} title={title} doc={doc} selection={selection} open onClose={() => setDialog(null)} />}
      </Suspense>
      <Modal title="Keyboard shortcuts" open={dialog?.kind === 'shortcuts'} onClose={() => setDialog(null)}>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <div className="actions">
          <button type="button" onClick={() => setDialog(null)}>
            Close
          </button>
        </div>
      </Modal>
    </div>
  );
}

export default EditorPanels;
