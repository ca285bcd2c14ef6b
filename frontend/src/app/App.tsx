// Which page a URL shows. Signed-out visitors of a signed-in page go to /login (and come back
// after); pages other than the dashboard and the sign-in pages load on demand.
import { lazy, Suspense, useEffect } from 'react';
import { useAuth } from './auth';
import { match, navigate, useLocation } from './router';
import { Loading } from '../ui/ui';
import { loadEditorPage, preloadEditor } from '../editor/preload';
import { Dashboard } from '../pages/dashboard/Dashboard';
import { LoginPage } from '../pages/auth/LoginPage';
import { SignUpPage } from '../pages/auth/SignUpPage';
import { VerifyEmailPage } from '../pages/auth/VerifyEmailPage';
import { ForgotPasswordPage, ResetPasswordPage } from '../pages/auth/PasswordPages';

const SettingsPage = lazy(() => import('../pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const EditorPage = lazy(loadEditorPage);
const SharedLinkPage = lazy(() => import('../pages/files/SharedLinkPage'));
const JoinTeamPage = lazy(() => import('../pages/invitations/JoinTeamPage'));
const UnsubscribePage = lazy(() => import('../pages/invitations/UnsubscribePage'));

function RequireSignIn({ children }: { children: React.ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  useEffect(() => {
    if (user === null) navigate(`/login?next=${encodeURIComponent(location.href)}`, { replace: true });
  }, [user, location.href]);
  // Signed in as far as this browser knows (tokens stored, /me on its way): the page starts its
  // own requests now instead of one round trip later; a refused token sends it to /login.
  return user === null ? <Loading /> : <>{children}</>;
}

function SignedOutOnly({ children }: { children: React.ReactNode }) {
  const { user } = useAuth();
  useEffect(() => {
    if (user) navigate('/', { replace: true });
  }, [user]);
  return user ? <Loading /> : <>{children}</>;
}

function NotFound() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p>
          <a href="/">Go to your diagrams</a>
        </p>
      </div>
    </main>
  );
}

export function App() {
  const { pathname } = useLocation();
  let page: React.ReactNode;
  let params: Record<string, string> | null;
  const editing = match('/files/:id', pathname);
  // The file, the editor's chunk and the canvas's at once (editor/preload.ts).
  preloadEditor(editing?.id ?? null);
  if (pathname === '/') page = <RequireSignIn><Dashboard /></RequireSignIn>;
  else if (pathname === '/login') page = <SignedOutOnly><LoginPage /></SignedOutOnly>;
  else if (pathname === '/signup') page = <SignedOutOnly><SignUpPage /></SignedOutOnly>;
  else if (pathname === '/verify-email') page = <VerifyEmailPage />;
  else if (pathname === '/forgot-password') page = <ForgotPasswordPage />;
  else if (pathname === '/reset-password') page = <ResetPasswordPage />;
  else if (pathname === '/settings' || pathname.startsWith('/settings/')) page = <RequireSignIn><SettingsPage /></RequireSignIn>;
  // Keyed by the file: going from one file to another (a fork, the palette) starts a new editor,
  // so no state, canvas undo history or pending save of the one before carries over.
  else if (editing) page = <RequireSignIn><EditorPage key={editing.id} id={editing.id ?? ''} /></RequireSignIn>;
  else if ((params = match('/s/:token', pathname))) page = <SharedLinkPage token={params.token ?? ''} embedded={false} />;
  else if ((params = match('/embed/:token', pathname))) page = <SharedLinkPage token={params.token ?? ''} embedded />;
  else if (pathname === '/join-team') page = <JoinTeamPage />;
  else if (pathname === '/notifications/unsubscribe') page = <UnsubscribePage />;
  else page = <NotFound />;
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}
