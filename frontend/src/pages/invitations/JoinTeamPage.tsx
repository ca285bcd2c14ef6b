// The landing page of a team invitation mail (PUBLIC_URL/join-team?token=…, auth-service's
// TeamInvitations). Signed in: one button accepts it. Signed out: log in and come back here, or
// create an account from the link (the invitation is claimed at registration and becomes the
// membership once the address is verified).
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Link, useLocation } from '../../app/router';
import { useAuth } from '../../app/auth';
import { ErrorMessage, Loading, Notice } from '../../ui/ui';
import { AuthLayout } from '../auth/AuthLayout';

export default function JoinTeamPage() {
  const location = useLocation();
  const token = location.query.get('token') ?? '';
  const { user } = useAuth();
  const [team, setTeam] = useState<Schemas['TeamView'] | null>(null);
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token; open the link from the e-mail again.');
  const [busy, setBusy] = useState(false);

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      setTeam(await call(api.POST('/api/auth/invitations/accept', { body: { token } })));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Join a team">
      {team ? (
        <>
          <Notice>
            You are a member of {team.name} ({team.role}).
          </Notice>
          <p>
            <Link to="/?view=team">Go to the team's diagrams</Link>
          </p>
        </>
      ) : user === undefined ? (
        <Loading />
      ) : user ? (
        <>
          <p>You were invited to a team on AutoGraph. Accepting adds you to it as {user.email}.</p>
          <ErrorMessage error={error} />
          <button type="button" className="primary" disabled={busy || !token} onClick={() => void accept()}>
            {busy ? 'Joining…' : 'Accept the invitation'}
          </button>
        </>
      ) : (
        <>
          <p>You were invited to a team on AutoGraph. Log in to accept, or create an account with the invited address.</p>
          <ErrorMessage error={error} />
          <p>
            <Link to={`/login?next=${encodeURIComponent(location.href)}`}>Log in to accept</Link>
          </p>
          <p>
            <Link to={`/signup?invitation=${encodeURIComponent(token)}`}>Create an account</Link>
          </p>
        </>
      )}
    </AuthLayout>
  );
}
