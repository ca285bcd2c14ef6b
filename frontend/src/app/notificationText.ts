// What the notification bell says of a notification and where it leads, kept apart from its React
// component so the unit tests can run it in Node.
import type { Schemas } from '../api/client';

export type Notification = Schemas['NotificationView'];

/** What happened, by type: without who did it, and with it (`{who}` is their name). */
const DESCRIPTIONS: Record<string, [string, string]> = {
  share: ['Shared with you', 'Shared with you by {who}'],
  mention: ['You were mentioned', 'You were mentioned by {who}'],
  reply: ['A reply in your thread', 'A reply from {who} in your thread'],
  comment_on_file: ['A comment on your diagram', 'A comment from {who} on your diagram'],
  team_invitation: ['An invitation to a team', 'An invitation from {who} to a team'],
};

const text = (details: Record<string, unknown>, key: string): string => (typeof details[key] === 'string' ? (details[key] as string) : '');

/** One line for a notification: what happened, by whom (when the account still exists), on what, and an excerpt. */
export function describeNotification(n: Notification): string {
  const details = (n.details ?? {}) as Record<string, unknown>;
  const [anonymous, named] = DESCRIPTIONS[n.type ?? ''] ?? ['Notification', 'Notification from {who}'];
  const what = n.actor_name ? named.replace('{who}', n.actor_name) : anonymous;
  const title = text(details, 'file_title') ? `: “${text(details, 'file_title')}”` : '';
  const excerpt = text(details, 'excerpt') ? ` — ${text(details, 'excerpt')}` : '';
  return `${what}${title}${excerpt}`;
}

/** The thread a notification is about, if any. */
export function threadOf(n: Notification): string | null {
  const details = (n.details ?? {}) as Record<string, unknown>;
  return text(details, 'thread_id') || n.comment_id || null;
}

/** Where a notification leads: the thread's permalink (/files/{id}?thread=), or the file. */
export function notificationTarget(n: Notification): string | null {
  if (!n.file_id) return null;
  const thread = threadOf(n);
  return thread ? `/files/${n.file_id}?thread=${thread}` : `/files/${n.file_id}`;
}

/** The thread to open in place when the page already shows the notification's file; null otherwise. */
export function threadHere(n: Notification, fileId: string | undefined): string | null {
  return fileId && n.file_id === fileId ? threadOf(n) : null;
}
