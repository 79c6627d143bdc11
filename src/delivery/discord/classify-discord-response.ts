// What one answer from Discord means for a delivery. Pure, so every case is a plain test.
import { backoffDelay, type Backoff } from '../../domain/backoff.ts';

export type DiscordAnswer =
  | { status: number; code?: number; retryAfterMs?: number; messageId?: string; message?: string }
  /** `unsentRetryAfterMs`: the request never left this process (no outbound address was held). */
  | { networkError: string; unsentRetryAfterMs?: number };

export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string | null }
  /** Try again later: rate limited, or Discord or the network failing for a moment. */
  /** `free`: Discord only asked us to wait (429), which is no failed attempt. */
  | { kind: 'retry'; afterMs: number; reason: string; free?: boolean }
  /** The webhook is gone (deleted, or its token is no longer valid): never call it again. */
  | { kind: 'gone'; reason: string }
  /** Discord refused the message itself; sending it again would fail again. */
  | { kind: 'rejected'; reason: string }
  /** Out of retries. */
  | { kind: 'failed'; reason: string };

export interface RetryPolicy extends Backoff {
  maxAttempts: number;
}

const UNKNOWN_WEBHOOK = 10015;
const INVALID_WEBHOOK_TOKEN = 50027;

/**
 * Whether Discord itself said the webhook is gone. Only its own codes prove it; a bare
 * 401/403/404 may come from a proxy or a load balancer in between, and stopping a server's
 * notifications for it would be far worse than trying again.
 */
export function provesWebhookGone(answer: DiscordAnswer): boolean {
  return 'code' in answer && (answer.code === UNKNOWN_WEBHOOK || answer.code === INVALID_WEBHOOK_TOKEN);
}

/** The shared backoff (src/domain/backoff.ts), in whole milliseconds: it becomes a due time in the database. */
export function retryDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(backoffDelay(attempt, policy, random));
}

export function classifyDiscordResponse(answer: DiscordAnswer, attempt: number, policy: RetryPolicy, random: () => number = Math.random): DeliveryOutcome {
  const backoff = () => retryDelay(attempt, policy, random);
  const retryOrFail = (reason: string): DeliveryOutcome =>
    attempt >= policy.maxAttempts ? { kind: 'failed', reason: `${reason} (gave up after ${attempt} attempts)` } : { kind: 'retry', afterMs: backoff(), reason };

  if ('networkError' in answer) {
    // Nothing reached Discord, so nothing failed: no attempt is spent.
    if (answer.unsentRetryAfterMs !== undefined) return { kind: 'retry', afterMs: answer.unsentRetryAfterMs, reason: answer.networkError, free: true };
    return retryOrFail(`network error: ${answer.networkError}`);
  }
  const { status, code } = answer;
  const detail = `HTTP ${status}${code ? ` (${code})` : ''}${answer.message ? `: ${answer.message}` : ''}`;
  if (status >= 200 && status < 300) return { kind: 'sent', messageId: answer.messageId ?? null };
  if (status === 429) return { kind: 'retry', afterMs: Math.max(answer.retryAfterMs ?? 1000, 0), reason: detail, free: true };
  if (provesWebhookGone(answer)) return { kind: 'gone', reason: detail };
  if (status >= 500 || status === 401 || status === 403 || status === 404 || status === 408) return retryOrFail(detail);
  return { kind: 'rejected', reason: detail };
}
