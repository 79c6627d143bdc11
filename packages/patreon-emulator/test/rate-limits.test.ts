// Patreon's limits (per access token, per client) with small numbers, the RequestThrottled body
// and Retry-After header of a 429, and failures a test schedules with failNext.
import { afterEach, describe, expect, it } from 'vitest';
import type { PatreonEmulator } from '../src/index.ts';
import { approvedCode, exchangeCode, get, membersPath, startPatreon } from './helpers.ts';

let patreon: PatreonEmulator;
afterEach(() => patreon.stop());

const statuses = async (count: number, token?: string) => {
  const seen: number[] = [];
  for (let index = 0; index < count; index++) seen.push((await get(patreon, membersPath(patreon, ''), token)).status);
  return seen;
};

describe('rate limits', () => {
  it('answers past the per-token limit with 429, RequestThrottled and Retry-After', async () => {
    patreon = await startPatreon({ rateLimits: { perToken: { limit: 3, windowMs: 60_000 } } });
    expect(await statuses(3)).toEqual([200, 200, 200]);
    const limited = await get(patreon, membersPath(patreon, ''));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({
      errors: [
        {
          code: null,
          code_name: 'RequestThrottled',
          detail: expect.any(String),
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          retry_after_seconds: retryAfter,
          status: '429',
          title: expect.any(String),
        },
      ],
    });
  });

  it('opens a new window once the old one is over (the clock is the test’s)', async () => {
    let now = 1_700_000_000_000;
    patreon = await startPatreon({ now: () => now, rateLimits: { perToken: { limit: 1, windowMs: 60_000 } } });
    expect(await statuses(2)).toEqual([200, 429]);
    now += 60_000;
    expect(await statuses(2)).toEqual([200, 429]);
  });

  it('counts every token of a client, and the token endpoint, against the per-client limit', async () => {
    patreon = await startPatreon({ rateLimits: { perToken: false, perClient: { limit: 2, windowMs: 60_000 } } });
    const user = patreon.addUser({ fullName: 'Aiko' });
    // The token exchange is the first of the client's two requests.
    const { access_token: userToken } = await exchangeCode(patreon, approvedCode(patreon, user.id));
    expect((await get(patreon, '/api/oauth2/v2/identity', userToken)).status).toBe(200);
    expect((await get(patreon, membersPath(patreon, ''))).status).toBe(429);
    patreon.setRateLimits({ perClient: { limit: 100, windowMs: 60_000 } });
    expect((await get(patreon, membersPath(patreon, ''))).status).toBe(200);
  });
});

describe('failNext', () => {
  it('answers the next requests to a route with the scheduled status, then behaves again', async () => {
    patreon = await startPatreon();
    patreon.failNext('members', 502, { message: 'Bad gateway' }, 2);
    patreon.failNext('identity', 429);
    expect(await statuses(3)).toEqual([502, 502, 200]);
    const throttled = await get(patreon, '/api/oauth2/v2/identity');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.body.errors?.[0]).toMatchObject({ code_name: 'RequestThrottled', retry_after_seconds: 1 });
    patreon.failNext(/^GET \/api\/oauth2\/v2\/campaigns\//, 500);
    const failed = await get(patreon, membersPath(patreon, ''));
    expect([failed.status, failed.body.errors?.[0]?.status]).toEqual([500, '500']);
    expect(patreon.requests().map((request) => request.status)).toEqual([502, 502, 200, 429, 500]);
  });
});
