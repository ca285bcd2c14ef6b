// Who is signed in: the tokens in storage plus the user record (/api/auth/me), shared with every
// page through a context.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, call, type Schemas } from '../api/client';
import { clearTokens, onTokensChange, readTokens } from '../api/session';

export type User = Schemas['UserView'];

interface AuthState {
  /** undefined while the first /me is on its way */
  user: User | null | undefined;
  reload: () => Promise<void>;
  logOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(readTokens() ? undefined : null);

  const reload = useCallback(async () => {
    if (!readTokens()) {
      setUser(null);
      return;
    }
    try {
      setUser(await call(api.GET('/api/auth/me')));
    } catch {
      setUser(readTokens() ? undefined : null);
    }
  }, []);

  useEffect(() => {
    void reload();
    return onTokensChange(() => void reload());
  }, [reload]);

  const logOut = useCallback(async () => {
    try {
      await api.POST('/api/auth/logout');
    } finally {
      clearTokens();
    }
  }, []);

  return <AuthContext.Provider value={{ user, reload, logOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
