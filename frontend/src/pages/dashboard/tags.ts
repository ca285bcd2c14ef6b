// The caller's tags, fetched once and shared by the filter, the cards and the tag dialog (which
// refreshes them after a change).
import { api, call, type Schemas, type With } from '../../api/client';
import { sharedValue } from './shared';

export type Tag = With<Schemas['TagView'], 'id' | 'name'>;
/** A file's tags as the list answers them (`tags`, typed as any JSON by the API document). */
export type FileTag = { id: string; name: string; color?: string | null };

const tags = sharedValue(async () => ((await call(api.GET('/api/diagrams/tags'))).items ?? []) as Tag[]);

export const reloadTags = tags.reload;

/** The tags, or null until they are known (or when they cannot be read: the filter is a convenience). */
export function useTags(): Tag[] | null {
  return tags.use().value;
}

export function tagsOf(file: { tags?: unknown }): FileTag[] {
  return Array.isArray(file.tags) ? (file.tags as FileTag[]) : [];
}
