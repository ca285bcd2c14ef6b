// The notification bell, in the app's header and in the editor's top bar: the unread count, and on
// opening the newest notifications (shares, mentions, replies, comments on my files, invitations),
// each naming who did it and linking to its file (and comment), with mark read and mark all read.
// In the editor, a notification about the file shown opens its thread in place instead of leaving.
// The count is read on mount, every minute and on opening. Escape closes the list and gives the
// focus back to the bell; opened from the command palette (`open()`), the list takes the focus.
import { useCallback, useEffect, useId, useImperativeHandle, useRef, useState, type MouseEvent, type Ref } from 'react';
import { api, call } from '../api/client';
import { messageOf } from '../api/problem';
import { ErrorMessage } from '../ui/ui';
import { describeNotification, notificationTarget, threadHere, type Notification } from './notificationText';
import { Link } from './router';
import './notifications.css';

const POLL_MS = 60_000;

/** What a page may do with the bell: open it, with the focus in its list (the command palette's command). */
export interface BellHandle {
  open: () => void;
}

export interface BellProps {
  ref?: Ref<BellHandle>;
  /** The file the page shows: its notifications open their thread here (`openThread`) rather than navigating. */
  here?: { fileId: string; openThread: (threadId: string) => void };
}

export function NotificationBell({ ref, here }: BellProps = {}) {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);

  useImperativeHandle(
    ref,
    () => ({
      open: () => {
        setOpen(true);
        // Once the list is drawn and the palette has given the focus back to what had it before.
        window.setTimeout(() => panel.current?.focus());
      },
    }),
    [],
  );

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
    const close = (event: globalThis.MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        if (root.current?.contains(document.activeElement)) button.current?.focus();
        setOpen(false);
      } else if (!root.current?.contains(event.target as Node)) setOpen(false);
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

  /** In the editor of the notification's file: its thread opens here; nothing else changes. */
  const openHere = (n: Notification) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!here || n.file_id !== here.fileId || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    const thread = threadHere(n, here.fileId);
    if (thread) here.openThread(thread);
    setOpen(false);
  };

  const label = unread ? `Notifications (${unread} unread)` : 'Notifications';
  return (
    <div className="bell" ref={root}>
      {/* The name is made of the visible count and hidden words, so that it contains what is seen. */}
      <button type="button" ref={button} aria-expanded={open} aria-controls={panelId} title={label} onClick={() => setOpen((o) => !o)}>
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
        <section id={panelId} className="bell-panel" aria-label="Notifications" ref={panel} tabIndex={-1}>
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
                const to = notificationTarget(n);
                return (
                  <li key={n.id} className={n.read ? 'read' : 'unread'}>
                    {to ? (
                      <Link
                        to={to}
                        onClick={(event) => {
                          void markRead(n);
                          openHere(n)(event);
                        }}
                      >
                        {describeNotification(n)}
                      </Link>
                    ) : (
                      <span>{describeNotification(n)}</span>
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
