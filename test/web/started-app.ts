// The whole app (createApp), listening on free loopback ports, against a local AniList and a
// SQLite file: the web side does not depend on the database's dialect.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createFakeAniList } from '@anitrack/anilist-emulator';
import { createTestStore } from '../support/stores.ts';

export interface StartedApp {
  app: App;
  /** The public web server's address. */
  address: string;
  close(): Promise<void>;
}

export async function startApp(settings: Record<string, string> = {}): Promise<StartedApp> {
  const store = await createTestStore('sqlite');
  const anilist = createFakeAniList();
  const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-data-'));
  const env = { DATABASE_URL: store.url, DATA_DIR: dataDir, PORT: '0', METRICS_PORT: '0', ANILIST_API_URL: await anilist.start(), ...settings };
  const app = await createApp(loadConfig({ env, envFile: join(dataDir, '.env') }), createLogger({ level: 'silent' }));
  const address = await app.start();
  return {
    app,
    address,
    async close() {
      await app.stop();
      await anilist.close();
      await store.dispose();
    },
  };
}
