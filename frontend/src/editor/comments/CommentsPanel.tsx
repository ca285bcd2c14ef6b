// The comments panel: a file's threads (docs/comments.md) with filters (open, resolved, mine,
// mentioning me) and search; each thread with its anchor (shape, point, note range; a deleted
// shape's marked), authors, times, replies, reactions; reply, resolve and reopen, edit and delete
// (as the API allows), a permalink to copy; a new thread on the selected shape or a point. The
// editor reloads it when the live room says a comment changed (`version`), never by polling.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError, messageOf } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { Empty, ErrorMessage, Loading, Notice } from '../../ui/ui';
import type { Document } from '../document';
import { MentionBox } from './MentionBox';
import {
  DEFAULT_FILTERS,
  describeAnchor,
  listQuery,
  MAX_MENTIONS,
  mayDelete,
  mayEdit,
  mentionsIn,
  permalink,
  REACTIONS,
  when,
  type Comment,
  type Filters,
  type Thread,
} from './model';
import { nameOf } from './people';
import './comments.css';

export interface CommentsPanelProps {
  fileId: string;
  doc: Document;
  selection: string[];
  /** The caller's permission on the file: who manages it may delete any comment. */
  permission?: string;
  /** Comments on a file in the trash cannot be written. */
  inTrash: boolean;
  /** Changes when a comment changed (the live room, or a write of this page's): reload. */
  version: number;
  /** The thread (or a comment of it) shown whole: a permalink's, a pin's. */
  focus: string | null;
  onFocus: (threadId: string | null) => void;
  /** After a write of this panel's. */
  onChanged: () => void;
  /** Opens the share dialog for an address (a mention of someone who cannot see the file). */
  onShare: (email: string) => void;
  /** Saves the canvas first: a new shape must reach the server before a thread names it. */
  beforeComment: () => Promise<void>;
  /** The centre of the visible canvas (scene coordinates), where a point thread goes by default. */
  centre: () => { x: number; y: number } | null;
  /** Lets the person click a point on the canvas; null when they cancelled. */
  pickPoint: () => Promise<{ x: number; y: number } | null>;
}

type AnchorChoice = 'shape' | 'point' | 'file';

/** A refused comment: the API's words, and the people it could be shared with. */
interface Refusal {
  message: string;
  share: string[];
}

function refusalOf(failure: unknown): Refusal {
  const message = messageOf(failure);
  if (failure instanceof ApiError && failure.code === 'mention_without_access' && failure.extra.can_share === true) {
    const people = Array.isArray(failure.extra.people) ? (failure.extra.people as { user?: unknown }[]) : [];
    return { message, share: people.map((p) => String(p.user ?? '')).filter(Boolean) };
  }
  return { message, share: [] };
}

function RefusalMessage({ refusal, onShare }: { refusal: Refusal | null; onShare: (email: string) => void }) {
  if (!refusal) return null;
  return (
    <div className="comment-refusal">
      <ErrorMessage error={refusal.message} />
      {refusal.share.map((email) => (
        <button key={email} type="button" onClick={() => onShare(email)}>
          Share the diagram with {email}…
        </button>
      ))}
    </div>
  );
}

/** The mentions of a text, or a refusal when there are too many. */
function mentionsOrRefusal(text: string): string[] | Refusal {
  const mentions = mentionsIn(text);
  if (mentions.length > MAX_MENTIONS) return { message: `A comment may mention at most ${MAX_MENTIONS} people.`, share: [] };
  return mentions;
}

