// What one answer from Discord says about its rate limits (reference C4): the bucket's limit,
// what is left of it and when it resets, on most answers; on a 429 also how long to wait and
// whether the limit hit was the global one. Pure, so every case is a plain test.

export interface RateLimitReport {
  /** X-RateLimit-Bucket: requests with the same bucket (and webhook) share one allowance. */
  bucket: string | undefined;
  limit: number | undefined;
  remaining: number | undefined;
  /** X-RateLimit-Reset-After, in ms: relative, so it needs no agreement between clocks. */
  resetAfterMs: number | undefined;
  /**
   * Discord's clock when it answered, in epoch ms: X-RateLimit-Reset (an instant) minus
   * X-RateLimit-Reset-After (a duration). It tells when Discord counted a request, which the
   * global pacing needs (global-rate-limit.ts).
   */
  discordNow: number | undefined;
  /** On a 429: how long Discord asks us to wait, from the body's exact `retry_after` or else Retry-After. */
  retryAfterMs: number | undefined;
  /** On a 429: the global limit was hit (X-RateLimit-Global, or scope global), not the bucket. */
  global: boolean;
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const number = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** `headers` with lower-case names, as node:http gives them; `body` is the parsed JSON answer, if any. */
export function readRateLimitReport(headers: Headers, body: unknown): RateLimitReport {
  const reset = number(header(headers, 'x-ratelimit-reset'));
  const resetAfter = number(header(headers, 'x-ratelimit-reset-after'));
  const bodyRetryAfter = typeof body === 'object' && body !== null ? (body as { retry_after?: unknown }).retry_after : undefined;
  const retryAfterSeconds = typeof bodyRetryAfter === 'number' && Number.isFinite(bodyRetryAfter) ? bodyRetryAfter : number(header(headers, 'retry-after'));
  const bodyGlobal = typeof body === 'object' && body !== null && (body as { global?: unknown }).global === true;
  return {
    bucket: header(headers, 'x-ratelimit-bucket'),
    limit: number(header(headers, 'x-ratelimit-limit')),
    remaining: number(header(headers, 'x-ratelimit-remaining')),
    resetAfterMs: resetAfter === undefined ? undefined : resetAfter * 1000,
    discordNow: reset !== undefined && resetAfter !== undefined ? Math.round(reset * 1000 - resetAfter * 1000) : undefined,
    retryAfterMs: retryAfterSeconds === undefined ? undefined : Math.max(0, retryAfterSeconds * 1000),
    global: header(headers, 'x-ratelimit-global') === 'true' || header(headers, 'x-ratelimit-scope') === 'global' || bodyGlobal,
  };
}
