// The sender's pacing, on explicit clocks: what Discord's headers say, each webhook's bucket,
// and the global limit kept as a sliding window on the moments Discord counted our requests.
import { describe, expect, it } from 'vitest';
import { createGlobalRateLimit, DISCORD_GLOBAL_REQUESTS_PER_SECOND } from '../../src/delivery/discord/global-rate-limit.ts';
import { readRateLimitReport } from '../../src/delivery/discord/rate-limit-headers.ts';
import { createWebhookBuckets } from '../../src/delivery/discord/webhook-buckets.ts';

const T = 1_800_000_000_000;

describe('reading rate-limit headers', () => {
  it('reads the bucket, and Discord’s clock as reset minus reset-after', () => {
    const report = readRateLimitReport(
      {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '3',
        'x-ratelimit-reset': '1800000001.250',
        'x-ratelimit-reset-after': '1.200',
        'x-ratelimit-bucket': 'abc',
      },
      { id: '1' },
    );
    expect(report).toEqual({ bucket: 'abc', limit: 5, remaining: 3, resetAfterMs: 1200, discordNow: T + 50, retryAfterMs: undefined, global: false });
  });

  it('on a 429 prefers the body’s exact retry_after to the rounded Retry-After, and tells the global limit by header, scope or body', () => {
    expect(readRateLimitReport({ 'retry-after': '1' }, { retry_after: 0.35, global: false })).toMatchObject({ retryAfterMs: 350, global: false });
    expect(readRateLimitReport({ 'retry-after': '2' }, undefined)).toMatchObject({ retryAfterMs: 2000 });
    expect(readRateLimitReport({ 'x-ratelimit-global': 'true' }, undefined).global).toBe(true);
    expect(readRateLimitReport({ 'x-ratelimit-scope': 'global' }, undefined).global).toBe(true);
    expect(readRateLimitReport({}, { global: true, retry_after: 1 }).global).toBe(true);
    expect(readRateLimitReport({ 'x-ratelimit-scope': 'shared' }, undefined)).toMatchObject({ global: false, discordNow: undefined });
  });
});

