// "My billing": a member's Patreon support as AniTrack sees it (the same rules as the Patreon
// part's recompute, so the page and the servers' tiers agree), the one server it applies to, and
// moving it. A move is written and the servers' tiers worked out again before the answer, so
// "it took effect" is true when the member reads it.
import type { TierRule } from '../domain/patron-tier.ts';
import { TIER_NAMES, type PremiumTier } from '../domain/tiers.ts';
import type { PatreonApi } from '../premium/patreon-api.ts';
import { supporterTiers } from '../premium/patreon-tiers.ts';
import type { DashboardSession } from '../store/repositories.ts';
import { ApiError, NOT_FOUND } from './api/api-route.ts';
import type { DashboardServices } from './api/dashboard-services.ts';

/** What the dashboard needs of Patreon (app.ts passes it when Patreon is set up). */
export interface PatreonDashboardOptions {
  api: PatreonApi;
  /** Our campaign: of the memberships a linking patron has, only these count. */
  campaignId?: string | undefined;
  rules: readonly TierRule[];
  graceDays: number;
  /** Works every server's Patreon tier out again (premium/patreon-premium.ts). */
  premium: { recompute(): Promise<unknown> };
  /** "Link Patreon" (OAuth); without it members are known through their Discord connection on Patreon only. */
  oauth?: { clientId: string; clientSecret: string; authorizeUrl: string } | undefined;
}

export type SupportStatus = 'unknown' | 'no_pledge' | 'active' | 'grace';

export interface BillingState {
  available: boolean;
  canLink: boolean;
  status: SupportStatus;
  tier: PremiumTier | null;
  graceEndsAt: number | null;
  /** Patreon names this Discord account as connected to a membership. */
  discordConnection: boolean;
  link: { patreonUserId: string; linkedAt: number } | null;
  premiumServer: { guildId: string; name: string | null; assignedAt: number } | null;
  /** Servers the member may manage where AniTrack is: where the premium may go. */
  choices: { id: string; name: string }[];
}

const NOT_OFFERED = () => new ApiError(409, 'This AniTrack does not take support through Patreon; ask its operator about premium.');

export function createBilling(services: DashboardServices, patreon: PatreonDashboardOptions | undefined) {
  const { repositories, now } = services.commands;

  async function choices(session: DashboardSession) {
    const all = await services.access.guildsOf(session);
    const mayManage = await Promise.all(all.map((guild) => services.access.mayManage(session, guild)));
    const managed = all.filter((_guild, index) => mayManage[index]);
    const present = await services.botPresence.of(managed.map((guild) => guild.id));
    return managed.filter((guild) => present.has(guild.id)).map((guild) => ({ id: guild.id, name: guild.name }));
  }

  async function state(session: DashboardSession): Promise<BillingState> {
    const userId = session.userId;
    const [link, assignment, servers] = await Promise.all([
      repositories.patreon.links.get(userId),
      repositories.patreon.assignments.get(userId),
      choices(session),
    ]);
    const members = await repositories.patreon.members.ofSupporter(userId, link?.patreonUserId);
    const links = link ? [link] : [];
    const support = patreon ? supporterTiers(members, links, patreon.rules, patreon.graceDays, now()).byDiscordUser.get(userId) : undefined;
    const status: SupportStatus = support ? (support.graceEndsAt === null ? 'active' : 'grace') : members.length > 0 || link ? 'no_pledge' : 'unknown';
    const name =
      assignment &&
      (servers.find((server) => server.id === assignment.guildId)?.name ??
        (await services.access.guildsOf(session)).find((guild) => guild.id === assignment.guildId)?.name);
    return {
      available: patreon !== undefined,
      canLink: patreon?.oauth !== undefined,
      status,
      tier: support?.tier ?? null,
      graceEndsAt: support?.graceEndsAt ?? null,
      discordConnection: members.some((member) => member.discordUserId === userId),
      link: link ? { patreonUserId: link.patreonUserId, linkedAt: link.linkedAt } : null,
      premiumServer: assignment ? { guildId: assignment.guildId, name: name ?? null, assignedAt: assignment.assignedAt } : null,
      choices: servers,
    };
  }

  return {
    state,
    /** Puts the member's premium on a server they may manage where AniTrack is, at once. */
    async assign(session: DashboardSession, guildId: string): Promise<string> {
      if (!patreon) throw NOT_OFFERED();
      const guild = await services.access.manageable(session, guildId);
      if (!guild) throw NOT_FOUND();
      if (!(await services.botPresence.of([guild.id])).has(guild.id)) throw new ApiError(409, `AniTrack is not in ${guild.name}. Add the bot there first.`);
      const left = await repositories.patreon.assignments.assign(session.userId, guild.id, now());
      await patreon.premium.recompute();
      const after = await state(session);
      const leftName = left && (await services.access.guildsOf(session)).find((candidate) => candidate.id === left)?.name;
      const moved = left ? ` ${leftName ?? 'The server it applied to before'} is back on its own tier.` : '';
      return after.tier
        ? `Your premium (${TIER_NAMES[after.tier]}) now applies to ${guild.name}. This took effect at once.${moved}`
        : `${guild.name} is now the server your premium applies to. It gets a tier as soon as your Patreon pledge is active.${moved}`;
    },
    async unassign(session: DashboardSession): Promise<string> {
      if (!patreon) throw NOT_OFFERED();
      const left = await repositories.patreon.assignments.unassign(session.userId);
      if (!left) return 'Your premium did not apply to any server.';
      await patreon.premium.recompute();
      const name = (await services.access.guildsOf(session)).find((guild) => guild.id === left)?.name ?? 'That server';
      return `Your premium no longer applies to ${name}; it is back on its own tier. This took effect at once.`;
    },
  };
}

export type Billing = ReturnType<typeof createBilling>;
