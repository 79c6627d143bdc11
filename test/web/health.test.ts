import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

describe.each(DIALECTS)('GET /healthz on %s', (dialect) => {
  let store: TestStore;
  let app: App;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-data-'));
    const config = loadConfig({ env: { DATABASE_URL: store.url, DATA_DIR: dataDir }, envFile: join(dataDir, '.env') });
    app = await createApp(config, createLogger({ level: 'silent' }));
  });
  afterEach(async () => {
    await app.stop();
    await store.dispose();
  });

  it('reports a reachable database, then an unreachable one with 503', async () => {
    const healthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok', checks: { database: { ok: true } } });

    await app.store.database.close();
    const unhealthy = await app.web.inject({ method: 'GET', url: '/healthz' });
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toEqual({ status: 'unhealthy', checks: { database: { ok: false, detail: 'the database does not answer' } } });
  });
});
