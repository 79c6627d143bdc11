// Premium tiers and what each allows. Every server is free until a Patreon supporter assigns
// premium to it; the numbers are settings so an operator can change or lift them.
import type { PremiumTier } from '../store/repositories.ts';

export interface TierLimits {
  /** Anime on one server's list; null for unlimited. */
  maxAnime: number | null;
  /** Members subscribed to one anime on one server; null for unlimited. */
  maxMembersPerAnime: number | null;
  /** List import and a custom notification time are for the highest tier. */
  canImport: boolean;
}

export type TierTable = Record<PremiumTier, TierLimits>;

export interface TierSettings {
  FREE_MAX_ANIME: number | null;
  FREE_MAX_MEMBERS: number | null;
  SUPPORTER_MAX_ANIME: number | null;
  SUPPORTER_MAX_MEMBERS: number | null;
  SUPPORTER_PLUS_MAX_ANIME: number | null;
  SUPPORTER_PLUS_MAX_MEMBERS: number | null;
}

export function tierTable(settings: TierSettings): TierTable {
  return {
    free: { maxAnime: settings.FREE_MAX_ANIME, maxMembersPerAnime: settings.FREE_MAX_MEMBERS, canImport: false },
    supporter: { maxAnime: settings.SUPPORTER_MAX_ANIME, maxMembersPerAnime: settings.SUPPORTER_MAX_MEMBERS, canImport: false },
    supporter_plus: { maxAnime: settings.SUPPORTER_PLUS_MAX_ANIME, maxMembersPerAnime: settings.SUPPORTER_PLUS_MAX_MEMBERS, canImport: true },
  };
}

export const TIER_NAMES: Record<PremiumTier, string> = {
  free: 'Free',
  supporter: 'Supporter',
  supporter_plus: 'Supporter+',
};
