// The canvas: Excalidraw with its own tools, shortcuts, undo/redo, alignment, z-order and style
// panels. This module is the only one importing Excalidraw, and the editor page loads it on demand,
// so none of it reaches the dashboard's JavaScript. Fonts come from our own origin
// (excalidrawAssets.ts, imported before Excalidraw: the router may load this chunk first).
import './excalidrawAssets';
import { CaptureUpdateAction, Excalidraw, hashElementsVersion, isInvisiblySmallElement, restoreElements } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI, BinaryFileData } from '@excalidraw/excalidraw/types';
import '@excalidraw/excalidraw/index.css';
import { useEffect, useMemo, useRef } from 'react';
import { diffText, shiftPosition } from './live/text';
import { toDocument, toScene, type DiagramDocument, type Element, type Files } from './mapping';
import {
  changeImages,
  dataUrlToBlob,
  describeStored,
  picturesToStore,
  PLACEHOLDER_DATA_URL,
  PLACEHOLDER_MIME_TYPE,
  pointAtStored,
  uploadFileId,
  uploadKeys,
  withheldImages,
  withoutWithheld,
  type NewPicture,
  type Picture,
  type PictureStorer,
  type StoredPicture,
} from './uploads';

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
  /**
   * Stores a picture put on the canvas (POST …/uploads). Until it answers, the picture's image is
   * left out of the document (saves and live edits); then the image shows the stored picture and
   * the document names it. Without it, pictures stay in the document as data URLs.
   */
  store?: PictureStorer;
  /** Pictures being stored now and their bytes (0, 0 when none): the page shows it. */
  onStoring?: (count: number, bytes: number) => void;
  /** A picture was refused (the problem's detail): its image is taken off the canvas. */
  onStoreFailed?: (message: string) => void;
}

function sceneOf(doc: DiagramDocument) {
  const scene = toScene(doc);
  return {
    elements: restoreElements(scene.elements as never, null, { refreshDimensions: false, repairBindings: true }),
    files: Object.values(scene.files) as unknown as BinaryFileData[],
    background: scene.background,
  };
}

/** The canvas files a document brings: its inline pictures' and its stored ones'. */
function filesOf(doc: DiagramDocument, files: Record<string, unknown>): string[] {
  return [...Object.keys(files), ...uploadKeys(doc).map(uploadFileId)];
}

