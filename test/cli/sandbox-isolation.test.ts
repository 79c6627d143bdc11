// The sandbox never touches a real installation: a start with a database or Discord settings
// but no bot token refuses to run instead of falling into the sandbox, and the sandbox itself
// never opens DATABASE_URL.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { collect, emptyFolder, freePort, runAnitrack, spawnAnitrack, waitFor } from '../support/cli.ts';

async function seededInstallation(): Promise<{ cwd: string; file: string; fingerprint: () => string }> {
  const cwd = emptyFolder();
  const file = join(cwd, 'production.db');
  const database = openDatabase(`sqlite:${file}`);
  await migrateToLatest(database);
  const repositories = createKyselyRepositories(database, createSecretBox(Buffer.alloc(32, 7)));
  await repositories.guilds.setNotifyChannel(
    '100000000000000001',
    { channelId: '200000000000000001', webhook: { id: '300000000000000001', token: 'webhook-token' } },
    Date.now(),
  );
  await repositories.trackedAnime.add({ guildId: '100000000000000001', mediaId: 1, nickname: 'show', addedBy: '1', now: Date.now(), maxPerGuild: null });
  await database.close();
  const fingerprint = () => createHash('sha256').update(readFileSync(file)).digest('hex');
  return { cwd, file, fingerprint };
}

describe('starting without a bot token', () => {
  it('refuses on a real database, naming the missing setting, and leaves the database byte for byte as it was', async () => {
    const { cwd, file, fingerprint } = await seededInstallation();
    const before = fingerprint();
    const run = await runAnitrack(['start'], { cwd, settings: { DATABASE_URL: `sqlite:${file}`, PORT: String(await freePort()) } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('AniTrack cannot start: DISCORD_BOT_TOKEN is not set, but DATABASE_URL is.');
    expect(run.stdout).not.toContain('sandbox mode');
    expect(fingerprint()).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('refuses when only Discord settings are given, and does not reach for a PostgreSQL URL', async () => {
    const cwd = emptyFolder();
    const run = await runAnitrack(['start'], {
      cwd,
      settings: { DISCORD_APPLICATION_ID: '100000000000000009', DATABASE_URL: 'postgres://anitrack:secret@127.0.0.1:1/anitrack' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DISCORD_BOT_TOKEN is not set, but DATABASE_URL, DISCORD_APPLICATION_ID are.');
    expect(run.stderr).not.toContain('secret');
  });

  it('`anitrack sandbox` runs on a database of its own even when DATABASE_URL names another', async () => {
    const { cwd, file, fingerprint } = await seededInstallation();
    const before = fingerprint();
    const port = await freePort();
    const child = spawnAnitrack(['sandbox'], { cwd, settings: { DATABASE_URL: `sqlite:${file}`, PORT: String(port) } });
    const finished = collect(child);
    const status = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/sandbox`);
      return response.status === 200 ? response.status : undefined;
    }, 20_000);
    expect(status).toBe(200);
    child.kill('SIGINT');
    expect((await finished).code).toBe(0);
    expect(existsSync(join(cwd, 'data/sandbox.db'))).toBe(true);
    expect(fingerprint()).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
