// The editor's panels and dialogs around the canvas: the code view (split with the canvas), the
// versions panel, the share and export dialogs. Each loads on demand the first time it opens, so
// opening a diagram costs none of them (CodeMirror is the largest).
import { lazy, Suspense, useState } from 'react';
import { Loading } from '../ui/ui';
import type { Document } from './document';

const CodeView = lazy(() => import('./code/CodeView').then((m) => ({ default: m.CodeView })));
const VersionsPanel = lazy(() => import('./versions/VersionsPanel').then((m) => ({ default: m.VersionsPanel })));
const ShareDialog = lazy(() => import('./share/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const ExportDialog = lazy(() => import('./export/ExportDialog').then((m) => ({ default: m.ExportDialog })));

export interface EditorPanelsProps {
  fileId: string;
  doc: Document;
  etag: string | null;
  onDocument: (doc: Document) => void;
  selection: string[];
  readOnly: boolean;
  /** The file's title (export file names); defaults to "diagram". */
  title?: string;
  /** The file changed on the server (a version restored): reload it. Without it, the restored content goes through onDocument. */
  onReload?: () => void;
}

type Side = 'code' | 'versions' | null;
type Dialog = 'share' | 'export' | null;

export function EditorPanels({ fileId, doc, etag, onDocument, selection, readOnly, title = 'diagram', onReload }: EditorPanelsProps) {
  const [side, setSide] = useState<Side>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const toggle = (panel: Exclude<Side, null>) => setSide((open) => (open === panel ? null : panel));

  return (
    <div className="editor-panels">
      <div className="panel-switches" role="toolbar" aria-label="Panels">
        <button type="button" aria-pressed={side === 'code'} aria-controls="editor-side-panel" onClick={() => toggle('code')}>
          Code
        </button>
        <button type="button" aria-pressed={side === 'versions'} aria-controls="editor-side-panel" onClick={() => toggle('versions')}>
          Versions
        </button>
        {!readOnly && (
          <button type="button" aria-haspopup="dialog" onClick={() => setDialog('share')}>
            Share…
          </button>
        )}
        <button type="button" aria-haspopup="dialog" onClick={() => setDialog('export')}>
          Export…
        </button>
      </div>
      <div id="editor-side-panel" className="side-panel" hidden={!side}>
        <Suspense fallback={<Loading />}>
          {side === 'code' && <CodeView doc={doc} onDocument={onDocument} readOnly={readOnly} />}
          {side === 'versions' && (
            <VersionsPanel fileId={fileId} etag={etag} readOnly={readOnly} onRestored={(restored) => (onReload ? onReload() : onDocument(restored))} />
          )}
        </Suspense>
      </div>
      <Suspense fallback={null}>
        {dialog === 'share' && <ShareDialog fileId={fileId} open onClose={() => setDialog(null)} />}
        {dialog === 'export' && <ExportDialog fileId={fileId} title={title} doc={doc} selection={selection} open onClose={() => setDialog(null)} />}
      </Suspense>
    </div>
  );
}

export default EditorPanels;
