// What a command palette lists for a query, kept apart from its React component so the unit tests
// can run it in Node.

export interface Command {
  label: string;
  hint?: string;
  run: () => void;
}

/** At most this many commands are listed at once: a diagram may have hundreds of labelled shapes. */
export const MAX_SHOWN = 50;

/** The commands whose label holds every word of the query (any case, any order), in their order. */
export function matchCommands(commands: readonly Command[], query: string, max: number = MAX_SHOWN): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: Command[] = [];
  for (const command of commands) {
    const label = command.label.toLowerCase();
    if (words.every((word) => label.includes(word))) out.push(command);
    if (out.length >= max) break;
  }
  return out;
}
