// The landing page of a notification mail's unsubscribe link
// (PUBLIC_URL/notifications/unsubscribe?token=…, diagram-service's NotificationMailer). No sign-in:
// the token says whose mail of which type to stop. It is posted on a click, not on opening, since
// mail scanners open links on their own.
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Link, useLocation } from '../../app/router';
import { ErrorMessage, Notice } from '../../ui/ui';
import { AuthLayout } from '../auth/AuthLayout';

export default function UnsubscribePage() {
  const token = useLocation().query.get('token') ?? '';
  const [done, setDone] = useState<Schemas['Unsubscribed'] | null>(null);
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token; open the link from the e-mail again.');
  const [busy, setBusy] = useState(false);

  const unsubscribe = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await call(api.POST('/api/diagrams/notifications/unsubscribe', { body: { token } })));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Stop these e-mails">
      {done ? (
        <Notice>
          {done.email ?? 'This address'} gets no more e-mails about {(done.type ?? 'these notifications').replace(/_/g, ' ')}. You still see them in the app.
        </Notice>
      ) : (
        <>
          <p>Stop the e-mails of this kind of notification? You still see them in the app, and can turn them on again in settings.</p>
          <ErrorMessage error={error} />
          <button type="button" className="primary" disabled={busy || !token} onClick={() => void unsubscribe()}>
            {busy ? 'Unsubscribing…' : 'Unsubscribe'}
          </button>
        </>
      )}
      <p>
        <Link to="/">Go to your diagrams</Link>
      </p>
    </AuthLayout>
  );
}
