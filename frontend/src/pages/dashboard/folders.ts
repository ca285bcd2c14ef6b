// The caller's folder tree, fetched once and shared by the side bar and the dashboard (which
// refreshes it after creating a folder).
import { api, call } from '../../api/client';
import { sharedValue } from './shared';

export type FolderNode = { id: string; name: string; parent_id?: string | null; children?: FolderNode[] };

const folders = sharedValue(async () => ((await call(api.GET('/api/diagrams/folders/tree', {}))).items ?? []) as FolderNode[]);

export const reloadFolders = folders.reload;

export function useFolders(): { tree: FolderNode[] | null; error: string | null } {
  const { value, error } = folders.use();
  return { tree: value, error };
}

export const forgetFolders = folders.forget;

/** The tree in display order, each folder with its depth (for pickers). */
export function flattenFolders(nodes: FolderNode[], depth = 0): { node: FolderNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenFolders(node.children ?? [], depth + 1)]);
}