export function CommentsPanel(props: CommentsPanelProps) {
  const { fileId, inTrash, version, focus, onFocus } = props;
  const me = useAuth().user?.id;
  const headingId = useId();
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [search, setSearch] = useState('');
  const [threads, setThreads] = useState<Thread[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState<Thread | null>(null);
  const [focusError, setFocusError] = useState<string | null>(null);

  // Search words reach the list after a pause in typing.
  useEffect(() => {
    const timer = window.setTimeout(() => setFilters((f) => (f.q === search ? f : { ...f, q: search })), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let current = true;
    call(api.GET('/api/diagrams/{fileId}/comments', { params: { path: { fileId }, query: listQuery(filters) } })).then(
      (page) => {
        if (!current) return;
        setThreads(page.items ?? []);
        setTotal(Number(page.total ?? page.items?.length ?? 0));
        setError(null);
      },
      (failure) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [fileId, filters, version]);

  useEffect(() => {
    if (!focus) {
      setFocused(null);
      setFocusError(null);
      return;
    }
    let current = true;
    call(api.GET('/api/diagrams/comments/{id}', { params: { path: { id: focus } } })).then(
      (thread) => {
        if (!current) return;
        setFocused(thread);
        setFocusError(null);
        // A link may name a reply: the thread goes by its own id from here on.
        if (thread.id && thread.id !== focus) onFocus(thread.id);
      },
      (failure) => {
        if (!current) return;
        setFocused(null);
        setFocusError(failure instanceof ApiError && failure.status === 404 ? 'This comment thread no longer exists, or you may not see it.' : messageOf(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [focus, version, onFocus]);

  // The focused thread shows where it is in the list; one the filters leave out goes first.
  const listed = threads ?? [];
  const shown = focused && !listed.some((t) => t.id === focused.id) ? [focused, ...listed] : listed;

  return (
    <section className="comments-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Comments</h2>
      {!inTrash && <NewThread {...props} />}
      {inTrash && <Notice>This diagram is in the trash: its comments can be read, not written.</Notice>}
      <form className="comment-filters" role="search" aria-label="Filter comments" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={`${headingId}-status`}>Show</label>
        <select id={`${headingId}-status`} value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.target.value as Filters['status'] })}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <label className="check">
          <input type="checkbox" checked={filters.mine} onChange={(event) => setFilters({ ...filters, mine: event.target.checked })} /> Mine
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.mentioningMe} onChange={(event) => setFilters({ ...filters, mentioningMe: event.target.checked })} /> Mentioning me
        </label>
        <label htmlFor={`${headingId}-search`} className="visually-hidden">
          Search comments
        </label>
        <input id={`${headingId}-search`} type="search" placeholder="Search comments" maxLength={200} value={search} onChange={(event) => setSearch(event.target.value)} />
      </form>
      <ErrorMessage error={error} />
      <ErrorMessage error={focusError} />
      {!threads && !error && <Loading label="Loading comments…" />}
      {threads && shown.length === 0 && (
        <Empty title={filters.q || filters.mine || filters.mentioningMe || filters.status !== 'open' ? 'No comments match' : 'No open comments'}>
          <p>{inTrash ? 'Nothing was said here.' : 'Select a shape and write a comment, or comment on a point of the canvas.'}</p>
        </Empty>
      )}
      {shown.length > 0 && (
        <>
          <p className="hint" role="status">
            {total === 1 ? '1 thread' : `${total} threads`}
          </p>
          <ol className="threads" aria-label="Threads">
            {shown.map((thread) => (
              <li key={thread.id}>
                <ThreadCard
                  thread={focused && focused.id === thread.id ? focused : thread}
                  whole={!!focused && focused.id === thread.id}
                  me={me}
                  {...props}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function NewThread({ fileId, doc, selection, onChanged, onFocus, onShare, beforeComment, centre, pickPoint }: CommentsPanelProps) {
  const shapeId = selection[0] ?? null;
  const [choice, setChoice] = useState<AnchorChoice>(shapeId ? 'shape' : 'point');
  const [point, setPoint] = useState<{ x: number; y: number } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const groupId = useId();

  // A selection made while the panel is open anchors the next thread to it.
  useEffect(() => setChoice(shapeId ? 'shape' : 'point'), [shapeId]);

  const pick = async () => {
    const picked = await pickPoint();
    if (picked) {
      setPoint(picked);
      setChoice('point');
    }
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const content = text.trim();
    if (!content || busy) return;
    const mentions = mentionsOrRefusal(content);
    if (!Array.isArray(mentions)) {
      setRefusal(mentions);
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      let anchor: { kind: string; shape_id?: string; x?: number; y?: number } | undefined;
      if (choice === 'shape' && shapeId) {
        await beforeComment();
        anchor = { kind: 'shape', shape_id: shapeId };
      } else if (choice === 'point') {
        const at = point ?? centre() ?? { x: 0, y: 0 };
        anchor = { kind: 'point', x: Math.round(at.x * 10) / 10, y: Math.round(at.y * 10) / 10 };
      }
      const thread = await call(api.POST('/api/diagrams/{fileId}/comments', { params: { path: { fileId } }, body: { content, mentions, ...(anchor ? { anchor } : {}) } }));
      setText('');
      setPoint(null);
      onChanged();
      if (thread.id) onFocus(thread.id);
    } catch (failure) {
      setRefusal(refusalOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const shapeLabel = shapeId ? describeAnchor({ kind: 'shape', shape_id: shapeId }, doc) : '';
  return (
    <form className="new-thread" onSubmit={(event) => void submit(event)} aria-label="New comment">
      <fieldset>
        <legend id={groupId}>New comment on</legend>
        <label className="check">
          <input type="radio" name={`${groupId}-anchor`} checked={choice === 'shape'} disabled={!shapeId} onChange={() => setChoice('shape')} />{' '}
          {shapeId ? `the selected shape ${shapeLabel.replace(/^Shape /, '')}` : 'a shape (select one first)'}
        </label>
        <label className="check">
          <input type="radio" name={`${groupId}-anchor`} checked={choice === 'point'} onChange={() => setChoice('point')} />{' '}
          {point ? `the point (${Math.round(point.x)}, ${Math.round(point.y)})` : 'a point (the middle of the view)'}
        </label>
        <button type="button" className="link-button" onClick={() => void pick()}>
          Pick a point on the canvas
        </button>
        <label className="check">
          <input type="radio" name={`${groupId}-anchor`} checked={choice === 'file'} onChange={() => setChoice('file')} /> the whole diagram
        </label>
      </fieldset>
      <MentionBox label="Comment" value={text} onChange={setText} onSubmit={() => void submit()} placeholder="Write a comment; @ to mention someone" />
      <RefusalMessage refusal={refusal} onShare={onShare} />
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        {busy ? 'Posting…' : 'Comment'}
      </button>
    </form>
  );
}

interface ThreadCardProps extends CommentsPanelProps {
  thread: Thread;
  /** Every comment (GET /comments/{id}), not only the first and the latest reply. */
  whole: boolean;
  me: string | undefined;
}

function ThreadCard(props: ThreadCardProps) {
  const { thread, whole, me, doc, fileId, inTrash, focus, onFocus, onChanged, onShare } = props;
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const id = thread.id ?? '';
  const comments = thread.comments ?? [];
  const first = comments[0];
  const resolved = thread.status === 'resolved';
  const replies = Number(thread.reply_count ?? Math.max(0, comments.length - 1));
  const hidden = whole ? 0 : replies - Math.max(0, comments.length - 1);
  const anchor = describeAnchor(thread.anchor, doc, !!thread.orphaned);
  const titleId = `thread-${id}-title`;

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setRefusal(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setRefusal(refusalOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const sendReply = (event?: FormEvent) => {
    event?.preventDefault();
    const content = reply.trim();
    if (!content) return;
    const mentions = mentionsOrRefusal(content);
    if (!Array.isArray(mentions)) {
      setRefusal(mentions);
      return;
    }
    void act(async () => {
      await call(api.POST('/api/diagrams/comments/{id}/replies', { params: { path: { id } }, body: { content, mentions } }));
      setReply('');
      if (focus !== id) onFocus(id);
    });
  };

  const copyLink = async () => {
    const link = permalink(window.location.origin, fileId, id);
    try {
      await navigator.clipboard.writeText(link);
      setNotice('Link to the thread copied.');
    } catch {
      setNotice(`The browser did not allow copying; the link: ${link}`);
    }
  };

  return (
    <article
      className={`thread${resolved ? ' thread-resolved' : ''}${whole ? ' thread-focused' : ''}`}
      aria-labelledby={titleId}
      data-thread-id={id}
      tabIndex={-1}
      ref={(el) => {
        if (el && whole && focus === id && !el.contains(document.activeElement)) el.scrollIntoView({ block: 'nearest' });
      }}
    >
      <header className="thread-head">
        <h3 id={titleId}>{anchor}</h3>
        {thread.orphaned && <span className="badge badge-warning">Shape deleted</span>}
        {resolved && <span className="badge">Resolved</span>}
      </header>
      {first && <CommentItem comment={first} {...props} />}
      {hidden > 0 && (
        <button type="button" className="link-button" onClick={() => onFocus(id)}>
          {hidden === 1 ? 'Show 1 more reply' : `Show ${hidden} more replies`}
        </button>
      )}
      {comments.slice(1).map((comment) => (
        <CommentItem key={comment.id} comment={comment} {...props} />
      ))}
      {resolved && thread.resolved_at && (
        <p className="hint">
          Resolved by {nameOf(thread.resolved_by, me, thread.resolved_by_name)} {when(thread.resolved_at)}
        </p>
      )}
      {notice && <Notice>{notice}</Notice>}
      <RefusalMessage refusal={refusal} onShare={onShare} />
      {!inTrash && (
        <form className="reply" onSubmit={sendReply} aria-label={`Reply to ${anchor}`}>
          <MentionBox
            label="Reply"
            rows={2}
            value={reply}
            onChange={(text) => {
              setReply(text);
              if (!text) setRefusal(null); // a reply given up takes its refusal along
            }}
            onSubmit={() => sendReply()}
            placeholder="Reply; @ to mention someone"
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !reply.trim()}>
              Reply
            </button>
            {resolved ? (
              <button type="button" disabled={busy} onClick={() => void act(() => call(api.POST('/api/diagrams/comments/{id}/reopen', { params: { path: { id } } })))}>
                Reopen
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void act(() => call(api.POST('/api/diagrams/comments/{id}/resolve', { params: { path: { id } } })))}>
                Resolve
              </button>
            )}
            <button type="button" onClick={() => void copyLink()}>
              Copy link
            </button>
            {whole && (
              <button type="button" onClick={() => onFocus(null)}>
                Collapse
              </button>
            )}
          </div>
        </form>
      )}
    </article>
  );
}

function CommentItem({ comment, me, permission, inTrash, focus, onFocus, onChanged, onShare }: ThreadCardProps & { comment: Comment }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.content ?? '');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const id = comment.id ?? '';
  const author = nameOf(comment.author_id, me, comment.author_name);

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setRefusal(null);
      try {
        await action();
        onChanged();
        return true;
      } catch (failure) {
        setRefusal(refusalOf(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onChanged],
  );

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const content = text.trim();
    if (!content) return;
    const mentions = mentionsOrRefusal(content);
    if (!Array.isArray(mentions)) {
      setRefusal(mentions);
      return;
    }
    if (await run(() => call(api.PATCH('/api/diagrams/comments/{id}', { params: { path: { id } }, body: { content, mentions } })))) setEditing(false);
  };

  const react = (emoji: string, mine: boolean) =>
    void run(() =>
      mine
        ? call(api.DELETE('/api/diagrams/comments/{id}/reactions/{emoji}', { params: { path: { id, emoji } } }))
        : call(api.PUT('/api/diagrams/comments/{id}/reactions/{emoji}', { params: { path: { id, emoji } } })),
    );

  const reactions = comment.reactions ?? [];
  return (
    <div className="comment" data-comment-id={id}>
      <p className="comment-meta">
        <strong>{author}</strong> <time dateTime={comment.created_at}>{when(comment.created_at)}</time>
        {comment.edited_at && (
          <span className="hint" title={`Edited ${new Date(comment.edited_at).toLocaleString()}`}>
            {' '}
            (edited)
          </span>
        )}
      </p>
      {editing ? (
        <form onSubmit={(event) => void save(event)} aria-label="Edit comment">
          <MentionBox label="Edit your comment" value={text} onChange={setText} onSubmit={() => void save()} autoFocus rows={2} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !text.trim()}>
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setText(comment.content ?? '');
                setRefusal(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">{comment.content}</p>
      )}
      <RefusalMessage refusal={refusal} onShare={onShare} />
      <div className="comment-actions">
        {reactions.map((r) => {
          const known = REACTIONS.find((x) => x.emoji === r.emoji);
          return (
            <button
              key={r.emoji}
              type="button"
              className="reaction"
              aria-pressed={!!r.mine}
              aria-label={`${known?.label ?? r.emoji}: ${r.count}${r.mine ? ', yours' : ''}`}
              disabled={busy || inTrash}
              onClick={() => react(r.emoji ?? '', !!r.mine)}
            >
              <span aria-hidden="true">{known?.symbol ?? r.emoji}</span> {r.count}
            </button>
          );
        })}
        {!inTrash && (
          <details className="react-menu">
            <summary aria-label={`React to ${author}'s comment`}>
              <span aria-hidden="true">☺+</span>
            </summary>
            <div role="group" aria-label="Reactions">
              {REACTIONS.map((r) => {
                const mine = !!reactions.find((x) => x.emoji === r.emoji)?.mine;
                return (
                  <button key={r.emoji} type="button" aria-label={r.label} aria-pressed={mine} disabled={busy} onClick={(event) => {
                    (event.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
                    react(r.emoji, mine);
                  }}>
                    <span aria-hidden="true">{r.symbol}</span>
                  </button>
                );
              })}
            </div>
          </details>
        )}
        {!inTrash && !editing && mayEdit(comment, me) && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {!inTrash && mayDelete(comment, me, permission) && (
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby={`delete-${id}`}>
          <p id={`delete-${id}`}>Delete this comment{comment.id === comment.thread_id ? ' and its whole thread' : ''}? This cannot be undone.</p>
          <button
            type="button"
            className="primary"
            autoFocus
            onClick={() => {
              setConfirming(false);
              // The first comment takes its thread along: stop showing it whole before it goes.
              if (comment.id === comment.thread_id && focus === comment.thread_id) onFocus(null);
              void run(() => call(api.DELETE('/api/diagrams/comments/{id}', { params: { path: { id } } })));
            }}
          >
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

export default CommentsPanel;
