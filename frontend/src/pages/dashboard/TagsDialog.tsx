// One file's tags: the caller's tags as checkboxes (ticking tags the file, unticking untags it),
// and a new tag made and put on the file in one go.
import { useEffect, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Dialog, ErrorMessage, Field } from '../../ui/ui';
import { reloadTags, tagsOf, useTags } from './tags';

type Tagged = { id: string; title: string; tags?: unknown };

export function TagsDialog({ file, onClose, onChanged }: { file: Tagged | null; onClose: () => void; onChanged: () => void }) {
  const tags = useTags() ?? [];
  const [on, setOn] = useState<Set<string>>(new Set());
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setOn(new Set(file ? tagsOf(file).map((t) => t.id) : []));
    setName('');
    setError(null);
  }, [file]);

  if (!file) return <Dialog title="Tags" open={false} onClose={onClose}>{null}</Dialog>;

  const change = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await reloadTags();
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (tagId: string, tagged: boolean) =>
    change(async () => {
      const params = { path: { fileId: file.id, tagId } };
      await call(tagged ? api.PUT('/api/diagrams/{fileId}/tags/{tagId}', { params }) : api.DELETE('/api/diagrams/{fileId}/tags/{tagId}', { params }));
      setOn((now) => {
        const next = new Set(now);
        if (tagged) next.add(tagId);
        else next.delete(tagId);
        return next;
      });
    });

  const create = (event: FormEvent) => {
    event.preventDefault();
    const tagName = name.trim();
    if (!tagName) return;
    void change(async () => {
      const existing = tags.find((t) => t.name.toLowerCase() === tagName.toLowerCase());
      const tag = existing ?? (await call(api.POST('/api/diagrams/tags', { body: { name: tagName } })));
      await call(api.PUT('/api/diagrams/{fileId}/tags/{tagId}', { params: { path: { fileId: file.id, tagId: tag.id ?? '' } } }));
      setOn((now) => new Set(now).add(tag.id ?? ''));
      setName('');
    });
  };

  return (
    <Dialog title={`Tags of ${file.title}`} open onClose={onClose}>
      {tags.length > 0 ? (
        <fieldset className="choices">
          <legend>Your tags</legend>
          {tags.map((tag) => (
            <label key={tag.id}>
              <input type="checkbox" checked={on.has(tag.id)} disabled={busy} onChange={(e) => void toggle(tag.id, e.target.checked)} /> {tag.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="hint">You have no tags yet.</p>
      )}
      <form onSubmit={create} noValidate>
        <Field label="New tag" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} />
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Done
          </button>
          <button className="primary" type="submit" disabled={busy || !name.trim()}>
            Add tag
          </button>
        </div>
      </form>
    </Dialog>
  );
}
