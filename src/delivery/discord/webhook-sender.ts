// Executes a server's webhook, paced by what Discord's answers say (reference C4) so that it
// uses the whole allowance and never meets a 429: each webhook's bucket by its headers
// (webhook-buckets.ts), and each outbound address by Discord's documented global limit
// (global-rate-limit.ts, one lane per address in outbound-lanes.ts). At most one request is in
// flight per webhook, so its bucket is known before the next request to it leaves, while
// different servers' webhooks never wait for each other. A 429 all the same is obeyed: a short
// wait is waited out and the request sent once more; a long one is handed back to the worker,
// which reschedules the delivery instead of holding a sending slot. A webhook Discord said is
// gone is never called again by this process (Discord asks for that, and repeated calls to
// deleted webhooks earn temporary bans): other deliveries to the same server already claimed
// get the same answer without a request.
//
// Given `locks`, the sender shares its addresses with the other processes on the database: it
// sends only on the addresses it holds (outbound-addresses.ts), from `start` until `stop`.
// Without, it uses its addresses alone, from the start.
import type { Logger } from '../../logger.ts';
import type { ProcessLocks } from '../../store/process-locks.ts';
import { oneAtATimePerKey } from '../../domain/one-at-a-time.ts';
import type { Webhook } from '../../store/repositories.ts';
import { leaseOutboundAddresses, type AddressLeases } from '../outbound-addresses.ts';
import type { WebhookMessage } from '../render.ts';
import { provesWebhookGone, type DiscordAnswer } from './classify-discord-response.ts';
import { DISCORD_GLOBAL_REQUESTS_PER_SECOND } from './global-rate-limit.ts';
import { createOutboundLanes } from './outbound-lanes.ts';
import type { JsonAnswer } from './post-json.ts';
import { readRateLimitReport } from './rate-limit-headers.ts';
import { createWebhookBuckets } from './webhook-buckets.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WebhookSender {
  send(webhook: Webhook, message: WebhookMessage): Promise<DiscordAnswer>;
  /** 429 answers received from Discord so far. */
  rateLimitedCount(): number;
  /** Messages a second this sender lets out now (0 while it holds no address), so callers take no more work than it can send soon. */
  pacePerSecond(): number;
  /** The outbound addresses it sends from now ("default": the machine's usual address). */
  addressesHeld(): string[];
  /** Starts taking its addresses (with `locks`; nothing to do without). */
  start(): Promise<void>;
  /** Lets its addresses go to other processes, once the requests on their way are answered. */
  stop(): Promise<void>;
  close(): void;
}

export interface WebhookSenderOptions {
  apiUrl: string;
  /** The global allowance per address; Discord's documented 50 unless a test's stand-in allows more. */
  maxPerSecond?: number;
  /** Local addresses to send from (OUTBOUND_ADDRESSES); none: one lane from the system's choice. */
  addresses?: readonly string[];
  /** Shares the addresses with other processes: each is used by one process at a time. */
  locks?: ProcessLocks;
  /** Where taking and losing an address is told (with `locks`). */
  logger?: Logger;
  /** 429 waits longer than this are rescheduled by the worker rather than waited out. */
  maxInlineWaitMs?: number;
  timeoutMs?: number;
  /** Epoch milliseconds: compared with Discord's clock in its headers. */
  now?: () => number;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const now = options.now ?? Date.now;
  const perSecond = options.maxPerSecond ?? DISCORD_GLOBAL_REQUESTS_PER_SECOND;
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 5000;
  const lanes = createOutboundLanes({
    baseUrl: `${options.apiUrl.replace(/\/$/, '')}/v10`,
    addresses: options.addresses ?? [],
    perSecond,
    timeoutMs: options.timeoutMs ?? 15_000,
    heldFromStart: !options.locks,
    now,
  });
  const leases: AddressLeases | undefined =
    options.locks && leaseOutboundAddresses({ lanes, locks: options.locks, ...(options.logger && { logger: options.logger }) });
  const buckets = createWebhookBuckets();
  let rateLimited = 0;
  // Webhook id → Discord's answer that it is gone. Bounded: ids of servers long gone age out.
  const gone = new Map<string, DiscordAnswer>();
  const MAX_REMEMBERED_GONE = 10_000;

  const oneAtATime = oneAtATimePerKey();

  const sendOnce = async (webhook: Webhook, path: string, body: string): Promise<JsonAnswer | Unsent | { networkError: string }> => {
    const bucketWait = buckets.waitMs(webhook.id, now());
    if (bucketWait > 0) await sleep(bucketWait);
    const slot = await lanes.enter();
    if (!slot) return UNSENT;
    buckets.take(webhook.id, now());
    try {
      const answer = await slot.poster.post(path, body);
      const report = readRateLimitReport(answer.headers, answer.body);
      const answeredAt = now();
      slot.settle({ discordNow: report.discordNow, now: answeredAt });
      buckets.learn(webhook.id, report, answeredAt);
      if (answer.status === 429) {
        rateLimited += 1;
        const retryAfterMs = report.retryAfterMs ?? 1000;
        if (report.global) slot.limit.blockFor(retryAfterMs, answeredAt);
        else buckets.exhaust(webhook.id, retryAfterMs, answeredAt);
      }
      return answer;
    } catch (error) {
      slot.settle({ discordNow: undefined, now: now() });
      return { networkError: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    send: (webhook, message) =>
      oneAtATime(webhook.id, async () => {
        const known = gone.get(webhook.id);
        if (known) return known;
        const path = `/webhooks/${webhook.id}/${webhook.token}?wait=true&with_components=true`;
        const body = JSON.stringify(message);
        let answer = await sendOnce(webhook, path, body);
        if ('status' in answer && answer.status === 429 && (readRateLimitReport(answer.headers, answer.body).retryAfterMs ?? 1000) <= maxInlineWaitMs) {
          // The wait is already in the bucket or the global block: sending again waits it out.
          answer = await sendOnce(webhook, path, body);
        }
        const result = toDiscordAnswer(answer);
        if (provesWebhookGone(result)) {
          if (gone.size >= MAX_REMEMBERED_GONE) gone.delete(gone.keys().next().value!);
          gone.set(webhook.id, result);
        }
        return result;
      }),
    rateLimitedCount: () => rateLimited,
    pacePerSecond: () => perSecond * lanes.heldCount(),
    addressesHeld: () => lanes.heldAddresses(),
    start: async () => leases?.start(),
    async stop() {
      await leases?.stop();
    },
    close: () => lanes.close(),
  };
}

// No address was ours to send from (another process took them over while the request waited):
// nothing left, so the worker tries again soon without counting an attempt.
type Unsent = { networkError: string; unsentRetryAfterMs: number };
const UNSENT: Unsent = { networkError: 'not sent: this process holds no outbound address at the moment', unsentRetryAfterMs: 2000 };

function toDiscordAnswer(answer: JsonAnswer | Unsent | { networkError: string }): DiscordAnswer {
  if ('networkError' in answer) return answer;
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as { id?: unknown; code?: unknown; message?: unknown };
  const message = typeof body.message === 'string' ? { message: body.message } : {};
  if (answer.status >= 200 && answer.status < 300) return { status: answer.status, ...(typeof body.id === 'string' && { messageId: body.id }) };
  if (answer.status === 429) {
    const { retryAfterMs } = readRateLimitReport(answer.headers, answer.body);
    return { status: 429, ...(retryAfterMs !== undefined && { retryAfterMs }), ...message };
  }
  return { status: answer.status, ...(typeof body.code === 'number' && { code: body.code }), ...message };
}
