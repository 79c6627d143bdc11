// A server's premium as its members and admins are shown it (/anime premium and the dashboard's
// server page): the tier it is on and why (the operator's grant, a Patreon supporter, or the
// installation's default), who chose it as their supporter's server, a running grace period,
// and the last premium notice written for it.
import type { PremiumTier, TierLimits, TierTable } from '../../domain/tiers.ts';
import type { PremiumNotice, Repositories } from '../../store/repositories.ts';

export type TierSource = 'grant' | 'patreon' | 'default';

export interface ServerPremium {
  tier: PremiumTier;
  source: TierSource;
  limits: TierLimits;
  /** Discord ids of the supporters whose premium applies to this server, first chosen first. */
  supporters: string[];
  /** While a supporter's payment failed: premium holds until then. Only where Patreon decides the tier. */
  graceUntil: number | null;
  latestNotice: PremiumNotice | undefined;
}

export async function readServerPremium(repositories: Pick<Repositories, 'guilds' | 'patreon'>, tiers: TierTable, guildId: string): Promise<ServerPremium> {
  const [settings, state, assignments, notices] = await Promise.all([
    repositories.guilds.get(guildId),
    repositories.patreon.guildState(guildId),
    repositories.patreon.assignments.forGuild(guildId),
    repositories.patreon.notices.latest(guildId, 1),
  ]);
  const grant = settings?.premiumTier ?? null;
  const patreonTier = settings?.patreonTier ?? null;
  const tier = tiers.tierFor(settings);
  const fromPatreon = grant === null && patreonTier !== null && tier === patreonTier && tier !== tiers.defaultTier;
  const source: TierSource = grant !== null ? 'grant' : fromPatreon ? 'patreon' : 'default';
  return {
    tier,
    source,
    limits: tiers[tier],
    supporters: assignments.map((assignment) => assignment.discordUserId),
    graceUntil: fromPatreon ? state.graceUntil : null,
    latestNotice: notices[0],
  };
}

/** "8 anime" or "no limit". */
export const limitWords = (limit: number | null, unit: string) => (limit === null ? 'no limit' : `${limit} ${unit}`);
