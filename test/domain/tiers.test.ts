// Which limits a server gets: its granted tier's, or DEFAULT_TIER's.
import { describe, expect, it } from 'vitest';
import { isPremiumTier, tierTable, type TierSettings } from '../../src/domain/tiers.ts';

const settings: TierSettings = {
  DEFAULT_TIER: 'free',
  FREE_MAX_ANIME: 8,
  FREE_MAX_MEMBERS: 80,
  SUPPORTER_MAX_ANIME: 32,
  SUPPORTER_MAX_MEMBERS: 500,
  SUPPORTER_PLUS_MAX_ANIME: null,
  SUPPORTER_PLUS_MAX_MEMBERS: 1200,
};

describe('tiers', () => {
  it('give a server its granted tier, and the default tier without a grant or a row', () => {
    const tiers = tierTable({ ...settings, DEFAULT_TIER: 'supporter' });
    expect(tiers.limitsFor({ premiumTier: 'supporter_plus' })).toEqual({ maxAnime: null, maxMembersPerAnime: 1200, canImport: true });
    expect(tiers.limitsFor({ premiumTier: 'free' })).toEqual({ maxAnime: 8, maxMembersPerAnime: 80, canImport: false });
    expect(tiers.limitsFor({ premiumTier: null })).toEqual({ maxAnime: 32, maxMembersPerAnime: 500, canImport: false });
    expect(tiers.limitsFor(undefined)).toBe(tiers.supporter);
    const free = tierTable(settings);
    expect(free.limitsFor(undefined)).toBe(free.free);
  });

  it('are exactly free, supporter and supporter_plus', () => {
    expect(['free', 'supporter', 'supporter_plus', 'Supporter+', 'premium', ''].map(isPremiumTier)).toEqual([true, true, true, false, false, false]);
  });
});
