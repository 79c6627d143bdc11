// How many AniList requests one airing sync costs, and how long it takes against the local
// AniList, for installs tracking 50, 500 and 5,000 anime. Each anime airs once or twice in the
// 7-day window, as weekly shows (and the odd double episode) do. Pacing is lifted so the wall
// time measures our work; at the real 30 requests a minute each request adds 2 s.
import { createAniListClient } from '../src/anilist/client.ts';
import { createPacer } from '../src/anilist/pacer.ts';
import { createLogger } from '../src/logger.ts';
import { createAiringSync } from '../src/schedule/sync.ts';
import { MEDIA_MAX_AGE_MS, SYNC_WINDOW_AHEAD_MS, SYNC_WINDOW_BACK_MS } from '../src/domain/airing-window.ts';
import { createFakeAniList, fakeMedia, type FakeAiring } from '@anitrack/anilist-emulator';
import { withTempStore } from './temp-store.ts';

const NOW_S = Math.floor(Date.UTC(2026, 10, 26, 12) / 1000);
const DAY_S = 86_400;

export async function anilistBenchmark(): Promise<unknown> {
  const runs = [];
  for (const trackedAnime of [50, 500, 5000]) runs.push(await syncOnce(trackedAnime));
  return { pacedAtRequestsPerMinute: 30, runs };
}

async function syncOnce(count: number) {
  const fake = createFakeAniList({ rateLimit: { limit: 1_000_000 } });
  const url = await fake.start();
  fake.clock.set(NOW_S);
  const ids = Array.from({ length: count }, (_, index) => index + 1);
  fake.setMedia(ids.map((id) => fakeMedia(id)));
  const airings: FakeAiring[] = ids.flatMap((id) => {
    const first = NOW_S + ((id * 7919) % (7 * DAY_S));
    const double = id % 10 === 0;
    return [{ id: id * 10 + 1, mediaId: id, episode: 1, airingAt: first }, ...(double ? [{ id: id * 10 + 2, mediaId: id, episode: 2, airingAt: first }] : [])];
  });
  fake.setAirings(airings);
  try {
    return await withTempStore(async (repositories) => {
      for (const id of ids) {
        await repositories.trackedAnime.add({
          guildId: `1${String(id % 97).padStart(17, '0')}`,
          mediaId: id,
          nickname: `a${id}`,
          addedBy: '1',
          now: NOW_S * 1000,
          maxPerGuild: null,
        });
      }
      const client = createAniListClient({ url, pacer: createPacer({ requestsPerMinute: 1_000_000 }) });
      const sync = createAiringSync({
        source: client,
        ...repositories,
        logger: createLogger({ level: 'silent' }),
        now: () => NOW_S * 1000,
        windowBackMs: SYNC_WINDOW_BACK_MS,
        windowAheadMs: SYNC_WINDOW_AHEAD_MS,
        mediaMaxAgeMs: MEDIA_MAX_AGE_MS,
      });
      const measure = async () => {
        const before = fake.counts().received;
        const started = performance.now();
        await sync.syncAll();
        const requests = fake.counts().received - before;
        return { requests, wallMs: Math.round(performance.now() - started), pacedWallSeconds: requests * 2 };
      };
      const cold = await measure();
      const warm = await measure();
      return { trackedAnime: count, airingsInWindow: airings.length, firstSync: cold, nextSync: warm };
    });
  } finally {
    await fake.close();
  }
}
