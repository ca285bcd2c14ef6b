// The editor page's side of live collaboration: one LiveRoom per open file, wired to the canvas.
// While the room is in use (from its first welcome on, also while it reconnects), the room saves
// the file (PATCH with If-Match, debounced) and the page's own autosave stays quiet; before the
// first welcome, or when the room cannot be reached at all, the page autosaves as before.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { accessToken } from '../../api/client';
import type { CanvasHandle, Collaborator } from '../Canvas';
import type { DiagramDocument } from '../mapping';
import { LiveRoom, type LiveState, type Member } from './room';

export interface Live {
  state: LiveState | 'off';
  /** Edits go through the room (it was welcomed and has not ended). */
  inUse: boolean;
  readOnly: boolean;
  /** Every edit is in the room and the room has saved the file since. */
  saved: boolean;
  others: Member[];
  /** The canvas changed: send the delta (a few times a second at most). */
  changed(): void;
  cursor(x: number, y: number): void;
  selection(ids: string[]): void;
  /** Waits until the room has every edit and has saved it. */
  flushed(): Promise<void>;
}

/** How often a stream of canvas changes (a drag) goes out as operations. */
const SEND_INTERVAL_MS = 60;

export function useLive(options: {
  fileId: string;
  enabled: boolean;
  loaded: DiagramDocument | null;
  canvas: MutableRefObject<CanvasHandle | null>;
  source: MutableRefObject<DiagramDocument>;
  show(doc: DiagramDocument): void;
  notice(message: string): void;
  /** The room says a comment thread changed: no polling, the comments reload on this. */
  comment?(event: Record<string, unknown>): void;
}): Live {
  const { fileId, enabled, loaded, canvas, source } = options;
  const callbacks = useRef(options);
  callbacks.current = options;
  const [version, setVersion] = useState(0);
  const room = useRef<LiveRoom | null>(null);
  const sendTimer = useRef<number | undefined>(undefined);
  /** A change of the canvas's waits for the send timer. */
  const [unsent, setUnsent] = useState(false);

  useEffect(() => {
    if (!enabled || !loaded) return;
    const live = new LiveRoom({
      fileId,
      loaded,
      token: accessToken,
      listener: {
        current: () => (canvas.current ? canvas.current.document(source.current) : source.current),
        show: (doc) => callbacks.current.show(doc),
        changed: () => setVersion((v) => v + 1),
        notice: (message) => callbacks.current.notice(message),
        comment: (event) => callbacks.current.comment?.(event),
      },
    });
    room.current = live;
    live.start();
    return () => {
      live.stop();
      room.current = null;
      window.clearTimeout(sendTimer.current);
    };
  }, [canvas, enabled, fileId, loaded, source]);

  // Remote cursors and selections on the canvas.
  const live = room.current;
  const others = useMemo(() => live?.others() ?? [], [live, version]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    canvas.current?.collaborators(
      others.map((m): Collaborator => ({ id: m.connection_id, name: m.name, color: m.color, pointer: m.cursor ?? undefined, selection: m.selection ?? [] })),
    );
  }, [canvas, others]);

  const changed = useCallback(() => {
    if (sendTimer.current !== undefined) return;
    setUnsent(true);
    sendTimer.current = window.setTimeout(() => {
      sendTimer.current = undefined;
      room.current?.submit();
      setUnsent(false);
    }, SEND_INTERVAL_MS);
  }, []);
  const cursor = useCallback((x: number, y: number) => room.current?.cursor(x, y), []);
  const selection = useCallback((ids: string[]) => room.current?.selection(ids), []);
  const flushed = useCallback(async () => {
    window.clearTimeout(sendTimer.current);
    sendTimer.current = undefined;
    room.current?.submit();
    setUnsent(false);
    await room.current?.flushed();
  }, []);

  return {
    state: live ? live.state : 'off',
    inUse: !!live && live.confirmed !== null && live.state !== 'ended',
    readOnly: !!live?.readOnly,
    saved: live ? live.saved && !unsent : true,
    others,
    changed,
    cursor,
    selection,
    flushed,
  };
}
