// First: opening a diagram starts its requests before the rest of the entry runs (startEarly.ts).
import './editor/startEarly';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AuthProvider } from './app/auth';
import { applyTheme, storedTheme } from './app/theme';
import './styles.css';

// Before the first paint: no flash of the wrong theme (an inline script would need the
// Content-Security-Policy to allow inline scripts).
applyTheme(storedTheme());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <App />
    </AuthProvider>
  </StrictMode>,
);
