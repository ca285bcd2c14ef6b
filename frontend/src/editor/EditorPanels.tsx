// The editor's panels and dialogs around the canvas: the code view (split with the canvas), the
// versions panel, the share and export dialogs. Each loads on demand the first time it opens, so
// opening a diagram costs none of them (CodeMirror is the largest).
import { lazy, Suspense, useState, type ReactNode } from 'react';
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
}

type Side = 'code' | 'versions' | 'ai' | null;
type Dialog = 'share' | 'export' | null;

export function EditorPanels({ fileId, doc, etag, currentEtag, onDocument, selection, readOnly, title = 'diagram', onReload, sideSlot, ai }: EditorPanelsProps) {
  const [side, setSide] = useState<Side>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const toggle = (panel: Exclude<Side, null>) => setSide((open) => (open === panel ? null : panel));

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
