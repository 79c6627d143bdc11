// Which limits a server gets: its granted tier's; without a grant, the higher of its Patreon
// tier and DEFAULT_TIER.
import { describe, expect, it } from 'vitest';
import { isPremiumTier, tierOf, tierTable, type TierSettings } from '../../src/domain/tiers.ts';

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
    expect(tiers.limitsFor({ premiumTier: 'supporter_plus', patreonTier: null })).toEqual({
      maxAnime: null,
      maxMembersPerAnime: 1200,
      canImport: true,
      customTiming: true,
    });
    expect(tiers.limitsFor({ premiumTier: 'free', patreonTier: null })).toEqual({ maxAnime: 8, maxMembersPerAnime: 80, canImport: false, customTiming: false });
    expect(tiers.limitsFor({ premiumTier: null, patreonTier: null })).toEqual({ maxAnime: 32, maxMembersPerAnime: 500, canImport: false, customTiming: false });
    expect(tiers.limitsFor(undefined)).toBe(tiers.supporter);
    const free = tierTable(settings);
    expect(free.limitsFor(undefined)).toBe(free.free);
  });

  it('take the Patreon tier when it is above the default, and let a grant win over both', () => {
    expect(tierOf({ premiumTier: null, patreonTier: 'supporter' }, 'free')).toBe('supporter');
    // A supporter on an install whose default is higher keeps the default.
    expect(tierOf({ premiumTier: null, patreonTier: 'supporter' }, 'supporter_plus')).toBe('supporter_plus');
    expect(tierOf({ premiumTier: 'free', patreonTier: 'supporter_plus' }, 'free')).toBe('free');
    expect(tierOf({ premiumTier: 'supporter', patreonTier: 'supporter_plus' }, 'supporter_plus')).toBe('supporter');
    expect(tierTable(settings).tierFor({ premiumTier: null, patreonTier: 'supporter_plus' })).toBe('supporter_plus');
  });

  it('are exactly free, supporter and supporter_plus', () => {
    expect(['free', 'supporter', 'supporter_plus', 'Supporter+', 'premium', ''].map(isPremiumTier)).toEqual([true, true, true, false, false, false]);
  });
});
