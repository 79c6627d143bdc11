// How the client lives with AniList's bad days, seen from outside: which calls still succeed,
// which errors surface, and how many requests reached AniList meanwhile.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/anilist/clock.ts';
import { AniListOutageError, AniListQueryError, AniListResponseError, AniListUnavailableError } from '../../src/anilist/errors.ts';
import { createGraphQLTransport } from '../../src/anilist/graphql-transport.ts';
import { aniListHealthCheck } from '../../src/anilist/health.ts';
import { createOutageGate } from '../../src/anilist/outage.ts';
import { createPacer } from '../../src/anilist/pacer.ts';
import { searchAnimeDataSchema } from '../../src/anilist/schemas.ts';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { AS_COMMAND, startAniList, type AniListHarness, type HarnessOptions } from '../support/anilist-harness.ts';

describe('AniList client under failure', () => {
  let anilist: AniListHarness | undefined;
  afterEach(async () => {
    await anilist?.close();
    anilist = undefined;
  });

  async function start(options: HarnessOptions = {}): Promise<AniListHarness> {
    anilist = await startAniList(options);
    anilist.fake.setMedia([1, 2, 3, 4].map((id) => fakeMedia(id)));
    return anilist;
  }

  it('retries 500 and 502 answers, then succeeds', async () => {
    const { fake, client } = await start();
    fake.failNext(1, 500);
    expect((await client.getAnime(1, AS_COMMAND)).media.id).toBe(1);
    fake.failNext(1, 502);
    expect((await client.getAnime(2, AS_COMMAND)).media.id).toBe(2);
    expect(fake.requests.map((request) => request.status)).toEqual([500, 200, 502, 200]);
    expect(client.stats()).toEqual({ requestsSent: 4 });
  });

  it('gives up after the configured number of tries', async () => {
    const { fake, client } = await start();
    fake.failNext(5, 502);
    await expect(client.getAnime(1, AS_COMMAND)).rejects.toThrow(AniListUnavailableError);
    expect(fake.counts().received).toBe(3);
  });

  it('abandons a request that never answers and tries again', async () => {
    const { fake, client } = await start({ client: { timeoutMs: 250 } });
    fake.hangNext(1);
    const started = Date.now();
    expect((await client.getAnime(3, AS_COMMAND)).media.id).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(fake.requests.map((request) => request.status)).toEqual([null, 200]);

    fake.hangNext(3);
    await expect(client.getAnime(3, AS_COMMAND)).rejects.toThrow(/no answer within 250 ms/);
  });

  it("waits out a 429 for everyone until AniList's Retry-After, then succeeds", async () => {
    // Two requests a second, and a client paced far faster than that.
    const { fake, client } = await start({ rateLimit: { limit: 2, windowMs: 1000 }, pacer: { requestsPerMinute: 600 } });
    const started = Date.now();
    const found = await Promise.all([1, 2, 3, 4].map((id) => client.getAnime(id, AS_COMMAND)));
    expect(found.map(({ media }) => media.id)).toEqual([1, 2, 3, 4]);
    // One 429, then nobody asked again before Retry-After (1 s) had passed.
    expect(fake.counts()).toEqual({ received: 5, ok: 4, tooManyRequests: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('reports an outage, fails fast during the back-off, and recovers after it', async () => {
    const { fake, client } = await start({ client: { outageBackoffMs: 400 } });
    const health = aniListHealthCheck(client);
    expect(await health.check()).toEqual({ ok: true });

    fake.disable();
    await expect(client.getAnime(1, AS_COMMAND)).rejects.toThrow(AniListOutageError);
    expect(client.status()).toMatchObject({ ok: false, detail: expect.stringContaining('AniList API disabled since') });
    expect(await health.check()).toMatchObject({ ok: false });

    fake.enable();
    await expect(client.getAnime(1, AS_COMMAND)).rejects.toThrow(AniListOutageError);
    await expect(client.searchAnime('anime', AS_COMMAND)).rejects.toThrow(AniListOutageError);
    expect(fake.requests.map((request) => request.status)).toEqual([403]);

    await sleep(450);
    expect((await client.getAnime(1, AS_COMMAND)).media.id).toBe(1);
    expect(client.status()).toEqual({ ok: true });
    expect(fake.requests.map((request) => request.status)).toEqual([403, 200]);
  });

  it('treats errors[] in an HTTP 200 as an error, without retrying it', async () => {
    const { fake, client } = await start();
    fake.errorsIn200Next(1, 'Something went wrong on our side.');
    const failure = client.getAnime(1, AS_COMMAND);
    await expect(failure).rejects.toThrow(AniListResponseError);
    await expect(failure).rejects.toThrow('Something went wrong on our side.');
    expect((await client.getAnime(1, AS_COMMAND)).media.id).toBe(1);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 200]);
  });

  it('reports a query AniList rejects (HTTP 400) at once, without retrying', async () => {
    const { fake, url } = await start();
    const transport = createGraphQLTransport({
      url,
      pacer: createPacer({ requestsPerMinute: 6000 }),
      clock: systemClock,
      outage: createOutageGate(systemClock, 60_000),
      timeoutMs: 2000,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    });
    const broken = { operationName: 'Broken', query: 'query Broken {\n  Page {\n    nope\n  }\n}' };
    const failure = transport.post(broken, {}, searchAnimeDataSchema, { request: AS_COMMAND });
    await expect(failure).rejects.toThrow(AniListQueryError);
    await expect(failure).rejects.toThrow('Cannot query field "nope" on type "Page".');
    expect(fake.requests).toMatchObject([{ operationName: 'Broken', status: 400 }]);
  });
});
