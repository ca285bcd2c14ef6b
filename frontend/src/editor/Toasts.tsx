// Short messages over the canvas: confirmations (role="status") and errors with the server's
// problem `detail` (role="alert"). Each disappears after a while or when closed.
import { useCallback, useMemo, useRef, useState } from 'react';

interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

const SHOWN_MS = { info: 4000, error: 10000 };

export interface ToastApi {
  list: Toast[];
  info(message: string): void;
  error(message: string): void;
  close(id: number): void;
}

export function useToasts(): ToastApi {
  const [list, setList] = useState<Toast[]>([]);
  const next = useRef(1);
  const close = useCallback((id: number) => setList((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (kind: Toast['kind'], message: string) => {
      const id = next.current++;
      setList((all) => [...all.slice(-3), { id, kind, message }]);
      window.setTimeout(() => close(id), SHOWN_MS[kind]);
    },
    [close],
  );
  const info = useCallback((message: string) => show('info', message), [show]);
  const error = useCallback((message: string) => show('error', message), [show]);
  return useMemo(() => ({ list, info, error, close }), [list, info, error, close]);
}

export function Toasts({ toasts }: { toasts: ToastApi }) {
  return (
    <div className="toasts">
      <div role="status" aria-live="polite">
        {toasts.list.filter((t) => t.kind === 'info').map((t) => (
          <ToastView key={t.id} toast={t} onClose={toasts.close} />
        ))}
      </div>
      <div role="alert" aria-live="assertive">
        {toasts.list.filter((t) => t.kind === 'error').map((t) => (
          <ToastView key={t.id} toast={t} onClose={toasts.close} />
        ))}
      </div>
    </div>
  );
}

function ToastView({ toast, onClose }: { toast: Toast; onClose: (id: number) => void }) {
  return (
    <p className={`toast toast-${toast.kind}`}>
      <span>{toast.message}</span>
      <button type="button" className="toast-close" aria-label="Close message" onClick={() => onClose(toast.id)}>
        ×
      </button>
    </p>
  );
}
