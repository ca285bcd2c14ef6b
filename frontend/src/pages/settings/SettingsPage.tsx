// The account's settings: who you are, the sessions signed in (end any of them), API keys
// (create, list, revoke) and two-factor authentication (enrol with an authenticator app, or turn
// it off).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, call, type Schemas, type With } from '../../api/client';
import { messageOf } from '../../api/problem';
import { AppShell } from '../../app/AppShell';
import { useAuth } from '../../app/auth';
import { Empty, ErrorMessage, Field, Loading, Notice, useTitle } from '../../ui/ui';

type Session = With<Schemas['SessionView'], 'id'>;
type ApiKey = With<Schemas['ApiKeyView'], 'id' | 'name'>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(iso)) : '—');

export function SettingsPage() {
  useTitle('Settings');
  const { user } = useAuth();
  return (
    <AppShell>
      <h1>Settings</h1>
      {user && (
        <section className="panel" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Account</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{user.full_name}</dd>
            <dt>E-mail</dt>
            <dd>
              {user.email} {user.is_verified ? '(verified)' : '(not verified yet)'}
            </dd>
            <dt>Role</dt>
            <dd>{user.role}</dd>
          </dl>
        </section>
      )}
      <Sessions />
      <ApiKeys />
      <TwoFactor />
    </AppShell>
  );
}

function Sessions() {
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSessions(((await call(api.GET('/api/auth/sessions', {}))).items ?? []) as Session[]);
    } catch (failure) {
      setError(messageOf(failure));
      setSessions([]);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const end = async (session: Session) => {
    setError(null);
    try {
      await call(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id: session.id } } }));
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="hint">Where your account is signed in. End a session you do not recognise, then change your password.</p>
      <ErrorMessage error={error} />
      {sessions === null ? (
        <Loading />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {session.user_agent || 'Unknown device'}
                  {session.current && <strong> (this session)</strong>}
                </td>
                <td>{session.ip ?? '—'}</td>
                <td>{when(session.last_seen_at)}</td>
                <td>
                  {!session.current && (
                    <button type="button" onClick={() => void end(session)} aria-label={`End session last active ${when(session.last_seen_at)}`}>
                      End session
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const SCOPES = ['read', 'write', 'admin'] as const;

function ApiKeys() {
  const { user } = useAuth();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setKeys(((await call(api.GET('/api/auth/api-keys', {}))).items ?? []) as ApiKey[]);
    } catch (failure) {
      setError(messageOf(failure));
      setKeys([]);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await call(api.POST('/api/auth/api-keys', { body: { name, scopes: scopes as ('read' | 'write' | 'admin')[] } }));
      setCreated(answer.key ?? null);
      setName('');
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke “${key.name}”? Programs using it stop working at once.`)) return;
    setError(null);
    try {
      await call(api.DELETE('/api/auth/api-keys/{id}', { params: { path: { id: key.id } } }));
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const toggle = (scope: string) => setScopes((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));

  return (
    <section className="panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <p className="hint">For scripts and CI: send the key as the X-API-Key header.</p>
      <form onSubmit={create} className="inline-form" noValidate>
        <Field label="Key name" name="key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        <fieldset className="choices">
          <legend>Scopes</legend>
          {SCOPES.filter((s) => s !== 'admin' || user?.role === 'admin').map((scope) => (
            <label key={scope}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scope}
            </label>
          ))}
        </fieldset>
        <button className="primary" type="submit" disabled={!name.trim() || scopes.length === 0}>
          Create key
        </button>
      </form>
      {created && (
        <Notice>
          Your new key — copy it now, it is not shown again: <code className="secret">{created}</code>
        </Notice>
      )}
      <ErrorMessage error={error} />
      {keys === null ? (
        <Loading />
      ) : keys.length === 0 ? (
        <Empty title="No API keys" />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.key_prefix}…</code>
                </td>
                <td>{(key.scopes ?? []).join(', ')}</td>
                <td>{when(key.last_used_at)}</td>
                <td>
                  {key.revoked_at ? (
                    <span className="hint">Revoked {when(key.revoked_at)}</span>
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(key)} aria-label={`Revoke ${key.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TwoFactor() {
  const { user, reload } = useAuth();
  const [setup, setSetup] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    try {
      setSetup((await call(api.POST('/api/auth/mfa/setup'))) as { secret: string; otpauth_uri: string });
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await call(api.POST('/api/auth/mfa/enable', { body: { code: code.trim() } }));
      setBackupCodes(answer.backup_codes ?? []);
      setSetup(null);
      setCode('');
      await reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const disable = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await call(api.POST('/api/auth/mfa/disable', { body: { password, code: code.trim() } }));
      setPassword('');
      setCode('');
      setBackupCodes(null);
      await reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section className="panel" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Two-factor authentication</h2>
      <ErrorMessage error={error} />
      {backupCodes && (
        <div className="alert alert-info" role="status">
          <p>Two-factor authentication is on. Keep these backup codes somewhere safe; each works once, and they are not shown again:</p>
          <ul className="codes">
            {backupCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {user?.mfa_enabled ? (
        <form onSubmit={disable} className="inline-form" noValidate>
          <p>On: logging in asks for a code from your authenticator app. To turn it off, confirm with your password and a code.</p>
          <Field label="Password" name="mfa-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <Field label="Code or backup code" name="mfa-code" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          <button type="submit" className="danger" disabled={!password || !code.trim()}>
            Turn off
          </button>
        </form>
      ) : setup ? (
        <form onSubmit={enable} className="inline-form" noValidate>
          <p>
            Add this key to your authenticator app (or open the link on your phone), then enter the code it shows.
          </p>
          <p>
            Key: <code className="secret" data-testid="mfa-secret">{setup.secret}</code>
          </p>
          <p>
            <a href={setup.otpauth_uri}>Open in an authenticator app</a>
          </p>
          <Field label="Code from the app" name="mfa-enable-code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          <button className="primary" type="submit" disabled={!code.trim()}>
            Turn on
          </button>
        </form>
      ) : (
        <>
          <p>Off. With it on, logging in also asks for a code from an authenticator app.</p>
          <button type="button" className="primary" onClick={() => void start()}>
            Set up two-factor authentication
          </button>
        </>
      )}
    </section>
  );
}
