// The one backoff formula and retry loop that AniList, MyAnimeList and webhook deliveries share.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/domain/backoff.ts';
import { withRetries, type TryOutcome } from '../../src/domain/with-retries.ts';

const policy = { baseDelayMs: 1000, maxDelayMs: 5000 };

describe('backoffDelay', () => {
  it('doubles per failed try up to the cap, waiting half the ceiling for sure and up to half more at random', () => {
    expect([1, 2, 3, 4, 10].map((tries) => backoffDelay(tries, policy, () => 0))).toEqual([500, 1000, 2000, 2500, 2500]);
    expect([1, 2, 3, 4, 10].map((tries) => backoffDelay(tries, policy, () => 1))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1500);
  });

  it('treats "no try failed yet" like the first failure rather than waiting less', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
  });
});

describe('withRetries', () => {
  const failing = (problems: string[], value = 'ok') => {
    const seen: number[] = [];
    const tryOnce = async (tries: number): Promise<TryOutcome<string, string>> => {
      seen.push(tries);
      const problem = problems[tries - 1];
      return problem === undefined ? { done: true, value } : { done: false, problem };
    };
    return { seen, tryOnce };
  };

  it('tries again after each passing problem, waiting what delayMs says, and returns the value', async () => {
    const { seen, tryOnce } = failing(['HTTP 502', 'HTTP 503']);
    const slept: number[] = [];
    const value = await withRetries(tryOnce, {
      attempts: 3,
      delayMs: (tries, problem) => tries * 10 + problem.length,
      sleep: async (ms) => void slept.push(ms),
      giveUp: () => new Error('unreachable'),
    });
    expect(value).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(slept).toEqual([18, 28]);
  });

  it('throws what giveUp builds from the last problem once the tries run out, without a last wait', async () => {
    const { seen, tryOnce } = failing(['timeout', 'HTTP 500', 'HTTP 429']);
    const slept: number[] = [];
    const loop = {
      attempts: 3,
      delayMs: () => 5,
      sleep: async (ms: number) => void slept.push(ms),
      giveUp: (tries: number, problem: string) => new Error(`${tries}: ${problem}`),
    };
    await expect(withRetries(tryOnce, loop)).rejects.toThrow('3: HTTP 429');
    expect(seen).toEqual([1, 2, 3]);
    expect(slept).toEqual([5, 5]);
  });

  it('does not sleep when the delay is 0 (someone else already holds the caller back)', async () => {
    const { tryOnce } = failing(['rate limited']);
    const slept: number[] = [];
    await withRetries(tryOnce, { attempts: 2, delayMs: () => 0, sleep: async (ms) => void slept.push(ms), giveUp: () => new Error('no') });
    expect(slept).toEqual([]);
  });

  it('lets a thrown error through at once: only problems the caller returns are retried', async () => {
    let tries = 0;
    const tryOnce = async (): Promise<TryOutcome<string, string>> => {
      tries++;
      throw new Error('HTTP 400: bad query');
    };
    await expect(withRetries(tryOnce, { attempts: 5, delayMs: () => 1, sleep: async () => undefined, giveUp: () => new Error('no') })).rejects.toThrow(
      'bad query',
    );
    expect(tries).toBe(1);
  });
});
