// Whether the app shows its dark theme: the person's choice (data-theme on <html>, set by the
// theme button) or else the system's; the canvas follows it.
import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(listener: () => void) {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = query();
  media.addEventListener('change', listener);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', listener);
  };
}

function isDark() {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === 'dark' : query().matches;
}

export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribe, isDark);
}
