import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AS_COMMAND } from '../support/anilist-harness.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { AniListOutageError } from '../../src/anilist/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createFakeAniList, fakeMedia, type FakeAniList } from '@anitrack/anilist-emulator';
import type { HealthReport } from '../../src/observability/health.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

/** A logger whose lines the test reads back. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const warnings = () => lines.filter((line) => line.level === 40);
  /** The detail logged for a failing check (the check's own words, whatever they are). */
  const detailOf = (check: string) => {
    const detail = warnings().find((line) => line.check === check)?.detail;
    expect(detail, `a warning with the detail of the ${check} check`).toEqual(expect.stringMatching(/\w/));
    return detail as string;
  };
  return { logger, warnings, detailOf };
}

const METRICS_TOKEN = 'metrics-token-for-tests';

describe.each(DIALECTS)('GET /healthz on %s', (dialect) => {
  let store: TestStore;
  let app: App;
  let anilist: FakeAniList;
  let log: ReturnType<typeof capturedLogger>;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    anilist = createFakeAniList();
    log = capturedLogger();
    const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-data-'));
    const env = { DATABASE_URL: store.url, DATA_DIR: dataDir, ANILIST_API_URL: await anilist.start(), METRICS_PORT: '0', METRICS_TOKEN };
    app = await createApp(loadConfig({ env, envFile: join(dataDir, '.env') }), log.logger);
  });
  afterEach(async () => {
    await app.stop();
    await anilist.close();
    await store.dispose();
  });

  it('shows an AniList outage as degraded, not unhealthy, and logs why', async () => {
    anilist.setMedia([fakeMedia(1)]);
    anilist.disable();
    await expect(app.anilist.getAnime(1, AS_COMMAND)).rejects.toThrow(AniListOutageError);
    const degraded = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toMatchObject({ status: 'degraded', checks: { database: 'ok', anilist: 'failing', deliveries: 'ok' } });
    expect(log.detailOf('anilist')).toMatch(/^AniList API disabled since /);
    expect(degraded.body).not.toContain('disabled');
  });

  it('reports a stuck delivery queue, the wait only in the log', async () => {
    const { guilds, deliveries } = app.store.repositories;
    await guilds.ensure('100000000000000001', Date.now());
    await deliveries.plan([{ guildId: '100000000000000001', mediaId: 1, episode: 1, kind: 'aired', dueAt: Date.now() - 20 * 60_000 }], Date.now());
    const stuck = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json()).toMatchObject({ status: 'unhealthy', checks: { database: 'ok', anilist: 'ok', deliveries: 'failing' } });
    expect(stuck.body).not.toContain(log.detailOf('deliveries'));
  });

  it('shows failed and stuck notifications in /healthz (degraded, not down, for failures) and in /metrics', async () => {
    const { guilds, deliveries } = app.store.repositories;
    await guilds.ensure('100000000000000001', Date.now());
    await deliveries.plan([{ guildId: '100000000000000001', mediaId: 1, episode: 1, kind: 'aired', dueAt: Date.now() }], Date.now());
    const [claimed] = await deliveries.claimDue({ now: Date.now(), limit: 1, leaseMs: 60_000, owner: 'w' });
    await deliveries.finish(claimed!.id, 'w', { status: 'failed', error: 'HTTP 400 (50035): Invalid Form Body', now: Date.now() });
    const degraded = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toMatchObject({ status: 'degraded', checks: { deliveries: 'ok', delivery_failures: 'failing' } });

    await deliveries.plan([{ guildId: '100000000000000001', mediaId: 1, episode: 2, kind: 'aired', dueAt: Date.now() - 20 * 60_000 }], Date.now());
    const metrics = (await app.web.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
    expect(metrics).toMatch(/^anitrack_deliveries_failed 1$/m);
    expect(metrics).toMatch(/^anitrack_deliveries_stuck 1$/m);
    // The process's own figures (CPU, memory, event loop) are there too.
    expect(metrics).toMatch(/^anitrack_process_cpu_seconds_total /m);
  });

  it('reports a reachable database, then an unreachable one with 503', async () => {
    const healthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', anilist: 'ok', deliveries: 'ok' } });
    // Each check is a bare word: no detail object for anyone to read internals from.
    expect(Object.values(healthy.json().checks as Record<string, unknown>).every((state) => state === 'ok')).toBe(true);

    await app.store.database.close();
    const unhealthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toMatchObject({ status: 'unhealthy', checks: { database: 'failing', anilist: 'ok' } });
    expect(log.detailOf('database')).toBe('the database does not answer');
    expect(unhealthy.body).not.toContain('answer');
  });
});

describe('what /healthz tells a stranger', () => {
  it('says "failing" for a check that throws, and keeps the error for the log, once per reason', async () => {
    const log = capturedLogger();
    let report: () => HealthReport = () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user anitrack)');
    };
    const web = await buildWebServer({ logger: log.logger, healthChecks: [{ name: 'database', check: () => report() }] });

    const first = await web.inject({ method: 'GET', url: '/healthz' });
    const second = await web.inject({ method: 'GET', url: '/healthz' });
    expect(first.statusCode).toBe(503);
    expect(first.json()).toEqual({ status: 'unhealthy', checks: { database: 'failing' } });
    expect(second.body).toBe(first.body);
    expect(first.body).not.toContain('ECONNREFUSED');
    // The same failure polled twice is one warning, not one per poll.
    expect(log.warnings()).toEqual([
      expect.objectContaining({ check: 'database', err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) }),
    ]);

    report = () => ({ ok: true });
    expect((await web.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
    report = () => ({ ok: false, detail: 'the database does not answer' });
    await web.inject({ method: 'GET', url: '/healthz' });
    expect(log.warnings()).toHaveLength(2);
    expect(log.warnings()[1]).toMatchObject({ check: 'database', detail: 'the database does not answer' });
  });
});
