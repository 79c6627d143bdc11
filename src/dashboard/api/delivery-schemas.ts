// The bodies of "Why did or didn't it post?": the delivery log, the channel check, the preview of
// the next notification, the test send, and pausing an anime. Answers are typed from these and
// the OpenAPI document is written from them, as in schemas.ts.
import { z } from 'zod';
import { snowflake } from './schemas.ts';

const isoTime = z.string().describe('ISO 8601');

export const deliveryStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled']);

export const deliveriesQuery = z.object({
  before: z.coerce.number().int().positive().optional().describe('Only deliveries older than this delivery id (the previous page’s nextBefore)'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const deliveryEntry = z.object({
  id: z.number().int(),
  anime: z.object({ mediaId: z.number().int(), title: z.string().nullable() }),
  episode: z.number().int(),
  kind: z.string().describe('aired (the episode is out) or reminder (before it airs)'),
  dueAt: isoTime,
  status: deliveryStatus,
  statusText: z.string().describe('The status in words (a pending delivery that failed before is "Retrying")'),
  attempts: z.number().int(),
  reason: z.string().nullable().describe('Why it failed, was skipped or cancelled, or why it is retried, in plain words'),
  lastError: z.string().nullable().describe('What was recorded, as it was recorded (Discord’s answer for failures)'),
  sentAt: isoTime.nullable(),
  messageId: z.string().nullable(),
});

export const deliveriesAnswer = z.object({
  deliveries: z.array(deliveryEntry),
  nextBefore: z.number().int().nullable().describe('Pass as ?before= for the next (older) page; null on the last page'),
});

export const channelCheckAnswer = z.object({
  channelId: snowflake.nullable(),
  channelName: z.string().nullable().describe('As Discord names it now; null when it cannot be read'),
  ok: z.boolean().describe('Whether notifications can be posted'),
  channel: z.enum(['ok', 'not-set', 'deleted', 'hidden', 'elsewhere']).describe('The notification channel as the bot sees it'),
  permissions: z.array(z.object({ name: z.string(), granted: z.boolean() })).describe('What the bot needs in the channel; empty when it cannot be read'),
  webhook: z.enum(['ok', 'gone', 'moved', 'not-set', 'unchecked']).describe('Our webhook in the channel'),
  problems: z.array(z.string()).describe('Each problem in plain words, with what to do'),
});

const embedSchema = z.object({
  title: z.string().optional(),
  url: z.string().optional(),
  description: z.string().optional(),
  color: z.number().int().optional(),
  author: z.object({ name: z.string() }).optional(),
  fields: z.array(z.object({ name: z.string(), value: z.string(), inline: z.boolean().optional() })).optional(),
  footer: z.object({ text: z.string() }).optional(),
  thumbnail: z.object({ url: z.string() }).optional(),
  timestamp: z.string().optional(),
});

export const webhookMessage = z.object({
  content: z.string().optional(),
  embeds: z.array(embedSchema).optional(),
  components: z.array(z.unknown()).optional(),
  allowed_mentions: z.unknown().optional(),
});

export const previewAnswer = z.object({
  next: z
    .object({
      mediaId: z.number().int(),
      title: z.string(),
      episode: z.number().int(),
      kind: z.string(),
      airingAt: isoTime,
      dueAt: isoTime,
    })
    .nullable()
    .describe('The notification the preview shows; null when nothing on the list has an episode ahead'),
  messages: z.array(webhookMessage).describe('The webhook messages AniTrack will send, as JSON (pings beyond the first message follow in more)'),
  message: z.string(),
});

export const testNotificationAnswer = z.object({
  outcome: z.enum(['sent', 'webhook-gone', 'missing-permission', 'rate-limited', 'refused', 'unreachable']),
  message: z.string().describe('Discord’s answer in plain words'),
  messageId: z.string().nullable(),
  retryAfterSeconds: z.number().nullable(),
  discord: z.object({ status: z.number().int().nullable(), code: z.number().int().nullable(), message: z.string().nullable() }),
});

export const pauseAnswer = z.object({ mediaId: z.number().int(), paused: z.boolean(), message: z.string() });

export type DeliveryEntry = z.output<typeof deliveryEntry>;
export type ChannelCheck = z.output<typeof channelCheckAnswer>;
export type NotificationPreview = z.output<typeof previewAnswer>;
export type PreviewMessage = z.output<typeof webhookMessage>;
export type TestNotificationResult = z.output<typeof testNotificationAnswer>;
