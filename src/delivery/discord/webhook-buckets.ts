// Per-webhook allowances as Discord's headers describe them. Discord keys a route's limit on
// its bucket and top-level resource; every route we call is one webhook's execute, so a
// webhook id names its bucket. The sender sends one request at a time per webhook, so the
// `remaining` of the last answer is exact when the next request leaves. What the numbers are
// (about 5 per 2 s today) is observed, not documented, so nothing here assumes them.
import type { RateLimitReport } from './rate-limit-headers.ts';

interface Allowance {
  remaining: number;
  resetAt: number;
}

// Allowances whose reset has passed say nothing any more; they are dropped this often, so
// 10,000 servers' webhooks do not stay in memory after their notifications went out.
const SWEEP_EVERY_MS = 10_000;

export interface WebhookBuckets {
  /** How long a request to the webhook must wait before it leaves (0: now). */
  waitMs(webhookId: string, now: number): number;
  /** A request to the webhook leaves now. */
  take(webhookId: string, now: number): void;
  /** What Discord's answer said of the webhook's bucket. */
  learn(webhookId: string, report: RateLimitReport, now: number): void;
  /** Discord answered 429 for the bucket: nothing more to it until the wait is over. */
  exhaust(webhookId: string, retryAfterMs: number, now: number): void;
  readonly size: number;
}

export function createWebhookBuckets(): WebhookBuckets {
  const allowances = new Map<string, Allowance>();
  let sweptAt = 0;

  const sweep = (now: number) => {
    if (now - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now;
    for (const [id, allowance] of allowances) if (allowance.resetAt <= now) allowances.delete(id);
  };

  return {
    waitMs(webhookId, now) {
      const allowance = allowances.get(webhookId);
      if (!allowance || allowance.resetAt <= now) return 0;
      return allowance.remaining > 0 ? 0 : allowance.resetAt - now;
    },
    take(webhookId, now) {
      const allowance = allowances.get(webhookId);
      if (allowance && allowance.resetAt > now) allowance.remaining -= 1;
    },
    learn(webhookId, report, now) {
      sweep(now);
      if (report.remaining === undefined || report.resetAfterMs === undefined) return;
      allowances.set(webhookId, { remaining: report.remaining, resetAt: now + report.resetAfterMs });
    },
    exhaust(webhookId, retryAfterMs, now) {
      allowances.set(webhookId, { remaining: 0, resetAt: now + retryAfterMs });
    },
    get size() {
      return allowances.size;
    },
  };
}
