// Names for the user ids comments carry. The API names each comment's author (author_name) and who
// resolved a thread (resolved_by_name); where an answer names no one for an id, the editor falls back
// on what it has seen: names from the API before, then the live room's members and the people an
// @mention lookup found. A comment whose author's account is gone has no author id at all.
const names = new Map<string, string>();
/** Ids whose name came from the API (the account's full name): the room's shorter names don't replace it. */
const fromAccounts = new Set<string>();

/**
 * Remembers a name for an id. `account` names (the API's full names) replace any other; names seen
 * elsewhere (the room names people by their e-mail address's local part) fill only the gaps.
 */
export function learnName(userId: string | undefined | null, name: string | undefined | null, account = false): void {
  if (!userId || !name) return;
  if (account) fromAccounts.add(userId);
  else if (fromAccounts.has(userId)) return;
  names.set(userId, name);
}

/** How the panel names a person: "You", the name the answer gave, a remembered name, or a placeholder. */
export function nameOf(userId: string | undefined | null, me: string | undefined, given?: string | null): string {
  if (userId && userId === me) return 'You';
  if (given) {
    learnName(userId, given, true);
    return given;
  }
  if (!userId) return 'A deleted account';
  return names.get(userId) ?? 'A collaborator';
}

/** Forgets every name (tests). */
export function forgetNames(): void {
  names.clear();
  fromAccounts.clear();
}
