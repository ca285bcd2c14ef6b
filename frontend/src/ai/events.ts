// The text/event-stream format (the HTML standard's "server-sent events"), as much of it as
// ai-service's streams use: named events with (possibly multi-line) data. Kept free of the app's
// other modules so that it runs in unit tests under Node.

/** One event-stream block ("event: x\ndata: …") as its name and data. */
export function parseEvent(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}

/** The complete events at the start of `buffer` (blocks end with a blank line), and what is left. */
export function takeEvents(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  let rest = buffer;
  let match: RegExpExecArray | null;
  while ((match = /\r?\n\r?\n/.exec(rest))) {
    const parsed = parseEvent(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
    if (parsed) events.push(parsed);
  }
  return { events, rest };
}
