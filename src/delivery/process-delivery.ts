// One claimed delivery, from checks to the last message. Before sending, it checks again that
// the notification is still wanted, due and useful by its kind's rules (kinds.ts): the channel
// may be gone, the anime removed, the setting changed, or the episode delayed since it was
// planned, and after downtime it may be too late. What it checks against was read for the
// whole claim (delivery-facts.ts).
import type { Delivery, Repositories } from '../store/repositories.ts';
import { OVER_LIMIT_REASON } from '../domain/tiers.ts';
import { appliedTiming, type TierLookup } from './applied-timing.ts';
import { canNotify } from './can-notify.ts';
import type { DeliveryFacts } from './delivery-facts.ts';
import { classifyDiscordResponse, type DeliveryOutcome, type RetryPolicy } from './discord/classify-discord-response.ts';
import type { WebhookSender } from './discord/webhook-sender.ts';
import { notificationKind } from './kinds.ts';
import { renderNotification } from './render.ts';

export type ProcessResult =
  { status: 'sent'; lateMs: number } | { status: 'rescheduled' | 'retry' | 'cancelled' | 'skipped' | 'failed' | 'gone' | 'lost-lease'; reason: string };

export interface ProcessDependencies {
  repositories: Repositories;
  sender: WebhookSender;
  owner: string;
  /** Whether the server's tier applies its delay after airing (applied-timing.ts). */
  tiers: TierLookup;
  now(): number;
  catchUpMs: number;
  retry: RetryPolicy;
  /** Records the delivery sent (sent-recorder.ts batches these); by default one markSent each. */
  markSent?(id: number, messageId: string | null): Promise<boolean>;
}

export async function processDelivery(delivery: Delivery, facts: DeliveryFacts, deps: ProcessDependencies): Promise<ProcessResult> {
  const { deliveries } = deps.repositories;
  const { guild, tracked, airing } = facts;
  const { owner } = deps;
  const now = deps.now();
  const finish = async (status: 'cancelled' | 'skipped' | 'failed', reason: string): Promise<ProcessResult> => {
    await deliveries.finish(delivery.id, owner, { status, error: reason, now });
    return { status, reason };
  };

  const channel = guild && canNotify(guild) ? facts.channel : undefined;
  if (!guild || !channel) return finish('cancelled', 'the server has no working notification channel');
  if (!tracked || tracked.finishedAt !== null) return finish('cancelled', 'the anime is no longer on the server’s list');
  if (tracked.pausedAt !== null) return finish('cancelled', 'the anime is paused on this server');
  if (tracked.limitPausedAt !== null) return finish('cancelled', OVER_LIMIT_REASON);
  if (!airing || airing.cancelledAt !== null) return finish('cancelled', 'the episode is no longer scheduled');
  const kind = notificationKind(delivery.kind);
  if (!kind) return finish('cancelled', `this version does not know notifications of kind "${delivery.kind}"`);
  const dueAt = kind.due(airing, appliedTiming(guild, deps.tiers));
  if (dueAt === undefined) return finish('cancelled', kind.turnedOffReason);
  if (dueAt > now + 1000) {
    await deliveries.retryLater(delivery.id, owner, { dueAt, error: 'the episode moved', now, refundAttempt: true });
    return { status: 'rescheduled', reason: 'the episode moved' };
  }
  if (!kind.stillUseful({ airingAt: airing.airingAt, dueAt }, now, deps.catchUpMs)) return finish('skipped', kind.uselessReason);
  const details = facts.media;
  if (!details) return finish('failed', 'the anime’s details are missing');

  const messages = renderNotification({
    kind: delivery.kind,
    media: details,
    episode: delivery.episode,
    airingAt: airing.airingAt,
    nickname: tracked.nickname,
    language: guild.titleLanguage,
    subscribers: facts.subscribers,
    now,
  });
  let firstMessageId = delivery.messageId;
  for (let part = delivery.partsSent; part < messages.length; part++) {
    const answer = await deps.sender.send(channel.webhook, messages[part]!);
    const outcome = classifyDiscordResponse(answer, delivery.attempts, deps.retry);
    if (outcome.kind !== 'sent') return settle(outcome, delivery, deps, now, channel.webhook.id);
    firstMessageId ??= outcome.messageId;
    if (part + 1 < messages.length) {
      const kept = await deliveries.recordParts(delivery.id, owner, { partsSent: part + 1, messageId: firstMessageId, now: deps.now() });
      if (!kept) return { status: 'lost-lease', reason: 'another worker took the delivery over' };
    }
  }
  const kept = deps.markSent
    ? await deps.markSent(delivery.id, firstMessageId)
    : await deliveries.markSent(delivery.id, owner, { messageId: firstMessageId, now: deps.now() });
  return kept ? { status: 'sent', lateMs: Math.max(0, now - dueAt) } : { status: 'lost-lease', reason: 'another worker took the delivery over' };
}

async function settle(
  outcome: Exclude<DeliveryOutcome, { kind: 'sent' }>,
  delivery: Delivery,
  deps: ProcessDependencies,
  now: number,
  webhookId: string,
): Promise<ProcessResult> {
  const { deliveries, guilds } = deps.repositories;
  switch (outcome.kind) {
    case 'retry':
      await deliveries.retryLater(delivery.id, deps.owner, { dueAt: now + outcome.afterMs, error: outcome.reason, now, refundAttempt: outcome.free === true });
      return { status: 'retry', reason: outcome.reason };
    case 'gone': {
      // The channel was read when the batch was claimed; if an admin has set another since
      // (which deletes the old webhook), the new one is fine: send there instead.
      const current = await guilds.getNotifyChannel(delivery.guildId);
      if (current && current.webhook.id !== webhookId) {
        await deliveries.retryLater(delivery.id, deps.owner, { dueAt: now, error: 'the channel changed while sending', now, refundAttempt: true });
        return { status: 'retry', reason: 'the channel changed while sending' };
      }
      // Discord asks that a deleted webhook is never called again: stop the whole server. The
      // notification is cancelled, not failed: setting a channel again brings it back.
      await guilds.markChannelBroken(delivery.guildId, now);
      await deliveries.finish(delivery.id, deps.owner, { status: 'cancelled', error: `webhook gone: ${outcome.reason}`, now });
      await deliveries.cancelPendingForGuild(delivery.guildId, now, undefined, 'the webhook was deleted in Discord');
      return { status: 'gone', reason: outcome.reason };
    }
    case 'rejected':
    case 'failed':
      await deliveries.finish(delivery.id, deps.owner, { status: 'failed', error: outcome.reason, now });
      return { status: 'failed', reason: outcome.reason };
  }
}
