// What one AniTrack process does. A small installation runs every role in one process; a large
// one runs many web and worker processes, one gateway process per shard range, and scheduler
// processes of which one at a time does the scheduling (the others stand by).
export const ROLES = ['web', 'worker', 'scheduler', 'gateway'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DUTIES: Record<Role, string> = {
  web: 'answers HTTP interactions and serves the dashboard and its API',
  worker: 'sends due notifications through the servers’ webhooks',
  scheduler: 'syncs airings from AniList, refreshes the catalogue, plans notifications, rescans Patreon and runs retention',
  gateway: 'holds the Discord gateway connection',
};

export class RoleListError extends Error {}

/** Reads `--role web,worker`: known names, at least one, no repeats. */
export function parseRoles(text: string): readonly Role[] {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  if (names.length === 0) throw new RoleListError(`--role needs at least one of ${ROLES.join(', ')}.`);
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new RoleListError(`--role: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a role' : 'are not roles'}; the roles are ${ROLES.join(', ')}.`);
  return ROLES.filter((role) => names.includes(role));
}

/** SQLite is one process: it must do everything, or some duty would be done by nobody. */
export function sqliteRefusal(roles: readonly Role[], options: { gatewayMode: boolean }): string | undefined {
  // Without the gateway transport the gateway role has nothing to do, so it may be left out.
  const missing = ROLES.filter((role) => !roles.includes(role) && (role !== 'gateway' || options.gatewayMode));
  if (missing.length === 0) return undefined;
  return (
    `A SQLite database is used by one process, which runs every role; this one would leave out ${missing.join(', ')}. ` +
    'Start it without --role, or set DATABASE_URL to PostgreSQL to run roles in separate processes.'
  );
}
