// The data folder and the files in it are the owner's only: the database (with its WAL files)
// and the generated sealing key can be read by no other account on the machine.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { GENERATED_KEY_FILE } from '../../src/store/encryption-keys.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('file modes', () => {
  let root: string;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.database.close();
    store = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  const open = async (dataDir: string, databaseFile: string) => {
    const config = loadConfig({ env: { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${databaseFile}` }, envFile: join(root, '.env') });
    store = await openStore(config, createLogger({ level: 'silent' }));
  };

  it('makes a fresh data folder, the database folder and their files private', async () => {
    root = mkdtempSync(join(tmpdir(), 'anitrack-modes-'));
    const dataDir = join(root, 'data');
    const databaseFile = join(root, 'db', 'sqlite', 'anitrack.db');
    await open(dataDir, databaseFile);

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, GENERATED_KEY_FILE))).toBe(0o600);
    expect(modeOf(join(root, 'db'))).toBe(0o700);
    expect(modeOf(join(root, 'db', 'sqlite'))).toBe(0o700);
    // The WAL files exist while the database is open.
    for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) expect(modeOf(file), file).toBe(0o600);
  });

  it('takes group and other access away from files of ours made before, and leaves an existing folder as it is', async () => {
    root = mkdtempSync(join(tmpdir(), 'anitrack-modes-'));
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const keyFile = join(dataDir, GENERATED_KEY_FILE);
    const databaseFile = join(dataDir, 'anitrack.db');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`);
    writeFileSync(`${databaseFile}-wal`, '');
    writeFileSync(databaseFile, '');
    for (const file of [keyFile, databaseFile, `${databaseFile}-wal`]) chmodSync(file, 0o644);

    await open(dataDir, databaseFile);

    expect(modeOf(dataDir)).toBe(0o755);
    for (const file of [keyFile, databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) expect(modeOf(file), file).toBe(0o600);
  });
});
