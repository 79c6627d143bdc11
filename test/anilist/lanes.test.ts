// One AniList budget, shared in order of need: the airing sync first, then members' commands,
// then imports, then the catalogue refresh. Requests whose caller stopped waiting are dropped
// unsent, and no server's requests take more than half of a window.
import { describe, expect, it } from 'vitest';
import { createAniListClient } from '../../src/anilist/client.ts';
import { AbandonedRequestError, type TakeOptions } from '../../src/anilist/lanes.ts';
import { setTimeout as wait } from 'node:timers/promises';
import type { Clock } from '../../src/anilist/clock.ts';
import { createPacer, type Pacer } from '../../src/anilist/pacer.ts';
import { buildCatalogueIndex } from '../../src/catalogue/search-index.ts';
import { createFakeAniList, fakeMedia, weeklyAirings } from '@anitrack/anilist-emulator';
import { createVirtualClock } from '../support/virtual-clock.ts';

const START = 1_790_000_000_000;
const INTERVAL = 2000; // 30 a minute

function pacerOnVirtualTime() {
  const clock = createVirtualClock(START);
  const pacer = createPacer({ requestsPerMinute: 30, clock });
  const turns: string[] = [];
  const take = (name: string, options: TakeOptions) =>
    pacer.take(options).then(
      () => void turns.push(name),
      (error: unknown) => {
        turns.push(`dropped ${name}`);
        throw error;
      },
    );
  return { clock, pacer, turns, take };
}

// Virtual time that stands still while a request is on its way, as a real request takes far
// less than the two seconds between turns: a caller paging through results asks for its next
// page before the next turn, as it would against AniList.
function pacerThatWaitsForAnswers() {
  let inFlight = 0;
  let now = START;
  const clock: Clock = {
    now: () => now,
    async sleep(ms) {
      do await wait(5);
      while (inFlight > 0);
      await wait(5);
      now += Math.max(0, ms);
    },
  };
  const paced = createPacer({ requestsPerMinute: 30, clock });
  const pacer: Pacer = {
    async take(options) {
      await paced.take(options);
      inFlight++;
    },
    observe(response) {
      inFlight--;
      paced.observe(response);
    },
  };
  return { clock, pacer };
}

