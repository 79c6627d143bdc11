// Premium tiers and what each allows. A server is on the tier the operator granted it
// (`anitrack premium set`), or else on the installation's DEFAULT_TIER: free unless a
// self-hosted install unlocks everything. The limits are settings so an operator can change
// or lift them.

/** Every tier, lowest first: the values DEFAULT_TIER and `anitrack premium set` accept. */
export const PREMIUM_TIERS = ['free', 'supporter', 'supporter_plus'] as const;
export type PremiumTier = (typeof PREMIUM_TIERS)[number];

export function isPremiumTier(value: string): value is PremiumTier {
  return (PREMIUM_TIERS as readonly string[]).includes(value);
}

export interface TierLimits {
  /** Anime on one server's list; null for unlimited. */
  maxAnime: number | null;
  /** Members subscribed to one anime on one server; null for unlimited. */
  maxMembersPerAnime: number | null;
  /** List import and a custom notification time are for the highest tier. */
  canImport: boolean;
}

/** What a server's row says about premium: the tier granted to it, or null for none. */
export interface TierGrant {
  premiumTier: PremiumTier | null;
}

export interface TierTable extends Record<PremiumTier, TierLimits> {
  /** The tier of every server without a grant (the DEFAULT_TIER setting). */
  defaultTier: PremiumTier;
  /** A server's limits; `undefined` is a server AniTrack has no row for yet. */
  limitsFor(guild: TierGrant | undefined): TierLimits;
}

export interface TierSettings {
  DEFAULT_TIER: PremiumTier;
  FREE_MAX_ANIME: number | null;
  FREE_MAX_MEMBERS: number | null;
  SUPPORTER_MAX_ANIME: number | null;
  SUPPORTER_MAX_MEMBERS: number | null;
  SUPPORTER_PLUS_MAX_ANIME: number | null;
  SUPPORTER_PLUS_MAX_MEMBERS: number | null;
}

/** The one rule for which tier a server is on: its grant wins, the default fills in. */
export function tierOf(guild: TierGrant | undefined, defaultTier: PremiumTier): PremiumTier {
  return guild?.premiumTier ?? defaultTier;
}

export function tierTable(settings: TierSettings): TierTable {
  const limits: Record<PremiumTier, TierLimits> = {
    free: { maxAnime: settings.FREE_MAX_ANIME, maxMembersPerAnime: settings.FREE_MAX_MEMBERS, canImport: false },
    supporter: { maxAnime: settings.SUPPORTER_MAX_ANIME, maxMembersPerAnime: settings.SUPPORTER_MAX_MEMBERS, canImport: false },
    supporter_plus: { maxAnime: settings.SUPPORTER_PLUS_MAX_ANIME, maxMembersPerAnime: settings.SUPPORTER_PLUS_MAX_MEMBERS, canImport: true },
  };
  const defaultTier = settings.DEFAULT_TIER;
  return { ...limits, defaultTier, limitsFor: (guild) => limits[tierOf(guild, defaultTier)] };
}

export const TIER_NAMES: Record<PremiumTier, string> = {
  free: 'Free',
  supporter: 'Supporter',
  supporter_plus: 'Supporter+',
};
