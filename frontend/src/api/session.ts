// The signed-in session: the token pair from /api/auth/login, kept in localStorage so that a reload
// or a second tab stays signed in. The access token is used until shortly before it expires, then
// exchanged (once, for every tab: the newest pair is written back) for a new pair.

export interface Tokens {
  access_token: string;
  refresh_token: string;
  /** epoch milliseconds after which the access token is no longer sent */
  expires_at: number;
}

const KEY = 'autograph.session';
const listeners = new Set<() => void>();

export function readTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Tokens;
    return typeof parsed.access_token === 'string' && typeof parsed.refresh_token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function storeTokens(answer: { access_token: string; refresh_token: string; expires_in: number }): void {
  const tokens: Tokens = {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token,
    expires_at: Date.now() + answer.expires_in * 1000,
  };
  localStorage.setItem(KEY, JSON.stringify(tokens));
  notify();
}

export function clearTokens(): void {
  localStorage.removeItem(KEY);
  notify();
}

export function onTokensChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  listeners.forEach((listener) => listener());
}

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) notify();
});
