// Executes a server's webhook. @discordjs/rest reads Discord's rate-limit headers to wait before
// a 429 happens, keeps the process under Discord's global limit, and waits out short 429s
// itself; a long wait is handed back to the worker so the delivery is rescheduled instead of
// holding a sending slot. We add one thing: at most one request in flight per webhook, so the
// library always knows a webhook's bucket before the next request to it leaves (a burst sent
// before the first answer would overrun the 5-per-2-seconds limit), while different servers'
// webhooks never wait for each other.
import { DiscordAPIError, HTTPError, RateLimitError, REST, RESTEvents } from '@discordjs/rest';
import { Routes, type RESTPostAPIWebhookWithTokenWaitResult } from 'discord-api-types/v10';
import type { Webhook } from '../../store/repositories.ts';
import type { WebhookMessage } from '../render.ts';
import type { DiscordAnswer } from './classify-discord-response.ts';
import { createRateGate } from './rate-gate.ts';

export interface WebhookSender {
  send(webhook: Webhook, message: WebhookMessage): Promise<DiscordAnswer>;
  /** 429 answers received from Discord so far. */
  rateLimitedCount(): number;
  /** Messages a second this sender lets out now, so callers take no more work than it can send soon. */
  pacePerSecond(): number;
}

export interface WebhookSenderOptions {
  apiUrl: string;
  /** Whole-process ceiling (Discord's global limit is 50 requests a second). */
  maxPerSecond: number;
  /** 429 waits longer than this are rescheduled by the worker rather than waited out. */
  maxInlineWaitMs?: number;
  timeoutMs?: number;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const rest = new REST({
    api: options.apiUrl,
    version: '10',
    timeout: options.timeoutMs ?? 15_000,
    retries: 1,
    globalRequestsPerSecond: options.maxPerSecond,
    rejectOnRateLimit: (limit) => limit.retryAfter > (options.maxInlineWaitMs ?? 5000),
  });
  let rateLimited = 0;
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) rateLimited += 1;
  });
  const inFlight = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(webhookId: string, work: () => Promise<T>): Promise<T> => {
    const previous = inFlight.get(webhookId) ?? Promise.resolve();
    const current = previous.then(work, work);
    const settled = current.catch(() => undefined);
    inFlight.set(webhookId, settled);
    void settled.then(() => {
      if (inFlight.get(webhookId) === settled) inFlight.delete(webhookId);
    });
    return current;
  };

  const gate = createRateGate(options.maxPerSecond);

  return {
    send: (webhook, message) =>
      oneAtATime(webhook.id, async () => {
        await gate();
        try {
          const sent = (await rest.post(Routes.webhook(webhook.id, webhook.token), {
            body: message,
            query: new URLSearchParams({ wait: 'true', with_components: 'true' }),
            auth: false,
          })) as RESTPostAPIWebhookWithTokenWaitResult;
          return { status: 200, messageId: sent.id };
        } catch (error) {
          return toAnswer(error);
        }
      }),
    rateLimitedCount: () => rateLimited,
    pacePerSecond: () => options.maxPerSecond,
  };
}

function toAnswer(error: unknown): DiscordAnswer {
  if (error instanceof DiscordAPIError) return { status: error.status, code: Number(error.code) || 0, message: error.message };
  if (error instanceof RateLimitError) return { status: 429, retryAfterMs: error.retryAfter, message: `rate limited on ${error.route}` };
  if (error instanceof HTTPError) return { status: error.status, message: error.message };
  return { networkError: error instanceof Error ? error.message : String(error) };
}
