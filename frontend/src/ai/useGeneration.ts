// A generation or refinement in progress: its streamed stages and code, its error, and the run.
import { useCallback, useRef, useState } from 'react';
import { aiErrorMessage, streamGeneration, type Generated, type Stage } from './stream';

export function useGeneration() {
  const [stages, setStages] = useState<Stage[]>([]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  /** Streams `path`; the answer, or null after showing the error. */
  const run = useCallback(async (path: string, body: unknown): Promise<Generated | null> => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStages([]);
    setCode('');
    setError(null);
    setRunning(true);
    try {
      return await streamGeneration(path, body, { onStage: (s) => setStages((all) => [...all, s]), onPartial: setCode }, controller.signal);
    } catch (failure) {
      if (!controller.signal.aborted) setError(aiErrorMessage(failure));
      return null;
    } finally {
      if (abort.current === controller) setRunning(false);
    }
  }, []);

  const cancel = useCallback(() => {
    abort.current?.abort();
    setRunning(false);
  }, []);

  return { stages, code, error, running, run, cancel };
}
