// From the members Patreon describes to the tier each server gets: a supporter is a Discord
// account (the one connected on Patreon, or linked from the dashboard), their premium applies to
// the one server they chose, and a server takes the best its supporters give. Run after every
// rescan and webhook; it writes only what changed and says which servers changed.
import { higherTier, patronTier, type PatronTier, type TierRule } from '../domain/patron-tier.ts';
import type { PatreonGuildState, PatreonMember, Repositories } from '../store/repositories.ts';

export interface SupporterTiers {
  /** Discord user id → the tier they give now. */
  byDiscordUser: Map<string, PatronTier>;
}

/** Who supports at which tier now, by Discord account. */
export function supporterTiers(
  members: readonly PatreonMember[],
  links: readonly { discordUserId: string; patreonUserId: string }[],
  rules: readonly TierRule[],
  graceDays: number,
  now: number,
): SupporterTiers {
  const linked = new Map(links.map((link) => [link.patreonUserId, link.discordUserId]));
  const byDiscordUser = new Map<string, PatronTier>();
  for (const member of members) {
    const discordUserId = member.discordUserId ?? linked.get(member.patreonUserId);
    if (!discordUserId) continue;
    const tier = patronTier(member, rules, graceDays, now);
    if (!tier) continue;
    byDiscordUser.set(discordUserId, betterSupport(byDiscordUser.get(discordUserId), tier));
  }
  return { byDiscordUser };
}

// Paid-up support beats support in a grace period of the same tier; a higher tier beats both.
function betterSupport(a: PatronTier | undefined, b: PatronTier): PatronTier {
  if (!a) return b;
  if (a.tier !== b.tier) return higherTier(a.tier, b.tier) === a.tier ? a : b;
  if (a.graceEndsAt === null || b.graceEndsAt === null) return { tier: a.tier, graceEndsAt: null };
  return { tier: a.tier, graceEndsAt: Math.max(a.graceEndsAt, b.graceEndsAt) };
}

/** The Patreon state every server should have now (servers with no supporter are left out). */
export function guildStatesFrom(
  supporters: SupporterTiers,
  assignments: readonly { discordUserId: string; guildId: string }[],
): Map<string, PatreonGuildState> {
  const states = new Map<string, PatreonGuildState>();
  for (const { discordUserId, guildId } of assignments) {
    const support = supporters.byDiscordUser.get(discordUserId);
    if (!support) continue;
    const before = states.get(guildId);
    const best = betterSupport(before && before.patreonTier ? { tier: before.patreonTier, graceEndsAt: before.graceUntil } : undefined, support);
    states.set(guildId, { guildId, patreonTier: best.tier, graceUntil: best.graceEndsAt });
  }
  return states;
}

export interface GuildChange {
  guildId: string;
  before: PatreonGuildState;
  after: PatreonGuildState;
}

/** Writes every server whose Patreon state changed; returns the changes. */
export async function applyGuildStates(
  repositories: Pick<Repositories, 'patreon'>,
  wanted: Map<string, PatreonGuildState>,
  now: number,
): Promise<GuildChange[]> {
  const stored = new Map((await repositories.patreon.guildStates()).map((state) => [state.guildId, state]));
  const none = (guildId: string): PatreonGuildState => ({ guildId, patreonTier: null, graceUntil: null });
  const changes: GuildChange[] = [];
  for (const guildId of new Set([...stored.keys(), ...wanted.keys()])) {
    const before = stored.get(guildId) ?? none(guildId);
    const after = wanted.get(guildId) ?? none(guildId);
    if (before.patreonTier === after.patreonTier && before.graceUntil === after.graceUntil) continue;
    await repositories.patreon.setGuildState(after, now);
    changes.push({ guildId, before, after });
  }
  return changes;
}
