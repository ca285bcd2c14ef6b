// The editor's extension point for side panels and dialogs (code view, versions and diff, share,
// export, AI, comments): the editor page renders this once, in its toolbar, with what a panel
// needs. For now it holds only the toolbar slot; panels are added here.
import type { DiagramDocument } from './mapping';

export interface EditorPanelsProps {
  /** The file being edited. */
  fileId: string;
  /** The canonical document as last saved or computed from the canvas (after each edit settles). */
  doc: DiagramDocument;
  /** The ETag of the server's copy the editor last read or wrote. */
  etag: string;
  /** Replaces the canvas's content with a document (undoable; autosaved like any edit). */
  onDocument: (doc: DiagramDocument) => void;
  /** Ids of the shapes selected on the canvas. */
  selection: readonly string[];
  /** True when the person may only look (a viewer, or a file in the trash). */
  readOnly: boolean;
}

export function EditorPanels(_props: EditorPanelsProps) {
  return <div className="editor-panels" role="group" aria-label="Panels" />;
}
