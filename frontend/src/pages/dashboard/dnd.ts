// Drag and drop of files and folders onto folders (the folder tree, the breadcrumbs, "All files"
// for the top level). The keyboard has the same moves through "Move to…" on selected files.
import { useState, type DragEvent } from 'react';
import { api, call } from '../../api/client';

const FILES = 'application/x-autograph-files';
const FOLDER = 'application/x-autograph-folder';

export type Dragged = { files: string[] } | { folder: string };

export function dragFiles(event: DragEvent, ids: string[]) {
  event.dataTransfer.setData(FILES, JSON.stringify(ids));
  event.dataTransfer.effectAllowed = 'move';
}

export function dragFolder(event: DragEvent, id: string) {
  event.dataTransfer.setData(FOLDER, id);
  event.dataTransfer.effectAllowed = 'move';
}

function carries(event: DragEvent) {
  const types = event.dataTransfer.types;
  return types.includes(FILES) || types.includes(FOLDER);
}

/** Moves files (one by one, or as a batch) or a folder into `folderId` (null: the top level). */
export async function moveInto(folderId: string | null, dragged: Dragged): Promise<string> {
  if ('folder' in dragged) {
    if (dragged.folder === folderId) return 'A folder cannot go into itself.';
    await call(
      api.POST('/api/diagrams/folders/{id}/move', {
        params: { path: { id: dragged.folder } },
        body: { parent_id: folderId as string },
      }),
    );
    return 'Moved the folder.';
  }
  const ids = dragged.files;
  if (ids.length === 1) {
    await call(api.POST('/api/diagrams/{id}/move', { params: { path: { id: ids[0]! } }, body: { folder_id: folderId as string } }));
    return 'Moved 1 file.';
  }
  const answer = await call(api.POST('/api/diagrams/batch', { body: { action: 'move', ids, folder_id: folderId as string } }));
  const failed = answer.failed ?? 0;
  return failed ? `Moved ${answer.succeeded ?? 0} files; ${failed} could not be moved (${answer.results?.find((r) => r.status !== 200)?.detail ?? 'refused'}).` : `Moved ${ids.length} files.`;
}

/** Props making an element a drop target, and whether something is dragged over it. */
export function useDropTarget(onDrop: (dragged: Dragged) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    props: {
      onDragOver: (event: DragEvent) => {
        if (!carries(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (event: DragEvent) => {
        setOver(false);
        if (!carries(event)) return;
        event.preventDefault();
        const files = event.dataTransfer.getData(FILES);
        const folder = event.dataTransfer.getData(FOLDER);
        if (files) onDrop({ files: JSON.parse(files) as string[] });
        else if (folder) onDrop({ folder });
      },
    },
  };
}

type MoveListener = (message: string, failed: boolean) => void;
const moveListeners = new Set<MoveListener>();

/** Tells the dashboard a drop moved something (it reloads and announces it), or why it did not. */
export function announceMove(message: string, failed = false) {
  moveListeners.forEach((listener) => listener(message, failed));
}

export function onMove(listener: MoveListener): () => void {
  moveListeners.add(listener);
  return () => moveListeners.delete(listener);
}
