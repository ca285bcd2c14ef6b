// The command palette (Ctrl/⌘+K): one box to open a diagram by name (the search API), create,
// go to a view, a folder or the settings, or switch the theme. A combobox over a listbox: arrows
// move, Enter runs, Escape closes. The editor has its own commands in the same box (PaletteDialog).
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, call } from '../api/client';
import { flattenFolders, useFolders } from '../pages/dashboard/folders';
import { Dialog } from '../ui/ui';
import { matchCommands, type Command } from './commands';
import { navigate } from './router';

export type { Command } from './commands';

/** Files listed for a query: a few, the search's best. */
const FILE_RESULTS = 8;
/** Quiet time after typing before the search is asked. */
const SEARCH_DELAY_MS = 150;

export function CommandPalette({ open, onClose, commands }: { open: boolean; onClose: () => void; commands: Command[] }) {
  const { tree } = useFolders();
  const all = useMemo(
    () => [...commands, ...flattenFolders(tree ?? []).map(({ node }) => ({ label: `Go to folder ${node.name}`, hint: 'folder', run: () => navigate(`/?folder=${node.id}`) }))],
    [commands, tree],
  );
  const searchFiles = useCallback(
    async (q: string): Promise<Command[]> => {
      const answer = await call(api.GET('/api/diagrams/search', { params: { query: { q, size: FILE_RESULTS } } }));
      return (answer.items ?? []).map((f) => ({ label: f.title ?? 'Untitled', hint: 'open', run: () => navigate(`/files/${f.id}`) }));
    },
    [],
  );
  return <PaletteDialog open={open} onClose={onClose} commands={all} search={searchFiles} placeholder="Open a diagram, create, go to…" />;
}

export interface PaletteDialogProps {
  open: boolean;
  onClose: () => void;
  commands: Command[];
  /** Further commands for a query of two characters or more (files by name), listed first. */
  search?: (query: string) => Promise<Command[]>;
  placeholder: string;
}

export function PaletteDialog({ open, onClose, commands, search, placeholder }: PaletteDialogProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Command[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setFound([]);
    setActive(0);
  }, [open]);

  const q = query.trim();
  useEffect(() => {
    if (!open || !search || q.length < 2) {
      setFound([]);
      return;
    }
    let gone = false;
    const timer = window.setTimeout(() => {
      search(q)
        .then((more) => !gone && setFound(more))
        .catch(() => !gone && setFound([])); // the commands still work without these results
    }, SEARCH_DELAY_MS);
    return () => {
      gone = true;
      window.clearTimeout(timer);
    };
  }, [q, open, search]);

  const shown = useMemo(() => [...found, ...matchCommands(commands, q)], [commands, found, q]);

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
          Type a command or a name
        </label>
        <input
          id={`${listId}-input`}
          ref={inputRef}
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown.length ? optionId(active) : undefined}
          placeholder={placeholder}
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
