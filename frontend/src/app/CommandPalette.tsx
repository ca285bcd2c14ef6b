// The command palette (Ctrl/⌘+K): one box to open a diagram by name (the search API), create,
// go to a view, a folder or the settings, or switch the theme. A combobox over a listbox: arrows
// move, Enter runs, Escape closes.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, call } from '../api/client';
import { flattenFolders, useFolders } from '../pages/dashboard/folders';
import { Dialog } from '../ui/ui';
import { navigate } from './router';

export interface Command {
  label: string;
  hint?: string;
  run: () => void;
}

/** Files listed for a query: a few, the search's best. */
const FILE_RESULTS = 8;
/** Quiet time after typing before the search is asked. */
const SEARCH_DELAY_MS = 150;

export function CommandPalette({ open, onClose, commands }: { open: boolean; onClose: () => void; commands: Command[] }) {
  const [query, setQuery] = useState('');
  const [files, setFiles] = useState<Command[]>([]);
  const [active, setActive] = useState(0);
  const { tree } = useFolders();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setFiles([]);
    setActive(0);
  }, [open]);

  const q = query.trim();
  useEffect(() => {
    if (!open || q.length < 2) {
      setFiles([]);
      return;
    }
    let gone = false;
    const timer = window.setTimeout(() => {
      call(api.GET('/api/diagrams/search', { params: { query: { q, size: FILE_RESULTS } } }))
        .then((answer) => {
          if (gone) return;
          setFiles((answer.items ?? []).map((f) => ({ label: f.title ?? 'Untitled', hint: 'open', run: () => navigate(`/files/${f.id}`) })));
        })
        .catch(() => !gone && setFiles([])); // the commands still work without file results
    }, SEARCH_DELAY_MS);
    return () => {
      gone = true;
      window.clearTimeout(timer);
    };
  }, [q, open]);

  const shown = useMemo(() => {
    const folders: Command[] = flattenFolders(tree ?? []).map(({ node }) => ({ label: `Go to folder ${node.name}`, hint: 'folder', run: () => navigate(`/?folder=${node.id}`) }));
    const needle = q.toLowerCase();
    const matching = [...commands, ...folders].filter((c) => !needle || c.label.toLowerCase().includes(needle));
    return [...files, ...matching];
  }, [commands, files, q, tree]);

  useEffect(() => setActive((i) => Math.min(i, Math.max(0, shown.length - 1))), [shown.length]);

  const runAt = (index: number) => {
    const command = shown[index];
    if (!command) return;
    onClose();
    command.run();
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((i) => (shown.length ? (i + 1) % shown.length : 0));
    else if (event.key === 'ArrowUp') setActive((i) => (shown.length ? (i - 1 + shown.length) % shown.length : 0));
    else if (event.key === 'Enter') runAt(active);
    else return;
    event.preventDefault();
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <Dialog title="Command palette" open={open} onClose={onClose}>
      <div className="palette">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          Type a command or a diagram's name
        </label>
        <input
          id={`${listId}-input`}
          ref={inputRef}
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown.length ? optionId(active) : undefined}
          placeholder="Open a diagram, create, go to…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          autoFocus
          maxLength={200}
        />
        <ul id={listId} role="listbox" aria-label="Commands">
          {shown.map((command, i) => (
            <li key={`${command.hint}-${command.label}-${i}`} id={optionId(i)} role="option" aria-selected={i === active} onMouseEnter={() => setActive(i)} onClick={() => runAt(i)}>
              {command.label}
              {command.hint && <small>{command.hint}</small>}
            </li>
          ))}
          {shown.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true">
              Nothing matches.
            </li>
          )}
        </ul>
      </div>
    </Dialog>
  );
}
