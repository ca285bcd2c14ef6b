// The router's path matching, without React: main.tsx's first import (editor/startEarly.ts) uses it
// before React's modules run.

/** Matches "/files/:id" against a path; the named segments, decoded, or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (pathname === '/') got.splice(1);
  if (want.length !== got.length && !(pattern === '/' && pathname === '/')) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (!g) return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}