describe('AniList lanes on a virtual clock', () => {
  it('lets the sync pass everything queued before it, then commands, imports and the catalogue', async () => {
    const { turns, take } = pacerOnVirtualTime();
    const queued = [
      take('catalogue 1', { lane: 'catalogue' }),
      take('import 1', { lane: 'import', key: 'A' }),
      take('import 2', { lane: 'import', key: 'A' }),
      take('catalogue 2', { lane: 'catalogue' }),
      take('command 1', { lane: 'command', key: 'B' }),
      take('sync 1', { lane: 'sync' }),
      take('sync 2', { lane: 'sync' }),
    ];
    await Promise.all(queued);
    // The first caller found the budget idle and went at once.
    expect(turns).toEqual(['catalogue 1', 'sync 1', 'sync 2', 'command 1', 'import 1', 'import 2', 'catalogue 2']);
  });

  it('drops a request whose caller gave up before its turn, and gives the turn to the next one', async () => {
    const { clock, turns, take } = pacerOnVirtualTime();
    const sync = [take('sync 1', { lane: 'sync' }), take('sync 2', { lane: 'sync' }), take('sync 3', { lane: 'sync' })];
    const late = take('command', { lane: 'command', key: 'B', deadline: START + 3000 });
    const imported = take('import', { lane: 'import', key: 'A' });
    await expect(late).rejects.toThrow(AbandonedRequestError);
    await Promise.all([...sync, imported]);
    expect(turns).toEqual(['sync 1', 'sync 2', 'dropped command', 'sync 3', 'import']);
    // No turn was lost to the dropped request: the import went one interval after sync 3.
    expect(clock.now() - START).toBe(3 * INTERVAL);
  });

  it("serves servers' imports in turns, and holds one server to half a window's budget", async () => {
    const { clock, turns, take } = pacerOnVirtualTime();
    const sentAt: Record<string, number[]> = { A: [], B: [] };
    const request = (key: 'A' | 'B') => take(key, { lane: 'import', key }).then(() => void sentAt[key]!.push(clock.now() - START));
    const big = Array.from({ length: 20 }, () => request('A'));
    const small = Array.from({ length: 3 }, () => request('B'));
    await Promise.all([...big, ...small]);
    expect(turns.slice(0, 7)).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A']);
    // 30 a minute: server A gets at most 15 of any minute, even with the budget otherwise idle.
    for (const at of sentAt.A!) expect(sentAt.A!.filter((other) => other > at - 60_000 && other <= at).length).toBeLessThanOrEqual(15);
    expect(sentAt.A![15]).toBeGreaterThanOrEqual(60_000);
  });

  it('caps by what we send a window: the lower of the setting and the limit AniList advertises', async () => {
    const { clock, pacer, turns, take } = pacerOnVirtualTime();
    // AniList says 90; the setting is 30 a minute: a server's imports get 15 of them.
    pacer.observe({ status: 200, headers: new Headers({ 'X-RateLimit-Limit': '90', 'X-RateLimit-Remaining': '89' }) });
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 17 }, () => take('A', { lane: 'import', key: 'A' }).then(() => void sentAt.push(clock.now() - START))));
    expect(sentAt.filter((at) => at < 60_000)).toHaveLength(15);
    expect(turns).toHaveLength(17);
  });

  it("does not cap a server's commands, which take turns with other servers'", async () => {
    const { clock, take } = pacerOnVirtualTime();
    await Promise.all(Array.from({ length: 20 }, () => take('B', { lane: 'command', key: 'B' })));
    expect(clock.now() - START).toBe(19 * INTERVAL);
  });

  it('lets a sync through at the next turn while a capped server waits for room, on real time', async () => {
    // 4 a "minute" of 400 ms: a turn every 100 ms, two imports a window for one server.
    const pacer = createPacer({ requestsPerMinute: 4, windowMs: 400 });
    const started = performance.now();
    const imports = [1, 2, 3].map(() => pacer.take({ lane: 'import', key: 'A' }));
    await imports[1];
    // The third import now waits until about 400 ms; the sync must not wait with it.
    await pacer.take({ lane: 'sync' });
    const syncAt = performance.now() - started;
    await imports[2];
    const thirdAt = performance.now() - started;
    // Its turn comes at about 200 ms; waiting with the capped server would make it 400 or more.
    expect(syncAt).toBeLessThan(350);
    expect(thirdAt).toBeGreaterThanOrEqual(390);
  });

  it('runs a sync on time while an import and a catalogue refresh wait, and 100 suggestions ask AniList nothing', async () => {
    const fake = createFakeAniList({ rateLimit: { limit: 1_000_000 } });
    const url = await fake.start();
    try {
      const now = Math.floor(START / 1000);
      fake.clock.set(now);
      const releasing = Array.from({ length: 1200 }, (_, index) =>
        fakeMedia(index + 1, { title: { romaji: `Show ${index + 1}`, english: null, native: null } }),
      );
      fake.setMedia(releasing);
      fake.setAirings(releasing.slice(0, 40).flatMap((media) => weeklyAirings(media.id, now + 3600, 1)));
      const { clock, pacer } = pacerThatWaitsForAnswers();
      const client = createAniListClient({ url, pacer, clock });
      const index = buildCatalogueIndex(await client.catalogue());
      const before = fake.requests.length;

      const finished: string[] = [];
      const importing = client
        .getAnimeByMalIds(
          releasing.slice(0, 500).map((media) => media.idMal!),
          { lane: 'import', key: 'A' },
        )
        .then(() => finished.push('import'));
      const refreshing = client.catalogue().then(() => finished.push('catalogue'));
      // The sync starts once the import's first request is on its way.
      await new Promise((resolve) => setImmediate(resolve));
      const syncQueuedAt = clock.now();
      const syncing = client.airingSchedules({ mediaIds: releasing.map((media) => media.id), from: START, to: START + 7 * 86_400_000 }).then((result) => {
        finished.push('sync');
        return { result, at: clock.now() };
      });
      const suggestions = Array.from({ length: 100 }, (_, typed) => index.search(`show ${typed + 1}`, 25)[0]?.mediaId);

      const { result, at } = await syncing;
      await Promise.all([importing, refreshing]);
      const sent = fake.requests.slice(before).map((request) => request.operationName);

      expect(suggestions).toEqual(Array.from({ length: 100 }, (_, typed) => typed + 1));
      expect(sent).not.toContain('SearchAnime');
      expect(result.airings).toHaveLength(40);
      // 1,200 ids in groups of 500: three sync requests, each one interval after the other,
      // behind at most the one import request already sent.
      const syncRequests = sent.filter((name) => name === 'AiringSchedules').length;
      expect(syncRequests).toBe(3);
      expect(sent.indexOf('AiringSchedules')).toBeLessThanOrEqual(1);
      expect(sent.lastIndexOf('AiringSchedules')).toBe(syncRequests - 1 + sent.indexOf('AiringSchedules'));
      expect(at - syncQueuedAt).toBeLessThanOrEqual((syncRequests + 1) * INTERVAL);
      expect(finished).toEqual(['sync', 'import', 'catalogue']);
    } finally {
      await fake.close();
    }
  });
});
