// Premium tiers and what each allows. A server is on the tier the operator granted it
// (`anitrack premium set`); without a grant, on the higher of the tier a Patreon supporter gives
// it and the installation's DEFAULT_TIER (free unless a self-hosted install unlocks everything).
// The limits are settings so an operator can change or lift them.

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
  /** List import is for the highest tier. */
  canImport: boolean;
  /** A custom notification time (the delay after airing) is for the highest tier; others post as it airs. */
  customTiming: boolean;
}

/** What a server's row says about premium: the tier granted to it, and the tier Patreon gives it (null: none). */
export interface TierGrant {
  premiumTier: PremiumTier | null;
  patreonTier: PremiumTier | null;
}

export interface TierTable extends Record<PremiumTier, TierLimits> {
  /** The tier of every server without a grant or a higher Patreon tier (the DEFAULT_TIER setting). */
  defaultTier: PremiumTier;
  /** A server's limits; `undefined` is a server AniTrack has no row for yet. */
  limitsFor(guild: TierGrant | undefined): TierLimits;
  /** A server's tier, by tierOf's rule. */
  tierFor(guild: TierGrant | undefined): PremiumTier;
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

const higher = (a: PremiumTier, b: PremiumTier) => (PREMIUM_TIERS.indexOf(a) >= PREMIUM_TIERS.indexOf(b) ? a : b);

/**
 * The one rule for which tier a server is on: the operator's grant wins (even a grant of free:
 * an operator may hold a server down); otherwise Patreon's tier, but never below the default.
 */
export function tierOf(guild: TierGrant | undefined, defaultTier: PremiumTier): PremiumTier {
  return guild?.premiumTier ?? higher(guild?.patreonTier ?? defaultTier, defaultTier);
}

export function tierTable(settings: TierSettings): TierTable {
  const limits: Record<PremiumTier, TierLimits> = {
    free: { maxAnime: settings.FREE_MAX_ANIME, maxMembersPerAnime: settings.FREE_MAX_MEMBERS, canImport: false, customTiming: false },
    supporter: { maxAnime: settings.SUPPORTER_MAX_ANIME, maxMembersPerAnime: settings.SUPPORTER_MAX_MEMBERS, canImport: false, customTiming: false },
    supporter_plus: {
      maxAnime: settings.SUPPORTER_PLUS_MAX_ANIME,
      maxMembersPerAnime: settings.SUPPORTER_PLUS_MAX_MEMBERS,
      canImport: true,
      customTiming: true,
    },
  };
  const defaultTier = settings.DEFAULT_TIER;
  const tierFor = (guild: TierGrant | undefined) => tierOf(guild, defaultTier);
  return { ...limits, defaultTier, tierFor, limitsFor: (guild) => limits[tierFor(guild)] };
}

export const TIER_NAMES: Record<PremiumTier, string> = {
  free: 'Free',
  supporter: 'Supporter',
  supporter_plus: 'Supporter+',
};

/** Why nothing is sent for an anime the server's tier limit paused (the delivery log shows it). */
export const OVER_LIMIT_REASON = 'paused: over this server’s list limit';
