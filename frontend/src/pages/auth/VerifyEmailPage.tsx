import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Link, useLocation } from '../../app/router';
import { useAuth } from '../../app/auth';
import { ErrorMessage, Loading, Notice } from '../../ui/ui';
import { AuthLayout } from './AuthLayout';

/** The landing page of the mailed link PUBLIC_URL/verify-email?token=… */
export function VerifyEmailPage() {
  const token = useLocation().query.get('token') ?? '';
  const { user, reload } = useAuth();
  const [state, setState] = useState<'working' | 'done' | 'failed'>(token ? 'working' : 'failed');
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token; open the link from the e-mail again.');
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true; // a token works once: never post it twice (React's strict mode runs effects twice)
    call(api.POST('/api/auth/verify-email', { body: { token } }))
      .then(() => {
        setState('done');
        void reload();
      })
      .catch((failure) => {
        setError(messageOf(failure));
        setState('failed');
      });
  }, [token, reload]);

  return (
    <AuthLayout title="Verify your e-mail">
      {state === 'working' && <Loading label="Verifying…" />}
      {state === 'done' && <Notice>Your e-mail address is verified.</Notice>}
      <ErrorMessage error={error} />
      <p>{user ? <Link to="/">Go to your diagrams</Link> : <Link to="/login">Log in</Link>}</p>
    </AuthLayout>
  );
}
