// The timing a server's notifications actually follow. A delay after airing is a custom
// notification time, a feature of the highest tier: on a lower tier the stored delay is kept
// (so it comes back with the tier) but notifications post as the episode airs. The planner and
// the worker's re-check at send time both use this, so they cannot disagree.
import type { TierTable } from '../domain/tiers.ts';
import type { TierTiming, TimingSettings } from '../store/repositories.ts';

export type TierLookup = Pick<TierTable, 'limitsFor'>;

export function appliedTiming(guild: TierTiming, tiers: TierLookup): TimingSettings {
  const delay = tiers.limitsFor(guild).customTiming ? guild.postAirDelayMinutes : 0;
  return { postAirDelayMinutes: delay, reminderOffsetMinutes: guild.reminderOffsetMinutes };
}
