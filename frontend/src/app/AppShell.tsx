// The frame of every signed-in page: the header (search, theme, account) and the side bar (views
// and the folder tree). Pages render into <main>. Ctrl/⌘+K opens the command palette.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useAuth } from './auth';
import { CommandPalette, type Command } from './CommandPalette';
import { Link, navigate, useLocation } from './router';
import { applyTheme, storedTheme, type Theme } from './theme';
import { NotificationBell } from './NotificationBell';
import { FolderTree } from '../pages/dashboard/FolderTree';

export const VIEWS = [
  { view: 'all', label: 'All files' },
  { view: 'recent', label: 'Recent' },
  { view: 'starred', label: 'Starred' },
  { view: 'shared', label: 'Shared with me' },
  { view: 'trash', label: 'Trash' },
] as const;

export type View = (typeof VIEWS)[number]['view'];

export function AppShell({ children }: { children: ReactNode }) {
  const { user, logOut } = useAuth();
  const location = useLocation();
  const [query, setQuery] = useState(location.query.get('q') ?? '');
  const [theme, setTheme] = useState<Theme>(storedTheme());
  const search = useRef<HTMLInputElement>(null);
  const [palette, setPalette] = useState(false);
  const onDashboard = location.pathname === '/';
  const currentView = onDashboard && !location.query.get('folder') && !location.query.get('q') ? location.query.get('view') ?? 'all' : null;

  useEffect(() => setQuery(location.query.get('q') ?? ''), [location.href]); // eslint-disable-line react-hooks/exhaustive-deps

  // "/" focuses the search box, as in most web apps.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && !target.isContentEditable) {
        event.preventDefault();
        search.current?.focus();
      } else if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPalette(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    navigate(q ? `/?q=${encodeURIComponent(q)}` : '/');
  };

  const cycleTheme = () => {
    const next: Theme = theme === 'system' ? 'dark' : theme === 'dark' ? 'light' : 'system';
    applyTheme(next);
    setTheme(next);
  };

  const commands: Command[] = [
    { label: 'New diagram', hint: 'create', run: () => navigate('/?new=diagram') },
    { label: 'New diagram from a prompt', hint: 'create', run: () => navigate('/?new=prompt') },
    { label: 'New folder', hint: 'create', run: () => navigate('/?new=folder') },
    ...VIEWS.map(({ view, label }) => ({ label: `Go to ${label}`, hint: 'view', run: () => navigate(view === 'all' ? '/' : `/?view=${view}`) })),
    { label: 'Go to Settings', hint: 'page', run: () => navigate('/settings') },
    { label: 'Switch the theme', hint: `now ${theme}`, run: cycleTheme },
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          AutoGraph
        </Link>
        <form role="search" className="search" onSubmit={submit}>
          <label htmlFor="search" className="visually-hidden">
            Search diagrams
          </label>
          <input
            id="search"
            ref={search}
            type="search"
            placeholder="Search diagrams  ( / )"
            value={query}
            maxLength={200}
            onChange={(e) => setQuery(e.target.value)}
          />
        </form>
        <button type="button" onClick={cycleTheme} title="Change the colour theme (system, dark, light)">
          <span aria-hidden="true">{theme === 'dark' ? '☾ ' : theme === 'light' ? '☀ ' : '◐ '}</span>
          Theme: {theme === 'dark' ? 'Dark' : theme === 'light' ? 'Light' : 'System'}
        </button>
        <button type="button" onClick={() => setPalette(true)} aria-keyshortcuts="Control+K Meta+K" title="Command palette (Ctrl/⌘+K)">
          Commands
        </button>
        <NotificationBell />
        <Link to="/settings" className="button">
          Settings
        </Link>
        <button
          type="button"
          onClick={() => {
            void logOut().then(() => navigate('/login', { replace: true }));
          }}
        >
          Log out
        </button>
        <span className="user" title={user?.email}>
          {user?.full_name}
        </span>
      </header>
      <nav className="sidebar" aria-label="Views and folders">
        <ul className="views">
          {VIEWS.map(({ view, label }) => (
            <li key={view}>
              <Link to={view === 'all' ? '/' : `/?view=${view}`} aria-current={currentView === view ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
        <FolderTree current={location.query.get('folder')} />
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
      <CommandPalette open={palette} onClose={() => setPalette(false)} commands={commands} />
    </div>
  );
}
