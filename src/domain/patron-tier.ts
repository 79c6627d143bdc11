// Which tier a Patreon supporter gives the server they chose. Pure rules, so the rescan, the
// webhook and the dashboard all agree: a patron counts while paying, and for PATREON_GRACE_DAYS
// after a payment fails, so a card that expired does not shrink a server's list overnight.
import { PREMIUM_TIERS, type PremiumTier } from './tiers.ts';

/** What we keep of a campaign member (see external Patreon docs: patron_status, charges). */
export interface PatronState {
  patronStatus: string | null;
  /** What the member was entitled to while paying, kept through a declined payment. */
  entitledCents: number;
  tierIds: readonly string[];
  /** When the payment failed; null while paid up. */
  declinedSince: number | null;
}

/** One rule of PATREON_TIERS: a tier for an amount pledged, or for a Patreon tier id. */
export type TierRule = { tier: PremiumTier; minCents: number } | { tier: PremiumTier; patreonTierId: string };

export interface PatronTier {
  tier: PremiumTier;
  /** Set while the payment failed and premium holds only until then. */
  graceEndsAt: number | null;
}

const DAY_MS = 24 * 3_600_000;

/** The tier the rules give this entitlement: the highest tier any rule matches, or none. */
export function tierForEntitlement(rules: readonly TierRule[], entitledCents: number, tierIds: readonly string[]): PremiumTier | null {
  let best: PremiumTier | null = null;
  for (const rule of rules) {
    const matches = 'minCents' in rule ? entitledCents >= rule.minCents : tierIds.includes(rule.patreonTierId);
    if (matches && (best === null || PREMIUM_TIERS.indexOf(rule.tier) > PREMIUM_TIERS.indexOf(best))) best = rule.tier;
  }
  return best;
}

/** The member's tier now, or null when they give none (never paid, left, or grace over). */
export function patronTier(state: PatronState, rules: readonly TierRule[], graceDays: number, now: number): PatronTier | null {
  const tier = tierForEntitlement(rules, state.entitledCents, state.tierIds);
  if (tier === null) return null;
  if (state.patronStatus === 'active_patron') return { tier, graceEndsAt: null };
  if (state.patronStatus === 'declined_patron' && state.declinedSince !== null) {
    const graceEndsAt = state.declinedSince + graceDays * DAY_MS;
    if (now < graceEndsAt) return { tier, graceEndsAt };
  }
  return null;
}

/** The better of two tiers (null is none). */
export function higherTier(a: PremiumTier | null, b: PremiumTier | null): PremiumTier | null {
  if (a === null) return b;
  if (b === null) return a;
  return PREMIUM_TIERS.indexOf(a) >= PREMIUM_TIERS.indexOf(b) ? a : b;
}
