// What can be done to the selected files at once: star, move to a folder, tag, delete (to the
// trash). Moves, tags and deletes are one POST /api/diagrams/batch; stars are one request each.
import { useId, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { flattenFolders, useFolders } from './folders';
import { useTags } from './tags';

type Batch = Schemas['BatchResult'];

/** How a batch went, in a sentence: all done, or how many were refused and the first reason. */
function outcome(done: string, answer: Batch): string {
  const failed = answer.failed ?? 0;
  if (!failed) return `${done} ${answer.succeeded ?? 0} ${answer.succeeded === 1 ? 'file' : 'files'}.`;
  const reason = answer.results?.find((r) => (r.status ?? 200) >= 400)?.detail ?? 'refused';
  return `${done} ${answer.succeeded ?? 0}; ${failed} refused: ${reason}`;
}

export function BatchBar({ ids, onDone, onClear }: { ids: string[]; onDone: (message: string, failed?: boolean) => Promise<void>; onClear: () => void }) {
  const { tree } = useFolders();
  const tags = useTags() ?? [];
  const [target, setTarget] = useState('');
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const moveId = useId();
  const tagId = useId();

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      await onDone(await work());
    } catch (failure) {
      await onDone(failure instanceof Error ? failure.message : String(failure), true);
    } finally {
      setBusy(false);
    }
  };

  const batch = (body: Schemas['BatchRequest'], done: string) => run(async () => outcome(done, await call(api.POST('/api/diagrams/batch', { body }))));

  const star = () =>
    run(async () => {
      const answers = await Promise.allSettled(ids.map((id) => call(api.PUT('/api/diagrams/{id}/star', { params: { path: { id } } }))));
      const failed = answers.filter((a) => a.status === 'rejected').length;
      return failed ? `Starred ${ids.length - failed}; ${failed} could not be starred.` : `Starred ${ids.length} ${ids.length === 1 ? 'file' : 'files'}.`;
    });

  return (
    <div className="batch-bar" role="region" aria-label="Selected files">
      <strong>{ids.length} selected</strong>
      <button type="button" disabled={busy} onClick={() => void star()}>
        Star
      </button>
      <label htmlFor={moveId} className="visually-hidden">
        Move the selected files to
      </label>
      <select id={moveId} value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">Move to…</option>
        <option value="root">Top level (no folder)</option>
        {flattenFolders(tree ?? []).map(({ node, depth }) => (
          <option key={node.id} value={node.id}>
            {'\u00a0\u00a0'.repeat(depth)}
            {node.name}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy || !target} onClick={() => void batch({ action: 'move', ids, folder_id: (target === 'root' ? null : target) as string }, 'Moved')}>
        Move
      </button>
      {tags.length > 0 && (
        <>
          <label htmlFor={tagId} className="visually-hidden">
            Tag the selected files with
          </label>
          <select id={tagId} value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">Tag with…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy || !tag} onClick={() => void batch({ action: 'tag', ids, tag_id: tag }, 'Tagged')}>
            Tag
          </button>
        </>
      )}
      <button type="button" className="danger" disabled={busy} onClick={() => void batch({ action: 'delete', ids }, 'Moved to the trash:')}>
        Delete
      </button>
      <button type="button" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
