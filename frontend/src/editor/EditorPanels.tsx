// The editor's panels and dialogs around the canvas: the code view (split with the canvas), the
// versions panel, the share and export dialogs. Each loads on demand the first time it opens, so
// opening a diagram costs none of them (CodeMirror is the largest).
import { lazy, Suspense, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Loading } from '../ui/ui';
import type { Document } from './document';

const CodeView = lazy(() => import('./code/CodeView').then((m) => ({ default: m.CodeView })));
const VersionsPanel = lazy(() => import('./versions/VersionsPanel').then((m) => ({ default: m.VersionsPanel })));
const ShareDialog = lazy(() => import('./share/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const ExportDialog = lazy(() => import('./export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
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
  /** Which side panel and dialog are open: the page holds this, so its command palette can open them too. */
  open: OpenPanels;
  onOpen: (next: (open: OpenPanels) => OpenPanels) => void;
}

export type Side = 'code' | 'versions' | 'ai' | null;
export type PanelDialog = 'share' | 'export' | null;
export interface OpenPanels {
  side: Side;
  dialog: PanelDialog;
}

/** Opens a side panel, or closes it when it is the one open. */
export const toggleSide = (panel: Exclude<Side, null>) => (open: OpenPanels): OpenPanels => ({ ...open, side: open.side === panel ? null : panel });

export function EditorPanels({ fileId, doc, etag, currentEtag, onDocument, selection, readOnly, title = 'diagram', onReload, sideSlot, ai, open, onOpen }: EditorPanelsProps) {
  const { side, dialog } = open;
  const toggle = (panel: Exclude<Side, null>) => onOpen(toggleSide(panel));
  const setDialog = (next: PanelDialog) => onOpen((o) => ({ ...o, dialog: next }));

  const sidePanel: ReactNode = (
    <div id="editor-side-panel" className="side-panel" hidden={!side}>
      <Suspense fallback={<Loading />}>
        {side === 'code' && <CodeView doc={doc} onDocument={onDocument} readOnly={readOnly} />}
        {side === 'versions' && (
          <VersionsPanel fileId={fileId} etag={etag} currentEtag={currentEtag} readOnly={readOnly} onRestored={(restored) => (onReload ? onReload() : onDocument(restored))} />
        )}
        {side === 'ai' && ai && <AiPanel fileId={fileId} readOnly={readOnly} beforeChange={ai.beforeChange} onChanged={ai.onChanged} />}
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
        {!readOnly && (
          <button type="button" aria-haspopup="dialog" onClick={() => setDialog('share')}>
            Share…
          </button>
        )}
        <button type="button" aria-haspopup="dialog" onClick={() => setDialog('export')}>
          Export…
        </button>
      </div>
      {sideSlot ? createPortal(sidePanel, sideSlot) : sidePanel}
      <Suspense fallback={null}>
        {dialog === 'share' && <ShareDialog fileId={fileId} open onClose={() => setDialog(null)} />}
        {dialog === 'export' && <ExportDialog fileId={fileId} title={title} doc={doc} selection={selection} open onClose={() => setDialog(null)} />}
      </Suspense>
    </div>
  );
}

export default EditorPanels;
