// The pacer keeps AniTrack under AniList's limit without ever seeing a 429, and when a 429
// comes anyway it holds every caller until AniList says to resume.
import { afterEach, describe, expect, it } from 'vitest';
import { createPacer } from '../../src/anilist/pacer.ts';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { createVirtualClock } from '../support/virtual-clock.ts';
import { AS_COMMAND, startAniList, type AniListHarness } from '../support/anilist-harness.ts';

const START = 1_790_000_000_000;

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('pacer on a virtual clock', () => {
  it('spaces requests evenly: 30 a minute is one every 2 seconds', async () => {
    const clock = createVirtualClock(START);
    const pacer = createPacer({ requestsPerMinute: 30, clock });
    const turns = await Promise.all(Array.from({ length: 5 }, () => pacer.take().then(() => clock.now() - START)));
    expect(turns).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('slows down as the remaining budget runs out, and is back to pace when it refills', async () => {
    const clock = createVirtualClock(START);
    const pacer = createPacer({ requestsPerMinute: 30, clock });
    const gaps: number[] = [];
    let last = clock.now();
    for (const remaining of ['20', '2', '1', '0', '29', '29']) {
      await pacer.take();
      gaps.push(clock.now() - last);
      last = clock.now();
      pacer.observe({ status: 200, headers: headers({ 'X-RateLimit-Limit': '30', 'X-RateLimit-Remaining': remaining }) });
    }
    await pacer.take();
    gaps.push(clock.now() - last);
    // The first turn is immediate; in the last tenth of the budget (3 of 30) each gap grows,
    // up to twice the pace at zero.
    expect(gaps).toEqual([0, 2000, 2667, 3334, 4000, 2000, 2000]);
  });

  it('holds callers already waiting until Retry-After when a 429 arrives', async () => {
    const clock = createVirtualClock(START);
    const pacer = createPacer({ requestsPerMinute: 30, clock });
    const first = pacer.take().then(() => clock.now() - START);
    const second = pacer.take().then(() => clock.now() - START);
    expect(await first).toBe(0);
    pacer.observe({ status: 429, headers: headers({ 'Retry-After': '30', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1790000045' }) });
    expect(await second).toBe(30_000);
  });

  it('falls back to X-RateLimit-Reset, and to a whole window, when a 429 says less', async () => {
    const clock = createVirtualClock(START);
    const pacer = createPacer({ requestsPerMinute: 30, clock });
    await pacer.take();
    pacer.observe({ status: 429, headers: headers({ 'X-RateLimit-Reset': String(START / 1000 + 45) }) });
    await pacer.take();
    expect(clock.now() - START).toBe(45_000);
    pacer.observe({ status: 429, headers: headers({}) });
    await pacer.take();
    expect(clock.now() - START).toBe(105_000);
  });
});

describe('pacer against the local AniList', () => {
  let anilist: AniListHarness | undefined;
  afterEach(async () => {
    await anilist?.close();
    anilist = undefined;
  });

  it('runs a burst of 100 lookups under a 30-a-minute limit without a single 429', async () => {
    // A minute scaled down to 600 ms on both sides: AniList's degraded limit of 30.
    anilist = await startAniList({ rateLimit: { limit: 30, windowMs: 600 }, pacer: { requestsPerMinute: 30, windowMs: 600 } });
    const ids = Array.from({ length: 100 }, (_, index) => index + 1);
    anilist.fake.setMedia(ids.map((id) => fakeMedia(id)));

    const found = await Promise.all(ids.map((id) => anilist!.client.getAnime(id, AS_COMMAND)));

    expect(found.map(({ media }) => media.id)).toEqual(ids);
    expect(anilist.fake.counts()).toEqual({ received: 100, ok: 100, tooManyRequests: 0 });
  });
});
