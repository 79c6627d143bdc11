// The server page's premium section: the tier, where it comes from, the supporters who chose
// this server, and the latest premium notice (a failed payment's grace period, say).
import type { ServerPremium } from '../../commands/anime/server-premium.ts';
import { limitWords } from '../../commands/anime/server-premium.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import { utcDate } from '../billing-words.ts';
import { escapeHtml as e } from '../escape-html.ts';

const SOURCE_WORDS = { grant: 'granted by the operator', patreon: 'from Patreon supporters', default: 'the default tier' } as const;

// Notices are written for Discord: its <t:…> timestamps read as dates here.
const noticeText = (text: string) => text.replace(/<t:(\d+):\w>/g, (_match, seconds: string) => utcDate(Number(seconds) * 1000));

export function serverPremiumView(premium: ServerPremium): string {
  const supporters = premium.supporters.length > 0 ? premium.supporters.map((id) => `<code>${e(id)}</code>`).join(', ') : 'nobody has chosen this server yet';
  const grace =
    premium.graceUntil === null ? '' : `<dt>Payment</dt><dd>a supporter's payment failed; premium stays until ${e(utcDate(premium.graceUntil))}</dd>`;
  const notice = premium.latestNotice
    ? `<p class="meta" data-testid="premium-notice">Latest notice (${e(utcDate(premium.latestNotice.createdAt))}): ${e(noticeText(premium.latestNotice.text))}</p>`
    : '';
  return `<section data-testid="premium"><h2>Premium</h2><dl class="settings">
<dt>Tier</dt><dd data-testid="premium-tier">${e(TIER_NAMES[premium.tier])} (${SOURCE_WORDS[premium.source]}): ${e(limitWords(premium.limits.maxAnime, 'anime'))}, ${e(limitWords(premium.limits.maxMembersPerAnime, 'members per anime'))}</dd>
<dt>Supporters</dt><dd data-testid="premium-supporters">${supporters}</dd>${grace}</dl>${notice}
<p><a href="/billing">Give this server your premium, or move it (My billing)</a></p></section>`;
}
