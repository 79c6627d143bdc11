// What a server's admins are told in their notification channel when its premium from Patreon
// changes, once per change: the notice is written when the change is found and sent from the
// table, so a failed send is tried again at the next rescan and a restart sends nothing twice.
import { provesWebhookGone } from '../delivery/discord/classify-discord-response.ts';
import type { WebhookSender } from '../delivery/discord/webhook-sender.ts';
import { TIER_NAMES, type PremiumTier, type TierLimits } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';

export type NoticeKind = 'premium_started' | 'grace_started' | 'payment_restored' | 'premium_ended';

const day = (at: number) => `<t:${Math.floor(at / 1000)}:D>`;
const listLimit = (limits: TierLimits) => (limits.maxAnime === null ? 'no limit' : `${limits.maxAnime} anime`);

export const noticeText = {
  premium_started: (tier: PremiumTier) => `Thanks to a supporter on Patreon, this server is now on AniTrack ${TIER_NAMES[tier]}.`,
  grace_started: (tier: PremiumTier, graceUntil: number, lower: TierLimits) =>
    `The Patreon payment behind this server's AniTrack ${TIER_NAMES[tier]} did not go through. Premium stays until ${day(graceUntil)}. ` +
    `If the payment still fails by then, anime past the smaller list (${listLimit(lower)}) will be paused. Nothing is deleted, and they resume when premium returns.`,
  payment_restored: (tier: PremiumTier) => `The Patreon payment went through: this server keeps AniTrack ${TIER_NAMES[tier]}. Nothing changes.`,
  premium_ended: (from: PremiumTier, to: PremiumTier, lower: TierLimits) =>
    `This server's AniTrack ${TIER_NAMES[from]} from Patreon has ended; it is on ${TIER_NAMES[to]} now (${listLimit(lower)}). ` +
    `Anime past that limit are paused, not deleted, and members keep their subscriptions. Everything resumes when premium returns.`,
};

export interface NoticeDependencies {
  repositories: Pick<Repositories, 'guilds' | 'patreon'>;
  sender: WebhookSender;
  logger: Logger;
  now(): number;
}

/** Sends every notice not yet sent; a notice Discord could not take now waits for the next run. */
export async function deliverNotices(deps: NoticeDependencies): Promise<void> {
  for (const notice of await deps.repositories.patreon.notices.unsent()) {
    const [settings, channel] = await Promise.all([deps.repositories.guilds.get(notice.guildId), deps.repositories.guilds.getNotifyChannel(notice.guildId)]);
    if (!channel || !settings || settings.channelBrokenAt !== null || settings.leftAt !== null) {
      // Nowhere to post: the dashboard still shows it.
      await deps.repositories.patreon.notices.markSent(notice.id, deps.now());
      continue;
    }
    const answer = await deps.sender.send(channel.webhook, {
      content: notice.text,
      embeds: [],
      allowed_mentions: { parse: [] },
    });
    if ('status' in answer && answer.status >= 200 && answer.status < 300) {
      await deps.repositories.patreon.notices.markSent(notice.id, deps.now());
    } else if (provesWebhookGone(answer)) {
      await deps.repositories.guilds.markChannelBroken(notice.guildId, deps.now());
      await deps.repositories.patreon.notices.markSent(notice.id, deps.now());
    } else {
      deps.logger.warn({ guildId: notice.guildId, answer }, 'A premium notice could not be posted; it is tried again at the next rescan');
    }
  }
}
