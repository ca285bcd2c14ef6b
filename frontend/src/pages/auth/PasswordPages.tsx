import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Link, useLocation } from '../../app/router';
import { ErrorMessage, Field, Notice } from '../../ui/ui';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const request = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/auth/password-reset', { body: { email } }));
      setSent(true);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Reset your password" footer={<Link to="/login">Back to log in</Link>}>
      {sent ? (
        <Notice>If {email} has an account, a link to choose a new password is on its way. It works for one hour.</Notice>
      ) : (
        <form onSubmit={request} noValidate>
          <Field label="E-mail" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
          <ErrorMessage error={error} />
          <button className="primary" type="submit" disabled={busy || !email}>
            Send the link
          </button>
        </form>
      )}
    </AuthLayout>
  );
}

/** The landing page of the mailed link PUBLIC_URL/reset-password?token=… */
export function ResetPasswordPage() {
  const token = useLocation().query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token; open the link from the e-mail again.');
  const [busy, setBusy] = useState(false);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/auth/password-reset/confirm', { body: { token, new_password: password } }));
      setDone(true);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Choose a new password" footer={<Link to="/login">Log in</Link>}>
      {done ? (
        <Notice>Your password is changed and every session has ended. Log in with the new password.</Notice>
      ) : (
        <form onSubmit={confirm} noValidate>
          <Field
            label="New password"
            name="new_password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters, not your e-mail address."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoFocus
          />
          <ErrorMessage error={error} />
          <button className="primary" type="submit" disabled={busy || !token || !password}>
            Change password
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
