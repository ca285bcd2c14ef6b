// Sharing a file: with people by e-mail (view or edit), by link (view or edit, optional password
// and expiry) with the embed code for the link's /embed page, and the list of existing shares to
// change or revoke (diagram-service's shares API).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Dialog, Empty, ErrorMessage, Loading, Notice } from '../../ui/ui';

type Share = Schemas['ShareView'];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The link's page on this origin (the API names its own public URL, which may differ behind a proxy). */
export const linkUrl = (token: string) => `${window.location.origin}/s/${encodeURIComponent(token)}`;
export const embedCode = (token: string) =>
  `<iframe src="${window.location.origin}/embed/${encodeURIComponent(token)}" width="800" height="600" style="border:0" title="AutoGraph diagram" loading="lazy"></iframe>`;

/** `email`: the address to share with, filled in (a comment mentioned someone who cannot see the file). */
export function ShareDialog({ fileId, open, onClose, email: initialEmail = '' }: { fileId: string; open: boolean; onClose: () => void; email?: string }) {
  const [shares, setShares] = useState<Share[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [email, setEmail] = useState(initialEmail);
  const [role, setRole] = useState<'view' | 'edit'>('view');
  const [linkPermission, setLinkPermission] = useState<'view' | 'edit'>('view');
  const [password, setPassword] = useState('');
  const [expiresInDays, setExpiresInDays] = useState('');
  const [created, setCreated] = useState<Share | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setShares((await call(api.GET('/api/diagrams/{id}/shares', { params: { path: { id: fileId } } }))).items ?? []);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [fileId]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const sharePerson = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await call(
        api.PUT('/api/diagrams/{id}/shares/users/{user}', { params: { path: { id: fileId, user: email.trim() } }, body: { permission: role } }),
      );
      setNotice(`Shared with ${email.trim()} (${role === 'edit' ? 'can edit' : 'can view'}).`);
      setEmail('');
    });
  };

  const createLink = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const days = expiresInDays ? Number(expiresInDays) : undefined;
      const link = await call(
        api.POST('/api/diagrams/{id}/links', {
          params: { path: { id: fileId } },
          body: { permission: linkPermission, ...(password ? { password } : {}), ...(days ? { expires_in_days: days } : {}) },
        }),
      );
      setCreated(link);
      setPassword('');
      setNotice('The link is ready.');
    });
  };

  const revoke = (share: Share) =>
    run(async () => {
      if (share.kind === 'link' && share.id) {
        await call(api.DELETE('/api/diagrams/{id}/links/{shareId}', { params: { path: { id: fileId, shareId: share.id } } }));
        if (created?.id === share.id) setCreated(null);
      } else if (share.shared_with_user_id) {
        await call(api.DELETE('/api/diagrams/{id}/shares/users/{user}', { params: { path: { id: fileId, user: share.shared_with_user_id } } }));
      }
      setNotice('Access removed.');
    });

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice(`${what} copied.`);
    } catch {
      setNotice(`Select the ${what.toLowerCase()} and copy it (the browser did not allow copying).`);
    }
  };

  const active = (shares ?? []).filter((share) => !share.revoked_at);
  const people = active.filter((share) => share.kind !== 'link');
  const links = active.filter((share) => share.kind === 'link');

  return (
    <Dialog title="Share" open={open} onClose={onClose}>
      <ErrorMessage error={error} />
      {notice && <Notice>{notice}</Notice>}
      <form className="share-form" onSubmit={sharePerson}>
        <h3>People</h3>
        <label htmlFor="share-email">E-mail address</label>
        <input id="share-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} required autoComplete="off" />
        <label htmlFor="share-role">Role</label>
        <select id="share-role" value={role} onChange={(event) => setRole(event.target.value as 'view' | 'edit')}>
          <option value="view">Can view</option>
          <option value="edit">Can edit</option>
        </select>
        <button type="submit" className="primary" disabled={busy || !email.trim()}>
          Share
        </button>
      </form>

      <form className="share-form" onSubmit={createLink}>
        <h3>Link</h3>
        <label htmlFor="link-permission">Anyone with the link</label>
        <select id="link-permission" value={linkPermission} onChange={(event) => setLinkPermission(event.target.value as 'view' | 'edit')}>
          <option value="view">can view</option>
          <option value="edit">can edit</option>
        </select>
        <label htmlFor="link-password">Password (optional, 4–72 characters)</label>
        <input id="link-password" type="password" value={password} minLength={4} maxLength={72} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" />
        <label htmlFor="link-expiry">Expires after (days, optional)</label>
        <input id="link-expiry" type="number" min={1} max={3650} value={expiresInDays} onChange={(event) => setExpiresInDays(event.target.value)} />
        <button type="submit" disabled={busy}>
          Create link
        </button>
      </form>

      {created?.token && (
        <div className="share-result">
          <label htmlFor="link-url">Link</label>
          <input id="link-url" readOnly value={linkUrl(created.token)} onFocus={(event) => event.target.select()} />
          <button type="button" onClick={() => void copy(linkUrl(created.token ?? ''), 'Link')}>
            Copy link
          </button>
          <label htmlFor="embed-code">Embed code</label>
          <textarea id="embed-code" readOnly rows={3} value={embedCode(created.token)} onFocus={(event) => event.target.select()} />
          <button type="button" onClick={() => void copy(embedCode(created.token ?? ''), 'Embed code')}>
            Copy embed code
          </button>
          {created.password_protected && <p className="hint">Password-protected links cannot be embedded.</p>}
        </div>
      )}

      <h3>Who has access</h3>
      {!shares && !error && <Loading label="Loading shares…" />}
      {shares && active.length === 0 && <Empty title="Not shared yet" />}
      {people.length > 0 && (
        <ul className="share-list" aria-label="People">
          {people.map((share) => (
            <li key={share.id}>
              <span>
                {share.shared_with_user_id} · {share.permission === 'edit' ? 'can edit' : 'can view'}
              </span>
              <button type="button" onClick={() => void revoke(share)} disabled={busy} aria-label={`Remove access of ${share.shared_with_user_id}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {links.length > 0 && (
        <ul className="share-list" aria-label="Links">
          {links.map((share) => (
            <li key={share.id}>
              <span>
                Link · {share.permission === 'edit' ? 'can edit' : 'can view'}
                {share.password_protected ? ' · password' : ''}
                {share.expires_at ? ` · expires ${dateFormat.format(new Date(share.expires_at))}` : ''} · {share.view_count ?? 0} views
              </span>
              <button type="button" onClick={() => void revoke(share)} disabled={busy} aria-label={`Revoke link created ${share.created_at ? dateFormat.format(new Date(share.created_at)) : ''}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
