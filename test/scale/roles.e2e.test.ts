// Roles: processes sharing one PostgreSQL split the work (`anitrack start --role`). One of the
// scheduler processes runs the scheduler and the others stand by, a worker-only process sends
// what a scheduler-only process planned, and SQLite refuses to be split.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeAniList, fakeMedia, type FakeAniList } from '@anitrack/anilist-emulator';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestStore, type TestStore } from '../support/stores.ts';
import { emptyFolder, runAnitrack, waitFor } from '../support/cli.ts';
import { standInSettings } from '../support/stand-in-settings.ts';

const ANIME = 4242;

interface World {
  discord: FakeDiscord;
  anilist: FakeAniList;
  store: TestStore;
  env: Record<string, string>;
}

async function world(): Promise<World> {
  const discord = createFakeDiscord();
  const anilist = createFakeAniList();
  const { apiUrl } = await discord.start();
  const anilistUrl = await anilist.start();
  const store = await createTestStore('postgres');
  const env = {
    DATABASE_URL: store.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'anitrack-roles-')),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PORT: '0',
    METRICS_PORT: '0',
    ...standInSettings({ discord, discordApiUrl: apiUrl, anilistUrl }),
  };
  return { discord, anilist, store, env };
}

async function startProcess(env: Record<string, string>, roles: readonly Role[]): Promise<App> {
  const config = loadConfig({ env, envFile: join(env.DATA_DIR!, '.env') });
  const app = await createApp(config, createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { roles });
  await app.start();
  return app;
}

async function readyz(app: App): Promise<{ status: number; body: { status: string; roles: Record<string, string> } }> {
  const response = await fetch(`${app.metricsAddress()}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; roles: Record<string, string> } };
}

describe('roles on PostgreSQL', () => {
  const running: App[] = [];
  let current: World | undefined;
  afterEach(async () => {
    for (const app of running.splice(0)) await app.stop();
    if (current) {
      await current.store.dispose();
      await current.discord.close();
      await current.anilist.close();
    }
    current = undefined;
  });

  it('runs the scheduler on one process; a standby takes over within seconds when it stops', async () => {
    current = await world();
    const first = await startProcess(current.env, ['scheduler']);
    running.push(first);
    const second = await startProcess(current.env, ['scheduler']);
    running.push(second);

    expect(await readyz(first)).toEqual({ status: 200, body: { status: 'ready', roles: { scheduler: 'running the scheduler' } } });
    expect(await readyz(second)).toEqual({ status: 200, body: { status: 'ready', roles: { scheduler: 'standing by' } } });

    const stopping = first.stop();
    expect((await first.readiness()).ready).toBe(false);
    await stopping;
    running.splice(running.indexOf(first), 1);
    const stoppedAt = Date.now();
    await waitFor(async () => ((await readyz(second)).body.roles.scheduler === 'running the scheduler' ? true : undefined), 10_000);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
  });

  it('sends from a worker-only process what a scheduler-only process planned; a web-only process answers commands', async () => {
    current = await world();
    const { discord, anilist, env } = current;
    anilist.setMedia([fakeMedia(ANIME)]);
    anilist.setAirings([{ id: 1, mediaId: ANIME, episode: 3, airingAt: Math.floor(Date.now() / 1000) - 30 }]);
    const { guildId, channelIds } = discord.addGuild({ ownerId: '910000000000000001', channels: [{ name: 'anime' }] });
    const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
    const web = await startProcess(env, ['web']);
    running.push(web);
    const { repositories } = web.store;
    await repositories.guilds.setNotifyChannel(guildId, { channelId: channelIds[0]!, webhook: { id: webhook!.id, token: webhook!.token! } }, Date.now());
    await repositories.trackedAnime.add({ guildId, mediaId: ANIME, nickname: 'show', addedBy: '1', now: Date.now(), maxPerGuild: null });

    const worker = await startProcess(env, ['worker']);
    running.push(worker);
    expect(await readyz(worker)).toEqual({ status: 200, body: { status: 'ready', roles: { worker: 'sending' } } });
    // Nothing is planned yet: no process runs the scheduler.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(discord.messages(channelIds[0]!)).toHaveLength(0);

    const scheduler = await startProcess(env, ['scheduler']);
    running.push(scheduler);
    const [message] = await waitFor(async () => {
      const sent = discord.messages(channelIds[0]!);
      return sent.length > 0 ? sent : undefined;
    }, 20_000);
    expect(JSON.stringify(message)).toContain('Episode 3');

    // The web-only process serves interactions; the others have no public port.
    const ping = await discord.deliverInteraction(`${webAddress(web)}/interactions`, discord.pingInteraction());
    expect(ping.status).toBe(200);
    expect(worker.web.server.listening).toBe(false);
    expect(scheduler.web.server.listening).toBe(false);
  });
});

function webAddress(app: App): string {
  const address = app.web.server.address();
  if (!address || typeof address === 'string') throw new Error('the web role is not listening');
  return `http://127.0.0.1:${address.port}`;
}

describe('roles on SQLite', () => {
  it('refuses to run part of the roles, in plain words', async () => {
    const cwd = emptyFolder();
    const settings = {
      DATABASE_URL: `sqlite:${join(cwd, 'anitrack.db')}`,
      DATA_DIR: cwd,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PORT: '0',
      DISCORD_BOT_TOKEN: 'token',
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
      LOG_LEVEL: 'warn',
    };
    const split = await runAnitrack(['start', '--role', 'web'], { cwd, settings });
    expect(split.code).toBe(2);
    expect(split.stderr).toContain('A SQLite database is used by one process');
    expect(split.stderr).toContain('worker, scheduler');
    expect(split.stderr).toContain('PostgreSQL');

    const unknown = await runAnitrack(['start', '--role', 'web,sender'], { cwd, settings });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--role: sender is not a role; the roles are web, worker, scheduler, gateway.');
  });
});