describe('a webhook’s bucket', () => {
  it('lets requests go while the headers say some remain, then waits for the reset they announced', () => {
    const buckets = createWebhookBuckets();
    expect(buckets.waitMs('w', T)).toBe(0);
    buckets.take('w', T);
    buckets.learn('w', readRateLimitReport({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset-after': '2' }, undefined), T + 10);
    expect(buckets.waitMs('w', T + 20)).toBe(0);
    buckets.take('w', T + 20);
    buckets.learn('w', readRateLimitReport({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.990' }, undefined), T + 30);
    expect(buckets.waitMs('w', T + 40)).toBe(1980);
    expect(buckets.waitMs('other', T + 40)).toBe(0);
    expect(buckets.waitMs('w', T + 2020)).toBe(0);
  });

  it('a 429 for the bucket holds it for the time Discord asked', () => {
    const buckets = createWebhookBuckets();
    buckets.exhaust('w', 800, T);
    expect(buckets.waitMs('w', T + 100)).toBe(700);
    expect(buckets.waitMs('w', T + 800)).toBe(0);
  });

  it('forgets buckets whose reset has passed', () => {
    const buckets = createWebhookBuckets();
    for (let index = 0; index < 100; index++)
      buckets.learn(`w${index}`, readRateLimitReport({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '2' }, undefined), T);
    buckets.learn('late', readRateLimitReport({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '2' }, undefined), T + 60_000);
    expect(buckets.size).toBe(1);
  });
});

describe('the global limit', () => {
  it('lets the documented 50 a second out at once, then the next as soon as the first stops counting', () => {
    expect(DISCORD_GLOBAL_REQUESTS_PER_SECOND).toBe(50);
    const limit = createGlobalRateLimit();
    const slots = Array.from({ length: 50 }, () => {
      expect(limit.waitMs(T)).toBe(0);
      return limit.take(T);
    });
    // All on their way: nothing is known to stop counting until an answer comes.
    expect(limit.waitMs(T)).toBe(Number.POSITIVE_INFINITY);
    // Discord answered each 3 ms before the answer reached us.
    slots.forEach((slot, index) => slot.settle({ discordNow: T + 2 + index, now: T + 5 + index }));
    // So the first counts from T + 5 on our clock: it stops counting at T + 1005.
    expect(limit.waitMs(T + 10)).toBe(995);
    expect(limit.waitMs(T + 1005)).toBe(0);
  });

  it('a request that reached Discord late counts from when Discord answered it, so the one a second after it waits too', () => {
    const limit = createGlobalRateLimit(2);
    limit.take(T).settle({ discordNow: T + 1, now: T + 2 });
    // Sent at T + 10 but held up on the way: Discord answered it at T + 51.
    limit.take(T + 10).settle({ discordNow: T + 51, now: T + 52 });
    expect(limit.waitMs(T + 1002)).toBe(0);
    limit.take(T + 1002);
    // A second after sending the slow one is not enough; a second after Discord answered it is.
    expect(limit.waitMs(T + 1010)).toBe(42);
  });

  it('an answer slow to come back does not stretch the second: Discord’s time says when it was counted', () => {
    const limit = createGlobalRateLimit(1);
    limit.take(T).settle({ discordNow: T + 5, now: T + 6 });
    expect(limit.waitMs(T + 1006)).toBe(0);
    limit.take(T + 1010).settle({ discordNow: T + 1020, now: T + 1200 });
    expect(limit.waitMs(T + 1300)).toBe(1021 + 1000 - 1300);
  });

  it('without headers, a request counts until a second after its answer came, the latest Discord can have counted it', () => {
    const limit = createGlobalRateLimit(1);
    limit.take(T).settle({ discordNow: undefined, now: T + 300 });
    expect(limit.waitMs(T + 1000)).toBe(300);
  });

  it('Discord’s clock may differ from ours by any amount: the pacing is the same', () => {
    const waits = [0, -3_600_000, 42_000].map((skew) => {
      const limit = createGlobalRateLimit(1);
      limit.take(T).settle({ discordNow: T + skew + 5, now: T + 6 });
      return limit.waitMs(T + 7);
    });
    expect(waits).toEqual([999, 999, 999]);
  });

  it('tells how long until several requests may leave together', () => {
    const limit = createGlobalRateLimit(3);
    [T + 1, T + 2, T + 3].forEach((discordNow) => limit.take(T).settle({ discordNow, now: discordNow }));
    expect(limit.waitMs(T + 10, 1)).toBe(991);
    expect(limit.waitMs(T + 10, 2)).toBe(992);
    expect(limit.waitMs(T + 10, 9)).toBe(993);
  });

  it('answers in any order, over many windows: never more than the limit count at once, and the next leaves as the oldest stops counting', () => {
    const limit = createGlobalRateLimit(5);
    // What the limit must say, worked out the plain way: every request with the moment it stops counting.
    const counting: number[] = [];
    let now = T;
    let random = 7;
    const next = () => (random = (random * 48_271) % 2_147_483_647) / 2_147_483_647;
    const onTheirWay: { slot: ReturnType<typeof limit.take>; index: number; takenAt: number }[] = [];
    const leads: number[] = [];
    for (let step = 0; step < 3_000; step++) {
      now += Math.floor(next() * 40);
      if (onTheirWay.length > 0 && next() < 0.6) {
        // Any of those on their way may be answered first, and Discord may have counted it a
        // while before its answer reached us: it counts from then, as far as the lead allows.
        const [answered] = onTheirWay.splice(Math.floor(next() * onTheirWay.length), 1);
        const discordNow = now - Math.floor(next() * 300);
        answered!.slot.settle({ discordNow, now });
        leads.push(discordNow - now);
        const lead = Math.max(...leads.slice(-64));
        counting[answered!.index] = Math.min(now, Math.max(answered!.takenAt, discordNow - lead)) + 1000;
      }
      const stillCounting = counting.filter((until) => until > now).sort((a, b) => a - b);
      const expected = stillCounting.length < 5 ? 0 : stillCounting[stillCounting.length - 5]! - now;
      expect(limit.waitMs(now)).toBe(expected);
      if (expected === 0) {
        onTheirWay.push({ slot: limit.take(now), index: counting.length, takenAt: now });
        counting.push(Number.POSITIVE_INFINITY);
      }
    }
    expect(counting.length).toBeGreaterThan(200);
    expect(now - T).toBeGreaterThan(30_000);
  });

  it('a global 429 stops everything for its Retry-After', () => {
    const limit = createGlobalRateLimit();
    limit.blockFor(1500, T);
    expect(limit.waitMs(T + 500)).toBe(1000);
    expect(limit.waitMs(T + 1500)).toBe(0);
  });
});
