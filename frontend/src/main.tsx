import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AuthProvider } from './app/auth';
import { match } from './app/router';
import { preloadEditor } from './editor/preload';
import { applyTheme, storedTheme } from './app/theme';
import './styles.css';

// Before the first paint: no flash of the wrong theme (an inline script would need the
// Content-Security-Policy to allow inline scripts).
applyTheme(storedTheme());

// Opening a diagram: its GET and the editor's chunks start now, not when React first renders the
// router (a task later, after the render is scheduled); the router's own call then does nothing.
preloadEditor(match('/files/:id', window.location.pathname)?.id ?? null);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <App />
    </AuthProvider>
  </StrictMode>,
);
