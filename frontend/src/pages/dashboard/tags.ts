// The caller's tags, fetched once and shared by the filter, the cards and the tag dialog (which
// refreshes them after a change).
import { useSyncExternalStore } from 'react';
import { api, call, type Schemas, type With } from '../../api/client';

export type Tag = With<Schemas['TagView'], 'id' | 'name'>;
/** A file's tags as the list answers them (`tags`, typed as any JSON by the API document). */
export type FileTag = { id: string; name: string; color?: string | null };

let tags: Tag[] | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function reloadTags(): Promise<void> {
  loading = call(api.GET('/api/diagrams/tags'))
    .then((answer) => {
      tags = (answer.items ?? []) as Tag[];
    })
    .catch(() => {
      tags ??= []; // the filter is a convenience: the list works without it
    })
    .finally(() => {
      loading = null;
      listeners.forEach((listener) => listener());
    });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!tags && !loading) void reloadTags();
  return () => listeners.delete(listener);
}

export function useTags(): Tag[] | null {
  return useSyncExternalStore(subscribe, () => tags);
}

export function tagsOf(file: { tags?: unknown }): FileTag[] {
  return Array.isArray(file.tags) ? (file.tags as FileTag[]) : [];
}
