// Pins over the canvas for the open threads on shapes and points: placed from the Excalidraw
// scene's coordinates (model.placePins) again whenever the canvas changes (a shape moved, a
// scroll, a zoom), so a shape's pin follows it. A pin opens its thread. While a point is being
// picked for a new thread, a layer over the canvas takes the click (Escape cancels).
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { CanvasHandle } from '../Canvas';
import type { Document } from '../document';
import { describeAnchor, fromFrame, placePins, type Pin, type Thread } from './model';

/** The pins' threads: the file's open ones (the newest 100), read again when `version` changes. */
export function useOpenThreads(fileId: string, enabled: boolean, version: number): Thread[] {
  const [threads, setThreads] = useState<Thread[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    // Pins are an extra: when they cannot be read, the panel says why.
    call(api.GET('/api/diagrams/{fileId}/comments', { params: { path: { fileId }, query: { status: 'open', size: 100 } } })).then(
      (page) => current && setThreads(page.items ?? []),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [fileId, enabled, version]);
  return threads;
}

export interface CommentPinsProps {
  threads: Thread[];
  doc: Document;
  canvas: () => CanvasHandle | null;
  /** Subscribes to the canvas's changes; returns the unsubscribe. */
  onView: (listener: () => void) => () => void;
  focus: string | null;
  onOpen: (threadId: string) => void;
  /** A point is wanted: where the person clicks (scene coordinates), or null on Escape. */
  picking: ((point: { x: number; y: number } | null) => void) | null;
}

export function CommentPins({ threads, doc, canvas, onView, focus, onOpen, picking }: CommentPinsProps) {
  const [pins, setPins] = useState<Pin[]>([]);

  useEffect(() => {
    let frame = 0;
    const place = () => {
      frame = 0;
      const ids = threads.map((t) => (t.anchor?.kind === 'shape' ? t.anchor.shape_id : undefined)).filter((id): id is string => !!id);
      const geometry = canvas()?.geometry(ids);
      setPins(geometry ? placePins(threads, geometry.view, geometry.boxes) : []);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    schedule();
    const stop = onView(schedule);
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [threads, canvas, onView]);

  useEffect(() => {
    if (!picking) return;
    const cancel = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        picking(null);
      }
    };
    window.addEventListener('keydown', cancel, true);
    return () => window.removeEventListener('keydown', cancel, true);
  }, [picking]);

  const byId = new Map(threads.map((t) => [t.id, t] as const));
  return (
    <>
      <div className="comment-pins">
        {pins.map((pin) => {
          const thread = byId.get(pin.threadId);
          // The visible count is the start of the name (axe: label-content-name-mismatch).
          const count = Number(thread?.reply_count ?? 0) + 1;
          const label = `${count} ${count === 1 ? 'comment' : 'comments'} on ${describeAnchor(thread?.anchor, doc)}`;
          return (
            <button
              key={pin.threadId}
              type="button"
              className={`comment-pin${focus === pin.threadId ? ' comment-pin-focused' : ''}`}
              style={{ left: pin.left, top: pin.top }}
              aria-label={label}
              title={label}
              data-thread-id={pin.threadId}
              onClick={() => onOpen(pin.threadId)}
            >
              {count}
            </button>
          );
        })}
      </div>
      {picking && (
        <div
          className="comment-picker"
          role="presentation"
          onClick={(event) => {
            const view = canvas()?.geometry([])?.view;
            const box = event.currentTarget.getBoundingClientRect();
            picking(view ? fromFrame(view, event.clientX - box.left, event.clientY - box.top) : null);
          }}
        >
          <p className="comment-picker-hint" role="status">
            Click where the comment goes; Escape cancels.
          </p>
        </div>
      )}
    </>
  );
}
