// ai-service's generate and refine as an event stream (docs/api/ai.md): `stage` events as the
// pipeline goes (draft, parse, retry, fallback, icons, layout, score, cache, save, read), `partial`
// with the code drafted so far, then `result` or `error` (a problem document). openapi-fetch reads
// whole JSON bodies only, so this reads the stream itself; the shapes are the API's schemas.
import { fetchAuthorized } from '../api/client';
import { ApiError, messageOf, problemOf } from '../api/problem';
import { takeEvents } from './events';

export interface Stage {
  stage: string;
  [detail: string]: unknown;
}

/** The generate answer (GenerateResponse), the fields the app shows. */
export interface Generated {
  file_id?: string | null;
  title?: string | null;
  code?: string;
  language?: string;
  type?: string;
  source?: string;
  model?: string;
  rule_based?: boolean;
  fell_back_to_offline?: boolean;
  quality?: { score?: number };
  duration_ms?: number;
}

export interface StreamListener {
  onStage(stage: Stage): void;
  onPartial(code: string): void;
}

/** Longest stream this reader buffers before giving up: the answer is a diagram, not a book. */
const MAX_BUFFER = 4 * 1024 * 1024;

/** POSTs `body` to `path` asking for the event stream; the result, or an ApiError with the problem. */
export async function streamGeneration(path: string, body: unknown, listener: StreamListener, signal?: AbortSignal): Promise<Generated> {
  const response = await fetchAuthorized(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await problemOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    if (buffer.length > MAX_BUFFER) {
      await reader.cancel();
      throw new ApiError(502, 'answer_too_long', 'The answer was too long to show.');
    }
    const taken = takeEvents(buffer);
    buffer = taken.rest;
    for (const parsed of taken.events) {
      const data = JSON.parse(parsed.data) as Record<string, unknown>;
      if (parsed.event === 'stage') listener.onStage(data as Stage);
      else if (parsed.event === 'partial') listener.onPartial(String(data.code ?? ''));
      else if (parsed.event === 'result') {
        await reader.cancel();
        return data as Generated;
      } else if (parsed.event === 'error') {
        await reader.cancel();
        throw new ApiError(Number(data.status) || 500, String(data.code ?? 'generation_failed'), String(data.detail ?? data.title ?? 'The generation failed.'));
      }
    }
    if (done) throw new ApiError(502, 'stream_ended', 'The generation stopped before it finished; try again.');
  }
}

/** What went wrong with an AI request, in words that say which kind of failure it was. */
export function aiErrorMessage(failure: unknown): string {
  const text = messageOf(failure);
  if (!(failure instanceof ApiError)) return text;
  if (failure.status === 422) return `Nothing to draw: ${text}`;
  if (failure.status === 429 && failure.code === 'quota_exceeded') return `Daily AI quota used up: ${text}`;
  if (failure.code.startsWith('provider_') || [502, 503, 504].includes(failure.status)) return `The AI provider failed: ${text}`;
  return text;
}

/** A stage as a line of the progress list: its name and the details worth showing. */
export function describeStage(stage: Stage): string {
  const details = Object.entries(stage)
    .filter(([key, value]) => key !== 'stage' && value !== null && typeof value !== 'object')
    .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${String(value)}`);
  return details.length ? `${stage.stage} (${details.join(', ')})` : stage.stage;
}
