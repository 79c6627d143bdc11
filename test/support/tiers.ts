// The tiers with the settings' defaults (free 8 / supporter 32 / supporter+ 64), every server
// without a grant on free: what the planner and the worker get in tests that build them directly.
import { tierTable } from '../../src/domain/tiers.ts';

export const DEFAULT_TIERS = tierTable({
  DEFAULT_TIER: 'free',
  FREE_MAX_ANIME: 8,
  FREE_MAX_MEMBERS: 80,
  SUPPORTER_MAX_ANIME: 32,
  SUPPORTER_MAX_MEMBERS: 500,
  SUPPORTER_PLUS_MAX_ANIME: 64,
  SUPPORTER_PLUS_MAX_MEMBERS: 1200,
});
