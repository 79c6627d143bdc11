import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { migrationNames } from '../../src/store/migrate.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import type { Repositories } from '../../src/store/repositories.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { collect, emptyFolder, freePort, runAnitrack, spawnAnitrack, waitFor } from '../support/cli.ts';

describe('the anitrack command', () => {
  it('explains each command in --help', async () => {
    const run = await runAnitrack(['--help'], { cwd: emptyFolder() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/start \[options\]\s+Run AniTrack/);
    expect(run.stdout).toMatch(/sandbox\s+Run AniTrack against a local Discord/);
    expect(run.stdout).toMatch(/migrate\s+Bring the database schema up to date/);
    expect(run.stdout).toMatch(/rotate-key\s+Re-seal every stored secret/);
    expect(run.stdout).toMatch(/premium\s+Grant servers a premium tier/);
  });

  it('lists every settings problem and exits with code 2', async () => {
    const cwd = emptyFolder();
    const run = await runAnitrack(['start'], { cwd, settings: { PORT: 'abc', LOG_LEVEL: 'chatty', DATABASE_URL: 'mongodb://x' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('AniTrack cannot start: 3 settings are wrong:');
    expect(run.stderr).toContain('  - PORT must be a whole number (got "abc")');
    expect(run.stderr).toContain('  - LOG_LEVEL must be one of');
    expect(run.stderr).toContain('  - DATABASE_URL must look like');
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('starts with no settings: the sandbox within 15 s, a database, /healthz, and a clean stop on Ctrl-C', async () => {
    const cwd = emptyFolder();
    const port = await freePort();
    const startedAt = Date.now();
    const child = spawnAnitrack(['start'], { cwd, settings: { PORT: String(port) } });
    const finished = collect(child);
    const sandboxPage = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/sandbox`);
      return response.status === 200 ? response.status : undefined;
    }, 15_000);
    expect(sandboxPage).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    const health = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: await response.json() };
    });
    expect(health).toEqual({ status: 200, body: { status: 'ok', checks: expect.objectContaining({ database: 'ok', anilist: 'ok', deliveries: 'ok' }) } });
    // The sandbox keeps to a database of its own, and leaves no key behind for an installation to adopt.
    expect(existsSync(join(cwd, 'data/sandbox.db'))).toBe(true);
    expect(existsSync(join(cwd, 'data/anitrack.db'))).toBe(false);
    expect(existsSync(join(cwd, 'data/encryption.key'))).toBe(false);

    child.kill('SIGINT');
    const run = await finished;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AniTrack is running in sandbox mode');
    expect(run.stdout).toContain(`Open http://127.0.0.1:${port}/sandbox to try it`);
    expect(run.stdout).toContain('Stopped cleanly');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('migrates, and rotates keys keeping the database usable', async () => {
    const cwd = emptyFolder();
    const first = randomBytes(32).toString('base64');
    const second = randomBytes(32).toString('base64');
    const migrated = await runAnitrack(['migrate'], { cwd, settings: { ENCRYPTION_KEY: first } });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(JSON.stringify({ applied: migrationNames() }).slice(1, -1));
    expect((await runAnitrack(['migrate'], { cwd, settings: { ENCRYPTION_KEY: first } })).stdout).toContain('"applied":[]');

    await withRepositories(cwd, first, (repositories) =>
      repositories.guilds.setNotifyChannel('100000000000000001', { channelId: '3', webhook: { id: '4', token: 'webhook-token-1' } }, Date.now()),
    );

    const rotated = await runAnitrack(['rotate-key'], { cwd, settings: { ENCRYPTION_KEY: second, ENCRYPTION_KEYS_OLD: first } });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('Every stored secret is now sealed under the current key');
    // No key is logged, old or new.
    expect(rotated.stdout + rotated.stderr).not.toContain(first);
    expect(rotated.stdout + rotated.stderr).not.toContain(second);
    expect(rotated.stdout).toContain('"resealed":1');
    // Readable with the new key alone.
    const channel = await withRepositories(cwd, second, (repositories) => repositories.guilds.getNotifyChannel('100000000000000001'));
    expect(channel?.webhook.token).toBe('webhook-token-1');
  });
});

async function withRepositories<T>(cwd: string, key: string, work: (repositories: Repositories) => Promise<T>): Promise<T> {
  const database = openDatabase(`sqlite:${join(cwd, 'data/anitrack.db')}`);
  try {
    return await work(createKyselyRepositories(database, createSecretBox(Buffer.from(key, 'base64'))));
  } finally {
    await database.close();
  }
}
