import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { storeTokens } from '../../api/session';
import { Link, navigate, useLocation } from '../../app/router';
import { ErrorMessage, Field } from '../../ui/ui';
import { AuthLayout } from './AuthLayout';

type Tokens = { access_token: string; refresh_token: string; expires_in: number };

/** Where to go after signing in: a path of this app only (never another site). */
function nextPath(query: URLSearchParams): string {
  const next = query.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(false);
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [backup, setBackup] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signedIn = (tokens: Tokens) => {
    storeTokens(tokens);
    navigate(nextPath(location.query), { replace: true });
  };

  const logIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await call(api.POST('/api/auth/login', { body: { email, password, remember_me: rememberMe } }));
      const challenge = answer as { mfa_required?: boolean; mfa_token?: string };
      if (challenge.mfa_required && challenge.mfa_token) setMfaToken(challenge.mfa_token);
      else signedIn(answer as Tokens);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!mfaToken) return;
    setBusy(true);
    setError(null);
    try {
      signedIn((await call(api.POST('/api/auth/mfa/verify', { body: { mfa_token: mfaToken, code: code.trim() } }))) as Tokens);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  if (mfaToken) {
    return (
      <AuthLayout title="Two-factor authentication">
        <form onSubmit={verify} noValidate>
          <p>
            {backup
              ? 'Enter one of your backup codes (xxxxx-xxxxx). Each works once.'
              : 'Enter the 6-digit code from your authenticator app.'}
          </p>
          <Field
            label={backup ? 'Backup code' : 'Authentication code'}
            name="code"
            autoComplete="one-time-code"
            inputMode={backup ? 'text' : 'numeric'}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            autoFocus
          />
          <ErrorMessage error={error} />
          <button className="primary" type="submit" disabled={busy || !code.trim()}>
            Verify
          </button>
          <button type="button" className="link-button" onClick={() => { setBackup(!backup); setCode(''); setError(null); }}>
            {backup ? 'Use the authenticator app instead' : 'Use a backup code instead'}
          </button>
        </form>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Log in"
      footer={
        <>
          <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form onSubmit={logIn} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <label className="checkbox">
          <input type="checkbox" checked={rememberMe} onChange={(e) => setRememberMe(e.target.checked)} /> Keep me signed in for 30 days
        </label>
        <ErrorMessage error={error} />
        <button className="primary" type="submit" disabled={busy || !email || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
