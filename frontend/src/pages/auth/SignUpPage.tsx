import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { storeTokens } from '../../api/session';
import { Link, navigate, useLocation } from '../../app/router';
import { ErrorMessage, Field } from '../../ui/ui';
import { AuthLayout } from './AuthLayout';

export function SignUpPage() {
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // From a team invitation's link (/join-team): the new account claims it.
  const invitation = useLocation().query.get('invitation') || undefined;

  const signUp = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/auth/register', { body: { email, password, full_name: fullName, invitation_token: invitation } }));
      // Signed in straight away; the dashboard reminds the person to verify the address.
      const tokens = await call(api.POST('/api/auth/login', { body: { email, password } }));
      storeTokens(tokens as { access_token: string; refresh_token: string; expires_in: number });
      navigate('/', { replace: true });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Create your account" footer={<>Have an account? <Link to="/login">Log in</Link></>}>
      <form onSubmit={signUp} noValidate>
        <Field label="Full name" name="full_name" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} required maxLength={200} autoFocus />
        <Field label="E-mail" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters, not your e-mail address."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={12}
        />
        <ErrorMessage error={error} />
        <button className="primary" type="submit" disabled={busy || !fullName || !email || !password}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
