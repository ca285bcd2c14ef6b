// Names for the user ids comments carry: the API gives ids only, so the editor learns names from
// what it already sees (the live room's members, the people an @mention lookup found) and calls
// the rest "A collaborator".
const names = new Map<string, string>();

export function learnName(userId: string | undefined, name: string | undefined): void {
  if (userId && name) names.set(userId, name);
}

export function nameOf(userId: string | undefined, me: string | undefined): string {
  if (!userId) return 'A collaborator';
  if (userId === me) return 'You';
  return names.get(userId) ?? 'A collaborator';
}
