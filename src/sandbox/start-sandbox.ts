// `anitrack sandbox` (and `npm start` with nothing configured): the real product — HTTP
// interactions, the airing sync, the delivery worker — wired to a local Discord and a local
// AniList on 127.0.0.1, with a page at /sandbox to drive it. It never touches an installation:
// its database is a file of its own, made anew each run (the stand-ins are new each run too,
// so nothing in an older one would still make sense), sealed with a key that lives in memory.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { sandboxDataset } from './dataset.ts';
import { createFakeAniList, type FakeAniList } from '@anitrack/anilist-emulator';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { sandboxRoutes } from './sandbox.routes.ts';
import { buildSandboxWorld, type SandboxWorld } from './world.ts';

export interface Sandbox {
  app: App;
  discord: FakeDiscord;
  anilist: FakeAniList;
  world: SandboxWorld;
  /** The product's own address (the /sandbox page and POST /interactions live there). */
  address: string;
  stop(): Promise<void>;
}

export const SANDBOX_DATABASE_FILE = 'sandbox.db';

function freshSandboxDatabase(dataDir: string): string {
  const file = join(dataDir, SANDBOX_DATABASE_FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return `sqlite:${file}`;
}

export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const anilist = createFakeAniList();
  const anilistUrl = await anilist.start();
  const dataset = sandboxDataset(Math.floor(Date.now() / 1000));
  anilist.setMedia(dataset.media);
  anilist.setAirings(dataset.airings);
  const discord = createFakeDiscord();
  const { apiUrl, authorizeUrl } = await discord.start();
  const world = buildSandboxWorld(discord);

  const app = await createApp(config, logger, {
    database: { url: freshSandboxDatabase(config.DATA_DIR), encryptionKey: randomBytes(32) },
    discord: {
      apiUrl,
      applicationId: discord.applicationId,
      publicKeyHex: discord.publicKeyHex,
      botToken: discord.botToken,
      // The dashboard logs in against the local Discord too, as the sandbox's admin.
      clientSecret: discord.clientSecret,
      authorizeUrl,
    },
    anilist: { url: anilistUrl, requestsPerMinute: 90 },
    // No real MyAnimeList from the sandbox: /anime import says it is not set up.
    withoutMyAnimeList: true,
    // Beside a real installation on the same machine: no fixed port to collide with.
    metricsPort: 0,
    plainHttp: true,
  });
  if (config.TLS_CERT_FILE) logger.warn('The sandbox serves plain http: TLS_CERT_FILE and TLS_KEY_FILE are for a real installation');
  let address = '';
  await app.web.register(sandboxRoutes, { discord, world, interactionsUrl: () => `${address}/interactions` });
  address = await app.start();
  discord.addOAuthRedirectUri(`${address}/auth/discord/callback`);
  discord.signInOAuthUser(world.users[0]!.id);
  return {
    app,
    discord,
    anilist,
    world,
    address,
    async stop() {
      await app.stop();
      await discord.close();
      await anilist.close();
    },
  };
}

export function sandboxBanner(address: string): string {
  return [
    '',
    '  AniTrack is running in sandbox mode: no Discord application is configured, so a local',
    '  Discord and a local AniList stand in for them (nothing leaves this machine).',
    '',
    `  Open ${address}/sandbox to try it: set the channel with /anime admin setchannel, add an`,
    '  anime, subscribe, and watch its notification arrive (an episode airs every minute or two).',
    `  The dashboard is at ${address}/servers (you log in as the sandbox's admin).`,
    '',
    '  The sandbox keeps its data in a database of its own (sandbox.db in the data folder, new each run).',
    '',
    '  To connect a real Discord application, set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN',
    '  (and DISCORD_PUBLIC_KEY for HTTP interactions), then run `npx anitrack register-commands`.',
    '  The README explains each step.',
    '',
  ].join('\n');
}
