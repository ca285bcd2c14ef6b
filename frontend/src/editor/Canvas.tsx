// The canvas: Excalidraw with its own tools, shortcuts, undo/redo, alignment, z-order and style
// panels. This module is the only one importing Excalidraw, and the editor page loads it on demand,
// so none of it reaches the dashboard's JavaScript. Fonts come from our own origin
// (excalidrawAssets.ts, imported before Excalidraw: the router may load this chunk first).
import './excalidrawAssets';
import { CaptureUpdateAction, Excalidraw, hashElementsVersion, restoreElements } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI, BinaryFileData } from '@excalidraw/excalidraw/types';
import '@excalidraw/excalidraw/index.css';
import { useEffect, useMemo, useRef } from 'react';
import { diffText, shiftPosition } from './live/text';
import { toDocument, toScene, type DiagramDocument, type Element, type Files } from './mapping';
import { PLACEHOLDER_DATA_URL, PLACEHOLDER_MIME_TYPE, uploadFileId, uploadKeys, type Picture } from './uploads';

/** What the editor page can ask of the canvas. */
export interface CanvasHandle {
  /** The canvas's content as a document; `previous` supplies what the canvas does not show. */
  document(previous: DiagramDocument): DiagramDocument;
  /** Replaces the content; `undoable` puts the change on the undo stack (code view, AI, merge). */
  load(doc: DiagramDocument, undoable: boolean): void;
  /** The other people in the room: their cursors (named, in their colour) and selections. */
  collaborators(people: Collaborator[]): void;
  /** The view (scroll, zoom, size) and the boxes of the shapes named (comment pins follow them). */
  geometry(ids: Iterable<string>): { view: CanvasView; boxes: Map<string, { x: number; y: number; width: number; height: number }> } | null;
  /** Selects the shape and brings it into view; false when it is not on the canvas (hidden, collapsed). */
  select(shapeId: string): boolean;
}

export interface CanvasView {
  scrollX: number;
  scrollY: number;
  zoom: number;
  width: number;
  height: number;
}

export interface Collaborator {
  id: string;
  name: string;
  color: string;
  pointer?: { x: number; y: number };
  selection: string[];
}

export interface CanvasProps {
  initial: DiagramDocument;
  dark: boolean;
  readOnly: boolean;
  onReady: (canvas: CanvasHandle) => void;
  /** Called after every change of the elements (not of the selection or the view). */
  onEdit: () => void;
  onSelection: (shapeIds: string[]) => void;
  /** The pointer moved over the canvas (canvas coordinates). */
  onPointer?: (x: number, y: number) => void;
  /** Anything changed (shapes, scroll, zoom): what overlays the canvas may have to move. */
  onView?: () => void;
  /** A stored picture (`upload:<key>`) by key, fetched with the reader's credential (uploads.ts). */
  pictures?: (key: string) => Promise<Picture>;
  /** Once, when the initial scene is in (Excalidraw draws it in the next frame). */
  onLoaded?: () => void;
}

function sceneOf(doc: DiagramDocument) {
  const scene = toScene(doc);
  return {
    elements: restoreElements(scene.elements as never, null, { refreshDimensions: false, repairBindings: true }),
    files: Object.values(scene.files) as unknown as BinaryFileData[],
    background: scene.background,
  };
}

