// A comment's text box with @mention completion: typing "@" and two letters looks people up
// (GET /api/auth/people: those who share a team or a file with you); ↑/↓ choose, Enter or Tab
// puts "@address" in the text, Escape closes the list. Ctrl/⌘+Enter sends the comment.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { insertMention, MAX_COMMENT_LENGTH, mentionAt } from './model';
import { learnName } from './people';

type Person = Schemas['PersonView'];

const LOOKUP_DELAY_MS = 250;

export interface MentionBoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/⌘+Enter. */
  onSubmit: () => void;
  placeholder?: string;
  autoFocus?: boolean;
  rows?: number;
}

export function MentionBox({ label, value, onChange, onSubmit, placeholder, autoFocus, rows = 3 }: MentionBoxProps) {
  const id = useId();
  const listId = `${id}-people`;
  const box = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once the text holds a chosen mention. */
  const pendingCaret = useRef<number | null>(null);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const query = typing?.query ?? '';
    if (query.length < 2) {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      call(api.GET('/api/auth/people', { params: { query: { q: query.slice(0, 100) } } })).then(
        (found) => {
          if (!current) return;
          const items = (found.items ?? []).filter((p) => p.email);
          items.forEach((p) => learnName(p.id, p.full_name || p.email, !!p.full_name));
          setPeople(items);
          setActive(0);
        },
        // A lookup refused (too many, say) only means no suggestions: the address can be typed.
        () => current && setPeople([]),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [typing?.query]);

  const follow = (text: string, caret: number) => setTyping(mentionAt(text, caret));

  const choose = (person: Person | undefined) => {
    const area = box.current;
    if (!typing || !area || !person?.email) return;
    const next = insertMention(value, typing.start, area.selectionStart, person.email);
    // The caret goes after the mention as soon as the text holds it (below), before the next key
    // is handled: set in a later frame, it moved back over what was typed meanwhile.
    pendingCaret.current = next.caret;
    onChange(next.text);
    setTyping(null);
    setPeople([]);
  };

  useLayoutEffect(() => {
    const area = box.current;
    const caret = pendingCaret.current;
    if (caret === null || !area || area.value !== value) return;
    pendingCaret.current = null;
    area.focus();
    area.setSelectionRange(caret, caret);
  }, [value]);

  const open = !!typing && people.length > 0;
  const optionId = (index: number) => `${id}-person-${index}`;

  return (
    <div className="mention-box">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={box}
        rows={rows}
        value={value}
        maxLength={MAX_COMMENT_LENGTH}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          follow(event.target.value, event.target.selectionStart);
        }}
        onSelect={(event) => follow(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => window.setTimeout(() => setTyping(null), 150)}
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
            event.preventDefault();
            onSubmit();
            return;
          }
          if (!open) return;
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : people.length - 1;
            setActive((a) => (a + step) % people.length);
          } else if (event.key === 'Enter' || event.key === 'Tab') {
            event.preventDefault();
            choose(people[active]);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            setTyping(null);
          }
        }}
      />
      {open && (
        <ul id={listId} role="listbox" className="mention-list" aria-label="People to mention">
          {people.map((person, index) => (
            <li
              key={person.id ?? person.email}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault(); // keeps the focus in the text box
                choose(person);
              }}
            >
              {person.full_name ? `${person.full_name} <${person.email}>` : person.email}
            </li>
          ))}
        </ul>
      )}
      <small className="hint">@ and a name to mention someone · Ctrl/⌘+Enter sends</small>
    </div>
  );
}
