// The bell in the app's header: the unread count, and on opening the newest notifications (shares,
// mentions, replies, comments on my files, invitations), each linking to its file (and comment),
// with mark read and mark all read. The count is read on mount, every minute and on opening.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { messageOf } from '../api/problem';
import { ErrorMessage } from '../ui/ui';
import { Link } from './router';
import './notifications.css';

type Notification = Schemas['NotificationView'];

const POLL_MS = 60_000;

const DESCRIPTIONS: Record<string, string> = {
  share: 'Shared with you',
  mention: 'You were mentioned',
  reply: 'A reply in your thread',
  comment_on_file: 'A comment on your diagram',
  team_invitation: 'An invitation to a team',
};

function describe(n: Notification): string {
  const details = (n.details ?? {}) as Record<string, unknown>;
  const title = typeof details.file_title === 'string' && details.file_title ? `: “${details.file_title}”` : '';
  const excerpt = typeof details.excerpt === 'string' && details.excerpt ? ` — ${details.excerpt}` : '';
  return `${DESCRIPTIONS[n.type ?? ''] ?? 'Notification'}${title}${excerpt}`;
}

/** Where a notification leads: the thread's permalink (/files/{id}?thread=), or the file. */
function target(n: Notification): string | null {
  if (!n.file_id) return null;
  const details = (n.details ?? {}) as Record<string, unknown>;
  const thread = typeof details.thread_id === 'string' ? details.thread_id : n.comment_id;
  return thread ? `/files/${n.file_id}?thread=${thread}` : `/files/${n.file_id}`;
}

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  const load = useCallback(async (withList: boolean) => {
    try {
      const page = await call(api.GET('/api/diagrams/notifications', { params: { query: { size: withList ? 20 : 1 } } }));
      setUnread(Number(page.unread_count ?? 0));
      if (withList) setItems(page.items ?? []);
      setError(null);
    } catch (failure) {
      if (withList) setError(messageOf(failure));
    }
  }, []);

  useEffect(() => {
    void load(false);
    const timer = window.setInterval(() => void load(false), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (!open) return;
    void load(true);
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open, load]);

  const markRead = async (n: Notification) => {
    if (n.read || !n.id) return;
    try {
      await call(api.POST('/api/diagrams/notifications/{id}/read', { params: { path: { id: n.id } } }));
      setItems((all) => all?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      setUnread((u) => Math.max(0, u - 1));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const markAllRead = async () => {
    try {
      await call(api.POST('/api/diagrams/notifications/read-all'));
      setItems((all) => all?.map((x) => ({ ...x, read: true })) ?? null);
      setUnread(0);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const label = unread ? `Notifications (${unread} unread)` : 'Notifications';
  return (
    <div className="bell" ref={root}>
      {/* The name is made of the visible count and hidden words, so that it contains what is seen. */}
      <button type="button" aria-expanded={open} aria-controls={panelId} title={label} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">🔔</span>
        <span className="visually-hidden">{unread > 0 ? 'Notifications (' : 'Notifications'}</span>
        {unread > 0 && (
          <>
            <span className="bell-count">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden"> unread)</span>
          </>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-label="Notifications">
          <div className="bell-head">
            <h2>Notifications</h2>
            <button type="button" onClick={() => void markAllRead()} disabled={!unread}>
              Mark all read
            </button>
          </div>
          <ErrorMessage error={error} />
          {items === null ? (
            <p>Loading…</p>
          ) : items.length === 0 ? (
            <p>Nothing new.</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => {
                const to = target(n);
                return (
                  <li key={n.id} className={n.read ? 'read' : 'unread'}>
                    {to ? (
                      <Link to={to} onClick={() => void markRead(n)}>
                        {describe(n)}
                      </Link>
                    ) : (
                      <span>{describe(n)}</span>
                    )}
                    <time dateTime={n.created_at}>{n.created_at ? new Date(n.created_at).toLocaleString() : ''}</time>
                    {!n.read && (
                      <button type="button" onClick={() => void markRead(n)}>
                        Mark read
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
