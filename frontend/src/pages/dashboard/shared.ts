// A value fetched once and shared by every component showing it (the folder tree, the tags):
// the first subscriber loads it, reload() refreshes it for all.
import { useSyncExternalStore } from 'react';

export function sharedValue<T>(load: () => Promise<T>) {
  let value: T | null = null;
  let error: string | null = null;
  let loading: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  function reload(): Promise<void> {
    loading = load()
      .then((loaded) => {
        value = loaded;
        error = null;
      })
      .catch((failure: unknown) => {
        error = failure instanceof Error ? failure.message : String(failure);
      })
      .finally(() => {
        loading = null;
        listeners.forEach((listener) => listener());
      });
    return loading;
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    if (value === null && !loading) void reload();
    return () => listeners.delete(listener);
  }

  return {
    reload,
    use(): { value: T | null; error: string | null } {
      return { value: useSyncExternalStore(subscribe, () => value), error: useSyncExternalStore(subscribe, () => error) };
    },
    forget() {
      value = null;
    },
  };
}