export default function Canvas(props: CanvasProps) {
  const { initial, dark, readOnly, onReady, onEdit, onSelection, onPointer, onView, pictures, onLoaded } = props;
  const apiRef = useRef<ExcalidrawImperativeAPI | null>(null);
  const picturesRef = useRef(pictures);
  picturesRef.current = pictures;
  const propsRef = useRef(props);
  propsRef.current = props;

  /**
   * Pictures put on the canvas. `known`: files that need no storing (a document brought them, or
   * they are stored or being stored); `storing`: files whose picture is on its way to the server;
   * `refused`: files the server refused (their images never reach the document); `storedAs`: the
   * stored picture of each file stored (an undo may bring back an image of the original file);
   * `described`: what the server said of each stored picture, for the document's `upload`.
   */
  const pictureState = useRef({
    known: new Set<string>(),
    storing: new Map<string, number>(),
    refused: new Set<string>(),
    storedAs: new Map<string, string>(),
    described: new Map<string, StoredPicture>(),
  }).current;
  const withheld = () => new Set([...pictureState.storing.keys(), ...pictureState.refused]);
  const reportStoring = () => {
    let bytes = 0;
    for (const size of pictureState.storing.values()) bytes += size;
    propsRef.current.onStoring?.(pictureState.storing.size, bytes);
  };

  /** Stores one picture put on the canvas; its images then show the stored file. */
  const storePicture = (picture: NewPicture, store: PictureStorer) => {
    const { fileId } = picture;
    let blob: Blob;
    try {
      blob = dataUrlToBlob(picture.dataURL);
    } catch (failure) {
      // Not while Excalidraw is still telling of the change.
      queueMicrotask(() => refuse(fileId, failure instanceof Error ? failure.message : String(failure)));
      return;
    }
    pictureState.known.add(fileId);
    pictureState.storing.set(fileId, blob.size);
    reportStoring();
    store(blob).then(
      (stored) => {
        pictureState.storing.delete(fileId);
        pictureState.storedAs.set(fileId, stored.key);
        pictureState.described.set(stored.key, stored);
        const id = uploadFileId(stored.key);
        pictureState.known.add(id);
        reportStoring();
        const api = apiRef.current;
        if (!api) return;
        if (!api.getFiles()[id]) api.addFiles([{ id, dataURL: picture.dataURL, mimeType: picture.mimeType, created: Date.now() } as unknown as BinaryFileData]);
        if (id !== fileId) repoint(fileId, stored.key);
        // Now in the document: saved, or sent to the room.
        propsRef.current.onEdit();
      },
      (failure: unknown) => {
        pictureState.storing.delete(fileId);
        reportStoring();
        refuse(fileId, failure instanceof Error ? failure.message : String(failure));
      },
    );
  };

  /** The images of `fileId` show the stored picture `key` (not an undoable step of the person's). */
  const repoint = (fileId: string, key: string) => {
    const api = apiRef.current;
    if (!api) return;
    api.updateScene({ elements: pointAtStored(api.getSceneElementsIncludingDeleted() as unknown as Element[], fileId, key) as never, captureUpdate: CaptureUpdateAction.NEVER });
  };

  /** A picture the server refused: its images leave the canvas (nothing else does) and the page says why. */
  const refuse = (fileId: string, message: string) => {
    pictureState.refused.add(fileId);
    pictureState.known.add(fileId);
    const api = apiRef.current;
    if (api) {
      api.updateScene({ elements: changeImages(api.getSceneElementsIncludingDeleted() as unknown as Element[], fileId, { isDeleted: true }) as never, captureUpdate: CaptureUpdateAction.NEVER });
    }
    propsRef.current.onStoreFailed?.(message);
  };

  /** After a change: stores the pictures the canvas gained, and re-points images of stored ones. */
  const storeNewPictures = (elements: readonly Element[], files: Files) => {
    const store = propsRef.current.store;
    if (!store || propsRef.current.readOnly) return;
    for (const e of elements) {
      const key = e.type === 'image' && !e.isDeleted ? pictureState.storedAs.get(e.fileId) : undefined;
      if (key && uploadFileId(key) !== e.fileId) {
        // Brought back by an undo or redo as it was before it was stored.
        queueMicrotask(() => repoint(e.fileId, key));
        break;
      }
    }
    for (const picture of picturesToStore(elements, files, pictureState.known)) storePicture(picture, store);
    if (pictureState.refused.size && withheldImages(elements, pictureState.refused).length) {
      const ids = [...pictureState.refused];
      queueMicrotask(() => {
        const api = apiRef.current;
        if (!api) return;
        let all = api.getSceneElementsIncludingDeleted() as unknown as Element[];
        for (const id of ids) all = changeImages(all, id, { isDeleted: true });
        api.updateScene({ elements: all as never, captureUpdate: CaptureUpdateAction.NEVER });
      });
    }
  };

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
  const lastFiles = useRef<unknown>(null);
  const lastSelection = useRef('');
  const loaded = useRef(false);
  const initialData = useMemo(() => {
    // Unrestored: Excalidraw restores initialData itself (with the same options as sceneOf), and
    // restoring 500 shapes and their labels twice is a measurable part of opening a diagram.
    const scene = toScene(initial);
    for (const id of filesOf(initial, scene.files)) pictureState.known.add(id);
    // Called once Excalidraw's container has its size: the initial view is worked out here
    // (initialScroll) rather than with scrollToContent.
    return () => {
      const scroll = initialScroll(scene.elements, frame.current?.querySelector<HTMLElement>('.excalidraw') ?? null);
      return { elements: scene.elements as never, files: scene.files as never, appState: { viewBackgroundColor: scene.background, ...scroll }, scrollToContent: !scroll };
    };
    // The initial scene only: later documents arrive through load().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const handleRef = useRef<CanvasHandle>({
    document(previous) {
      const api = apiRef.current;
      if (!api) return previous;
      const all = api.getSceneElementsIncludingDeleted() as unknown as Element[];
      const files = api.getFiles() as unknown as Files;
      // A pasted picture's file can reach the canvas before Excalidraw tells of the change (a
      // large one takes a while to read): its storing starts here, so it is withheld below.
      storeNewPictures(all, files);
      // Pictures not stored yet are left out: the document never carries a picture itself.
      const elements = withoutWithheld(all, withheld());
      return describeStored(toDocument(elements, files, previous, api.getAppState().viewBackgroundColor), pictureState.described);
    },
    load(doc, undoable) {
      const api = apiRef.current;
      if (!api) return;
      const scene = sceneOf(doc);
      for (const id of filesOf(doc, Object.fromEntries(scene.files.map((f) => [f.id, f])))) pictureState.known.add(id);
      // An empty canvas getting content (the first code, a restored version) shows it; otherwise
      // the view stays where the person left it.
      const wasEmpty = api.getSceneElements().length === 0;
      if (scene.files.length) api.addFiles(scene.files);
      const editing = (api.getAppState() as unknown as { editingTextElement?: { id: string } | null }).editingTextElement;
      // Pictures still being stored are in no document yet: they stay on the canvas.
      const shown = new Set(scene.elements.map((e) => e.id));
      const storing = withheldImages(api.getSceneElements() as unknown as Element[], new Set(pictureState.storing.keys())).filter((e) => !shown.has(e.id));
      api.updateScene({
        elements: storing.length ? [...scene.elements, ...(storing as never[])] : scene.elements,
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
        onChange={(elements, appState, files) => {
          // Excalidraw's first change is its initial scene (it is quiet while loading).
          if (!loaded.current) {
            loaded.current = true;
            onLoaded?.();
          }
          const version = hashElementsVersion(elements);
          // A pasted picture's file may arrive after its element: a change of the files counts.
          const filesChanged = files !== lastFiles.current;
          lastFiles.current = files;
          if (lastVersion.current === null) lastVersion.current = version;
          else if (version !== lastVersion.current) {
            lastVersion.current = version;
            storeNewPictures(elements as unknown as Element[], files as unknown as Files);
            onEdit();
          } else if (filesChanged) {
            storeNewPictures(elements as unknown as Element[], files as unknown as Files);
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
 * The scroll Excalidraw's scrollToContent gives a new canvas (its calculateScrollCenter at zoom 1):
 * the centre of all shapes when they fit in the canvas, otherwise the centre of the shape nearest
 * the canvas's top left corner. Worked out from each element's own box (points for lines and
 * arrows, corners turned by the angle), where Excalidraw measures every element's drawn shape —
 * the rough path of every arrow, shown or not: about a quarter of its mount for 500 shapes.
 */
function initialScroll(elements: readonly Element[], container: HTMLElement | null): { scrollX: number; scrollY: number } | null {
  if (!container) return null;
  const { width, height, left, top } = container.getBoundingClientRect();
  const boxes = elements.filter((e) => !e.isDeleted && !isInvisiblySmallElement(e as never)).map(boxOf);
  if (!boxes.length) return { scrollX: 0, scrollY: 0 };
  let [x1, y1, x2, y2] = boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  if (x2 - x1 > width || y2 - y1 > height) {
    // The scene point at the canvas's top left corner, scrolled to 0, 0.
    const distance = (b: Box) => Math.hypot((b[0] + b[2]) / 2 + left, (b[1] + b[3]) / 2 + top);
    [x1, y1, x2, y2] = boxes.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  }
  return { scrollX: width / 2 - (x1 + x2) / 2, scrollY: height / 2 - (y1 + y2) / 2 };
}

type Box = [number, number, number, number];

function boxOf(e: Element): Box {
  const x = Number(e.x) || 0;
  const y = Number(e.y) || 0;
  const w = Number(e.width) || 0;
  const h = Number(e.height) || 0;
  const angle = Number(e.angle) || 0;
  const points = Array.isArray(e.points) && e.points.length ? (e.points as [number, number][]) : null;
  if (angle && !points && e.type === 'ellipse') {
    const [a, b] = [w / 2, h / 2];
    const [dx, dy] = [Math.hypot(a * Math.cos(angle), b * Math.sin(angle)), Math.hypot(a * Math.sin(angle), b * Math.cos(angle))];
    return [x + a - dx, y + b - dy, x + a + dx, y + b + dy];
  }
  const corners: [number, number][] = points
    ? points.map(([px, py]) => [x + px, y + py])
    : e.type === 'diamond' && angle
      ? [
          [x + w / 2, y],
          [x + w, y + h / 2],
          [x + w / 2, y + h],
          [x, y + h / 2],
        ]
      : [
          [x, y],
          [x + w, y],
          [x, y + h],
          [x + w, y + h],
        ];
  if (angle && !points) {
    const cx = x + w / 2;
    const cy = y + h / 2;
    for (const c of corners) {
      const [dx, dy] = [c[0] - cx, c[1] - cy];
      c[0] = cx + dx * Math.cos(angle) - dy * Math.sin(angle);
      c[1] = cy + dx * Math.sin(angle) + dy * Math.cos(angle);
    }
  }
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
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
