import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { AniListOutageError } from '../../src/anilist/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createFakeAniList, fakeMedia, type FakeAniList } from '../../src/sandbox/fakes/anilist.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

describe.each(DIALECTS)('GET /healthz on %s', (dialect) => {
  let store: TestStore;
  let app: App;
  let anilist: FakeAniList;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    anilist = createFakeAniList();
    const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-data-'));
    const env = { DATABASE_URL: store.url, DATA_DIR: dataDir, ANILIST_API_URL: await anilist.start() };
    app = await createApp(loadConfig({ env, envFile: join(dataDir, '.env') }), createLogger({ level: 'silent' }));
  });
  afterEach(async () => {
    await app.stop();
    await anilist.close();
    await store.dispose();
  });

  it('shows an AniList outage as degraded, not unhealthy', async () => {
    anilist.setMedia([fakeMedia(1)]);
    anilist.disable();
    await expect(app.anilist.getAnime(1)).rejects.toThrow(AniListOutageError);
    const degraded = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toMatchObject({ status: 'degraded', checks: { database: { ok: true }, anilist: { ok: false } } });
    expect(degraded.json().checks.anilist.detail).toMatch(/^AniList API disabled since /);
  });

  it('reports a stuck delivery queue', async () => {
    const { guilds, deliveries } = app.store.repositories;
    await guilds.ensure('100000000000000001', Date.now());
    await deliveries.plan([{ guildId: '100000000000000001', mediaId: 1, episode: 1, kind: 'aired', dueAt: Date.now() - 20 * 60_000 }], Date.now());
    const stuck = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json().checks.deliveries).toEqual({ ok: false, detail: 'the oldest due notification has waited 20 minutes' });
  });

  it('reports a reachable database, then an unreachable one with 503', async () => {
    const healthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok', checks: { database: { ok: true }, anilist: { ok: true }, deliveries: { ok: true } } });

    await app.store.database.close();
    const unhealthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toMatchObject({ status: 'unhealthy', checks: { database: { ok: false, detail: 'the database does not answer' }, anilist: { ok: true } } });
  });
});
