// `anitrack backup <file>`, run as the real command. On SQLite it copies the database while
// another connection holds it open and keeps writing (as the running bot does), and the copy
// opens with every row and its sealed webhooks; on PostgreSQL it explains pg_dump instead.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { emptyFolder, runAnitrack } from '../support/cli.ts';
import { createTestStore, testKey, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 0, 1);
const TOKEN = 'w'.repeat(68);
const guildId = (n: number) => `1000000000000${String(n).padStart(5, '0')}`;

let store: TestStore | undefined;
afterEach(async () => {
  await store?.dispose();
  store = undefined;
});

async function addServers(opened: TestStore, servers: number): Promise<void> {
  for (let n = 0; n < servers; n += 1) {
    await opened.repositories.guilds.setNotifyChannel(guildId(n), { channelId: `3${n}`, webhook: { id: `4${n}`, token: `${TOKEN}${n}` } }, NOW);
  }
  await opened.repositories.guilds.setPremiumTier(guildId(0), 'supporter_plus', NOW);
}

async function storeWithServers(dialect: 'sqlite' | 'postgres', key: Buffer, servers: number): Promise<TestStore> {
  const opened = await createTestStore(dialect, createSecretBox(key));
  await addServers(opened, servers);
  return opened;
}

describe('anitrack backup on SQLite', () => {
  it('copies the open database, its latest writes included, into a file only its owner may read', async () => {
    const key = testKey();
    store = await createTestStore('sqlite', createSecretBox(key));
    // Every write from here on stays in the write-ahead log (as between two of SQLite's
    // checkpoints): a copy of the main file alone would miss them all.
    await sql`pragma wal_autocheckpoint = 0`.execute(store.database.db);
    await addServers(store, 50);
    const cwd = emptyFolder();
    const settings = { DATABASE_URL: store.url, ENCRYPTION_KEY: key.toString('base64'), LOG_LEVEL: 'warn' };

    // The "bot" keeps writing through its own connection while the copy is made.
    let writing = true;
    const writes = (async () => {
      for (let n = 1000; writing; n += 1) {
        await store.repositories.guilds.ensure(guildId(n), NOW);
        // SQLite answers synchronously: without a turn of the event loop, the child's exit would never be heard.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const result = await runAnitrack(['backup', 'anitrack-backup.db'], { cwd, settings });
    writing = false;
    await writes;

    const file = join(cwd, 'anitrack-backup.db');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Backed up ${store.file!} to ${file} \\(\\d+ KiB, readable by this account only\\)\\.\\n`));
    expect(result.stdout).toContain('Keep the ENCRYPTION_KEY setting with the backup');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const copy = openDatabase(`sqlite:${file}`);
    try {
      const repositories = createKyselyRepositories(copy, createSecretBox(key));
      const channels = await repositories.guilds.getNotifyChannels(Array.from({ length: 50 }, (_, n) => guildId(n)));
      expect(channels.size).toBe(50);
      expect(channels.get(guildId(49))).toEqual({ channelId: '349', webhook: { id: '449', token: `${TOKEN}49` } });
      expect(await repositories.guilds.premiumGrants()).toMatchObject([{ guildId: guildId(0), tier: 'supporter_plus' }]);
    } finally {
      await copy.close();
    }
  }, 60_000);

  it('refuses to replace an existing file unless --force, and never writes over the database itself', async () => {
    store = await storeWithServers('sqlite', testKey(), 1);
    const cwd = emptyFolder();
    const settings = { DATABASE_URL: store.url, LOG_LEVEL: 'warn' };
    const file = join(cwd, 'kept.db');
    writeFileSync(file, 'an older backup');

    const refused = await runAnitrack(['backup', 'kept.db'], { cwd, settings });
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `${file} exists already: choose another name, or add --force to replace it.\n` });
    expect(readFileSync(file, 'utf8')).toBe('an older backup');

    const forced = await runAnitrack(['backup', 'kept.db', '--force'], { cwd, settings });
    expect(forced.code).toBe(0);
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    // Without ENCRYPTION_KEY, the key to keep is the one generated into the data folder.
    expect(forced.stdout).toContain(`Keep the key file ${join(cwd, 'data', 'encryption.key')} with the backup`);

    const itself = await runAnitrack(['backup', store.file!, '--force'], { cwd, settings });
    expect(itself).toMatchObject({ code: 1, stderr: `${store.file!} is the database itself: choose another file for the backup.\n` });
  }, 60_000);

  it('says so when there is no database yet, and creates none', async () => {
    const cwd = emptyFolder();
    mkdirSync(join(cwd, 'data'));
    const missing = join(cwd, 'data', 'anitrack.db');
    const result = await runAnitrack(['backup', 'copy.db'], { cwd, settings: { DATABASE_URL: 'sqlite:./data/anitrack.db', LOG_LEVEL: 'warn' } });
    expect(result).toMatchObject({ code: 1, stderr: `There is no database at ${missing} (DATABASE_URL): nothing to back up.\n` });
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(cwd, 'copy.db'))).toBe(false);
  });
});

describe('anitrack backup on PostgreSQL', () => {
  it('explains pg_dump for the configured database, without its password, and writes nothing', async () => {
    store = await storeWithServers('postgres', testKey(), 1);
    const cwd = emptyFolder();
    const url = new URL(store.url);
    const result = await runAnitrack(['backup', 'anitrack.dump'], { cwd, settings: { DATABASE_URL: store.url, LOG_LEVEL: 'warn' } });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const database = url.pathname.slice(1);
    expect(result.stderr).toContain(`pg_dump makes a consistent copy of database ${database} while AniTrack runs`);
    expect(result.stderr).toContain(`  pg_dump --format=custom --file=anitrack.dump --dbname=postgres://${url.username}@${url.host}/${database}\n`);
    expect(result.stderr).toContain('Keep ENCRYPTION_KEY with the backup');
    if (url.password) expect(result.stderr).not.toContain(url.password);
    expect(existsSync(join(cwd, 'anitrack.dump'))).toBe(false);
  });
});
