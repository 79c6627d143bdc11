// "Test send": one clearly marked message through the server's webhook, sent by the product's
// own webhook sender (so it is paced like notifications and a webhook Discord said is gone is
// never called again), with Discord's answer in plain words. At most one per server every
// 10 seconds: a button is easy to press many times, and each press is a message in the channel.
import { provesWebhookGone, type DiscordAnswer } from '../delivery/discord/classify-discord-response.ts';
import type { WebhookSender } from '../delivery/discord/webhook-sender.ts';
import type { WebhookMessage } from '../delivery/render.ts';
import type { Repositories } from '../store/repositories.ts';
import { ApiError } from './api/api-route.ts';
import type { TestNotificationResult } from './api/delivery-schemas.ts';

export const TEST_TITLE = 'Test from the AniTrack dashboard';
const MIN_INTERVAL_MS = 10_000;
const MISSING_PERMISSIONS = 50013;
// Discord's blurple: a test never passes for a notification (those are in the anime's colour or grey).
const TEST_COLOR = 0x5865f2;

export interface TestNotificationDependencies {
  repositories: Pick<Repositories, 'guilds' | 'deliveries'>;
  sender: WebhookSender;
  now(): number;
}

export function createTestNotifications(deps: TestNotificationDependencies) {
  const lastSentAt = new Map<string, number>();

  const holdBack = (guildId: string, now: number) => {
    const last = lastSentAt.get(guildId);
    if (last !== undefined && now - last < MIN_INTERVAL_MS) {
      const seconds = Math.ceil((MIN_INTERVAL_MS - (now - last)) / 1000);
      throw new ApiError(429, `A test was just sent to this server. Wait ${seconds} seconds before sending another.`, { 'retry-after': String(seconds) });
    }
    // Only recent presses matter; forget the rest so the map stays small.
    for (const [id, at] of lastSentAt) if (now - at >= MIN_INTERVAL_MS) lastSentAt.delete(id);
    lastSentAt.set(guildId, now);
  };

  return {
    async send(guildId: string, sentBy: string): Promise<TestNotificationResult> {
      const [settings, channel] = await Promise.all([deps.repositories.guilds.get(guildId), deps.repositories.guilds.getNotifyChannel(guildId)]);
      if (!settings?.notifyChannelId || !channel)
        throw new ApiError(409, 'This server has no notification channel yet. Choose one with /anime admin setchannel first.');
      if (settings.channelBrokenAt !== null) {
        // Discord asks that a webhook it called gone is never called again.
        throw new ApiError(409, 'AniTrack stopped posting here because Discord said our webhook was gone. Set the channel again with /anime admin setchannel.');
      }
      holdBack(guildId, deps.now());
      const answer = await deps.sender.send(channel.webhook, testMessage(sentBy));
      if (provesWebhookGone(answer)) {
        // As the worker does when a notification finds it gone: stop posting until the channel is set again.
        const now = deps.now();
        await deps.repositories.guilds.markChannelBroken(guildId, now);
        await deps.repositories.deliveries.cancelPendingForGuild(guildId, now, undefined, 'the webhook was deleted in Discord');
      }
      return describeAnswer(answer);
    },
  };
}

export type TestNotifications = ReturnType<typeof createTestNotifications>;

function testMessage(sentBy: string): WebhookMessage {
  return {
    content: `**${TEST_TITLE}**: ${sentBy} checked that AniTrack can post here. Nothing is airing; this is only a test.`,
    embeds: [
      {
        author: { name: 'Test notification' },
        title: TEST_TITLE,
        description: 'Notifications about this server’s anime will look like this: the anime’s title, the episode, and where to watch it.',
        fields: [{ name: 'Episode', value: 'A sample: no real episode aired' }],
        color: TEST_COLOR,
        footer: { text: 'AniTrack · test from the dashboard' },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** Discord's answer, for people. */
export function describeAnswer(answer: DiscordAnswer): TestNotificationResult {
  const discord = {
    status: 'status' in answer ? answer.status : null,
    code: 'code' in answer && answer.code !== undefined ? answer.code : null,
    message: 'message' in answer && answer.message !== undefined ? answer.message : null,
  };
  const base = { messageId: null, retryAfterSeconds: null, discord };
  const said = discord.message ? ` (Discord said “${discord.message}”${discord.code === null ? '' : `, code ${discord.code}`})` : '';
  if ('networkError' in answer)
    return { ...base, outcome: 'unreachable', message: `Discord could not be reached: ${answer.networkError}. Try again in a moment.` };
  if (answer.status >= 200 && answer.status < 300) {
    const messageId = answer.messageId ?? null;
    return {
      ...base,
      outcome: 'sent',
      messageId,
      message: `Sent: Discord posted the test message${messageId ? ` (message id ${messageId})` : ''}. Look in the channel.`,
    };
  }
  if (provesWebhookGone(answer)) {
    return {
      ...base,
      outcome: 'webhook-gone',
      message: `The webhook is gone${said}: someone deleted it or its channel, so nothing can be posted. Set the channel again with /anime admin setchannel.`,
    };
  }
  if (answer.status === 429) {
    const seconds = Math.ceil((answer.retryAfterMs ?? 1000) / 1000);
    return { ...base, outcome: 'rate-limited', retryAfterSeconds: seconds, message: `Discord is rate limiting this webhook; try again in ${seconds} seconds.` };
  }
  if (answer.code === MISSING_PERMISSIONS || answer.status === 403) {
    return {
      ...base,
      outcome: 'missing-permission',
      message: `Discord refused: AniTrack is missing a permission in the channel${said}. The channel check on this page says which.`,
    };
  }
  return { ...base, outcome: 'refused', message: `Discord refused the message with HTTP ${answer.status}${said}.` };
}
