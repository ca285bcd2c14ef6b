// The caller's folder tree, fetched once and shared by the side bar and the dashboard (which
// refreshes it after creating a folder).
import { useSyncExternalStore } from 'react';
import { api, call, type Schemas } from '../../api/client';

export type FolderNode = { id: string; name: string; parent_id?: string | null; children?: FolderNode[] };

let tree: FolderNode[] | null = null;
let error: string | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function reloadFolders(): Promise<void> {
  loading = call(api.GET('/api/diagrams/folders/tree', {}))
    .then((answer: Schemas['Tree']) => {
      tree = (answer.items ?? []) as FolderNode[];
      error = null;
    })
    .catch((failure: unknown) => {
      error = failure instanceof Error ? failure.message : String(failure);
    })
    .finally(() => {
      loading = null;
      listeners.forEach((listener) => listener());
    });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!tree && !loading) void reloadFolders();
  return () => listeners.delete(listener);
}

export function useFolders(): { tree: FolderNode[] | null; error: string | null } {
  const snapshotTree = useSyncExternalStore(subscribe, () => tree);
  const snapshotError = useSyncExternalStore(subscribe, () => error);
  return { tree: snapshotTree, error: snapshotError };
}

export function forgetFolders() {
  tree = null;
}

/** The tree in display order, each folder with its depth (for pickers). */
export function flattenFolders(nodes: FolderNode[], depth = 0): { node: FolderNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenFolders(node.children ?? [], depth + 1)]);
}