export default function Canvas({ initial, dark, readOnly, onReady, onEdit, onSelection, onPointer, onView, pictures, onLoaded }: CanvasProps) {
  const apiRef = useRef<ExcalidrawImperativeAPI | null>(null);
  const picturesRef = useRef(pictures);
  picturesRef.current = pictures;

  /**
   * Adds the stored pictures the document shows that the canvas has no file for yet. Each arrives
   * on its own (the loader fetches a few at once); one that cannot be fetched shows a placeholder.
   * Adding files changes no element, so it is no edit.
   */
  const showPictures = useRef((doc: DiagramDocument) => {
    const load = picturesRef.current;
    const api = apiRef.current;
    if (!load || !api) return;
    const held = api.getFiles();
    for (const key of uploadKeys(doc)) {
      const id = uploadFileId(key);
      if (held[id]) continue;
      void load(key).then((picture) => {
        const now = apiRef.current;
        if (!now || now.getFiles()[id]) return;
        const content = 'failed' in picture ? { dataURL: PLACEHOLDER_DATA_URL, mimeType: PLACEHOLDER_MIME_TYPE } : { dataURL: picture.dataURL, mimeType: picture.mimeType };
        now.addFiles([{ id, created: Date.now(), ...content } as unknown as BinaryFileData]);
      });
    }
  }).current;
  const frame = useRef<HTMLDivElement>(null);
  const lastVersion = useRef<number | null>(null);
  const lastSelection = useRef('');
  const loaded = useRef(false);
  const initialData = useMemo(() => {
    // Unrestored: Excalidraw restores initialData itself (with the same options as sceneOf), and
    // restoring 500 shapes and their labels twice is a measurable part of opening a diagram.
    const scene = toScene(initial);
    return { elements: scene.elements as never, files: scene.files as never, appState: { viewBackgroundColor: scene.background }, scrollToContent: true };
    // The initial scene only: later documents arrive through load().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const handleRef = useRef<CanvasHandle>({
    document(previous) {
      const api = apiRef.current;
      if (!api) return previous;
      return toDocument(api.getSceneElementsIncludingDeleted() as unknown as Element[], api.getFiles() as unknown as Files, previous, api.getAppState().viewBackgroundColor);
    },
    load(doc, undoable) {
      const api = apiRef.current;
      if (!api) return;
      const scene = sceneOf(doc);
      // An empty canvas getting content (the first code, a restored version) shows it; otherwise
      // the view stays where the person left it.
      const wasEmpty = api.getSceneElements().length === 0;
      if (scene.files.length) api.addFiles(scene.files);
      const editing = (api.getAppState() as unknown as { editingTextElement?: { id: string } | null }).editingTextElement;
      api.updateScene({
        elements: scene.elements,
        appState: { viewBackgroundColor: scene.background },
        captureUpdate: undoable ? CaptureUpdateAction.IMMEDIATELY : CaptureUpdateAction.NEVER,
      });
      if (wasEmpty && scene.elements.length) api.scrollToContent(undefined, { fitToContent: false });
      showPictures(doc);
      if (editing) {
        const shown = scene.elements.find((e) => e.id === editing.id) as { originalText?: unknown } | undefined;
        const editor = frame.current?.querySelector<HTMLTextAreaElement>('textarea.excalidraw-wysiwyg');
        if (editor && typeof shown?.originalText === 'string') followText(editor, shown.originalText);
      }
      // A load is not an edit of the person's: the next save compares against this.
      if (!undoable) lastVersion.current = hashElementsVersion(api.getSceneElementsIncludingDeleted());
    },
    collaborators(people) {
      const api = apiRef.current;
      if (!api) return;
      const collaborators = new Map(
        people.map((p) => [
          p.id,
          {
            id: p.id,
            socketId: p.id,
            username: p.name,
            color: { background: p.color, stroke: p.color },
            pointer: p.pointer ? { x: p.pointer.x, y: p.pointer.y, tool: 'pointer' as const } : undefined,
            selectedElementIds: Object.fromEntries(p.selection.map((id) => [id, true as const])),
          },
        ]),
      );
      api.updateScene({ collaborators: collaborators as never, captureUpdate: CaptureUpdateAction.NEVER });
    },
    geometry(ids) {
      const api = apiRef.current;
      if (!api) return null;
      const state = api.getAppState();
      const wanted = new Set(ids);
      const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
      if (wanted.size) {
        for (const e of api.getSceneElements()) {
          if (wanted.has(e.id)) boxes.set(e.id, { x: e.x, y: e.y, width: Math.abs(e.width), height: Math.abs(e.height) });
        }
      }
      return { view: { scrollX: state.scrollX, scrollY: state.scrollY, zoom: state.zoom.value, width: state.width, height: state.height }, boxes };
    },
    select(shapeId) {
      const api = apiRef.current;
      const element = api?.getSceneElements().find((e) => e.id === shapeId);
      if (!api || !element) return false;
      api.updateScene({ appState: { selectedElementIds: { [shapeId]: true } } as never, captureUpdate: CaptureUpdateAction.NEVER });
      api.scrollToContent(element, { fitToContent: false, animate: true });
      return true;
    },
  });

  useEffect(() => {
    const root = frame.current;
    if (!root) return;
    nameUnnamedControls(root);
    const observer = new MutationObserver(() => nameUnnamedControls(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={frame} className="editor-excalidraw">
      <Excalidraw
        excalidrawAPI={(api) => {
          apiRef.current = api;
          onReady(handleRef.current);
          showPictures(initial);
        }}
        initialData={initialData}
        theme={dark ? 'dark' : 'light'}
        viewModeEnabled={readOnly}
        autoFocus
        name="diagram"
        UIOptions={{
          // Files live on the server: no opening or saving of local files, no theme switch of its
          // own (the app's theme rules), Ctrl/⌘+S saves a version instead.
          canvasActions: { loadScene: false, saveToActiveFile: false, export: false, toggleTheme: null },
        }}
        onPointerUpdate={onPointer ? ({ pointer }) => onPointer(pointer.x, pointer.y) : undefined}
        onChange={(elements, appState) => {
          // Excalidraw's first change is its initial scene (it is quiet while loading).
          if (!loaded.current) {
            loaded.current = true;
            onLoaded?.();
          }
          const version = hashElementsVersion(elements);
          if (lastVersion.current === null) lastVersion.current = version;
          else if (version !== lastVersion.current) {
            lastVersion.current = version;
            onEdit();
          }
          const byId = new Map(elements.map((e) => [e.id, e] as const));
          const ids = Object.keys(appState.selectedElementIds)
            .map((id) => byId.get(id))
            .filter((e) => e && !e.isDeleted)
            .map((e) => (e!.type === 'text' && e!.containerId ? e!.containerId : e!.id));
          const selection = [...new Set(ids)].sort();
          const key = selection.join('\n');
          if (key !== lastSelection.current) {
            lastSelection.current = key;
            onSelection(selection);
          }
          onView?.();
        }}
      />
    </div>
  );
}

/**
 * Repairs the few Excalidraw 0.18 controls axe-core finds fault with: names for the menu button
 * and the colour and font pickers (button-name, aria-dialog-name); the zoom button named by the
 * zoom it shows (its fixed label "Reset zoom" hid the visible "100%": label-content-name-mismatch;
 * the title still says it); no popup attributes on the plain <div> around the font picker's button
 * (aria-allowed-attr; the button inside is what a keyboard reaches).
 */
function nameUnnamedControls(root: HTMLElement) {
  const name = (selector: string, label: string) => {
    for (const el of root.querySelectorAll(selector)) if (!el.hasAttribute('aria-label')) el.setAttribute('aria-label', label);
  };
  name('.main-menu-trigger', 'Main menu');
  name('.color-picker-container[role="dialog"]', 'Colour picker');
  name('.FontPicker__container[role="dialog"]', 'Font picker');
  for (const el of root.querySelectorAll('div[aria-haspopup]:not([role])')) {
    for (const attribute of ['aria-haspopup', 'aria-expanded', 'aria-controls']) el.removeAttribute(attribute);
  }
  for (const el of root.querySelectorAll('.reset-zoom-button[aria-label]')) el.removeAttribute('aria-label');
}

/**
 * Excalidraw's text editor sets its textarea from the element only when it opens, and writes the
 * textarea back on every keystroke: text that changed under it (someone else's typing) is put into
 * the textarea, the caret and selection moved by what was inserted or removed before them.
 */
function followText(editor: HTMLTextAreaElement, text: string) {
  if (editor.value === text) return;
  const edit = diffText(editor.value, text);
  const { selectionStart, selectionEnd, selectionDirection } = editor;
  editor.value = text;
  editor.setSelectionRange(shiftPosition(selectionStart, edit), shiftPosition(selectionEnd, edit), selectionDirection ?? undefined);
}
