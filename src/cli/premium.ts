// The operator's side of premium (`anitrack premium …`): granting a server a tier by hand,
// taking a grant back, and seeing every grant and the servers Patreon supporters upgrade (a
// grant wins over Patreon). Returns the text to show; the CLI prints it.
import { isPremiumTier, PREMIUM_TIERS, TIER_NAMES } from '../domain/tiers.ts';
import type { GuildsRepository, Repositories } from '../store/repositories.ts';
import type { PremiumTier } from '../domain/tiers.ts';

/** A mistake in what the operator typed: shown as it is, in one line. */
export class OperatorInputError extends Error {
  override name = 'OperatorInputError';
}

const SNOWFLAKE = /^\d{17,20}$/;

export function parseServerId(value: string): string {
  if (!SNOWFLAKE.test(value)) throw new OperatorInputError(`The server id must be a Discord id of 17 to 20 digits (got "${value}").`);
  return value;
}

export function parseTier(value: string): PremiumTier {
  if (!isPremiumTier(value)) throw new OperatorInputError(`The tier must be one of ${PREMIUM_TIERS.join(', ')} (got "${value}").`);
  return value;
}

const tierLabel = (tier: PremiumTier) => `${TIER_NAMES[tier]} (${tier})`;
const defaultLine = (defaultTier: PremiumTier) => `Servers without a grant are on the default tier, ${tierLabel(defaultTier)}, set by DEFAULT_TIER.`;

export async function grantTier(guilds: GuildsRepository, guildId: string, tier: PremiumTier, now: number): Promise<string> {
  await guilds.setPremiumTier(guildId, tier, now);
  return `Server ${guildId} now has the ${tierLabel(tier)} tier.`;
}

export async function revokeTier(guilds: GuildsRepository, guildId: string, defaultTier: PremiumTier, now: number): Promise<string> {
  const had = (await guilds.get(guildId))?.premiumTier ?? null;
  if (had === null) return `Server ${guildId} has no granted tier; it stays on the default tier, ${tierLabel(defaultTier)}.`;
  await guilds.setPremiumTier(guildId, null, now);
  return `Server ${guildId} no longer has the ${tierLabel(had)} tier; it is on the default tier, ${tierLabel(defaultTier)}.`;
}

/** What fitting the server's list to its new tier did, in one line. */
export function limitChangeLine(change: { paused: readonly number[]; resumed: readonly number[] }): string {
  const count = (n: number) => `${n} anime`;
  const parts = [
    ...(change.paused.length > 0 ? [`paused ${count(change.paused.length)} over its list limit (kept, with their subscribers)`] : []),
    ...(change.resumed.length > 0 ? [`resumed ${count(change.resumed.length)} that fit its list again`] : []),
  ];
  return `Its list: ${parts.join('; ')}.`;
}

export async function listGrants(guilds: GuildsRepository, defaultTier: PremiumTier): Promise<string> {
  const grants = await guilds.premiumGrants();
  if (grants.length === 0) return `No server has a granted tier. ${defaultLine(defaultTier)}`;
  const rows = grants.map((grant) => [grant.guildId, grant.tier, `${new Date(grant.since).toISOString().slice(0, 16).replace('T', ' ')} UTC`]);
  const lines = table([['SERVER', 'TIER', 'SINCE'], ...rows]);
  return [...lines, '', defaultLine(defaultTier)].join('\n');
}

/** Servers whose tier comes from Patreon supporters, for `anitrack premium list`. */
export async function listPatreonServers(repositories: Pick<Repositories, 'patreon'>): Promise<string> {
  const [states, assignments] = await Promise.all([repositories.patreon.guildStates(), repositories.patreon.assignments.all()]);
  const withTier = states.filter((state) => state.patreonTier !== null);
  if (withTier.length === 0) return 'No server has a tier from a Patreon supporter.';
  const rows = withTier.map((state) => [
    state.guildId,
    state.patreonTier!,
    assignments
      .filter((assignment) => assignment.guildId === state.guildId)
      .map((assignment) => assignment.discordUserId)
      .join(','),
    state.graceUntil === null ? '' : `payment failed; premium until ${new Date(state.graceUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ]);
  return table([['SERVER', 'PATREON TIER', 'SUPPORTERS', ''], ...rows]).join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
