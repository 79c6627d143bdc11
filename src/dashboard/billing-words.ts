// The member's Patreon state in plain words, the same on the billing page and in the API.
import { TIER_NAMES } from '../domain/tiers.ts';
import type { BillingState } from './billing.ts';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** "3 December 2026, 18:00 UTC" */
export const utcDate = (at: number) => `${DATE.format(at)} UTC`;

/** How a patron makes their Patreon account known to AniTrack. */
export const howToLink = (canLink: boolean) =>
  canLink
    ? 'Connect your Discord account on Patreon (Settings → Connected apps → Discord), or press "Link Patreon" here, which works at once.'
    : 'Connect your Discord account on Patreon (Settings → Connected apps → Discord); AniTrack sees it within a few minutes.';

export function supportWords(state: BillingState): string {
  if (!state.available) return 'This AniTrack does not take support through Patreon. Premium here comes from its operator.';
  switch (state.status) {
    case 'unknown':
      return `AniTrack does not know a Patreon account of yours. If you support AniTrack on Patreon: ${howToLink(state.canLink)}`;
    case 'no_pledge':
      return 'Your Patreon account is known, but it has no active pledge that gives a premium tier (a pledge may take a few minutes to show).';
    case 'active':
      return `You support AniTrack on Patreon: ${TIER_NAMES[state.tier!]}. Thank you!`;
    case 'grace':
      return `Your last Patreon payment did not go through. Your ${TIER_NAMES[state.tier!]} premium stays until ${utcDate(state.graceEndsAt!)}; update your payment on Patreon to keep it.`;
  }
}

export function serverWords(state: BillingState): string {
  if (!state.premiumServer) return 'Your premium does not apply to any server yet: choose one below.';
  const name = state.premiumServer.name ?? `the server ${state.premiumServer.guildId}`;
  return state.tier ? `Your premium applies to ${name}.` : `You chose ${name}; it gets premium while your pledge is active.`;
}

export function knownThroughWords(state: BillingState): string | undefined {
  const ways = [
    ...(state.discordConnection ? ['your Discord connection on Patreon'] : []),
    ...(state.link ? [`the Patreon account you linked here on ${utcDate(state.link.linkedAt)}`] : []),
  ];
  return ways.length > 0 ? `AniTrack knows your Patreon account through ${ways.join(' and ')}.` : undefined;
}
