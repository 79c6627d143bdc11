// `anitrack rest-proxy` as an operator runs it: a process of its own on REST_PROXY_PORT, which a
// product's REST client reaches through DISCORD_REST_PROXY_URL, and which stops on SIGTERM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { loadConfig } from '../../src/config.ts';
import { createDiscordRest } from '../../src/discord/rest.ts';
import { REST_PROXY_USER_AGENT } from '../../src/discord/rest-proxy.ts';
import { collect, emptyFolder, freePort, runAnitrack, spawnAnitrack, waitFor } from '../support/cli.ts';

describe('anitrack rest-proxy', () => {
  let discord: FakeDiscord;
  let apiUrl: string;
  beforeEach(async () => {
    discord = createFakeDiscord();
    ({ apiUrl } = await discord.start());
  });
  afterEach(async () => {
    await discord.close();
  });

  it("forwards a product's bot requests (and register-commands') to DISCORD_API_URL with their own token, then stops on SIGTERM", async () => {
    const { guildId } = discord.addGuild({ ownerId: '700000000000000001', channels: [{ name: 'anime' }, { name: 'news' }] });
    const port = await freePort();
    const child = spawnAnitrack(['rest-proxy'], { cwd: emptyFolder(), settings: { DISCORD_API_URL: apiUrl, REST_PROXY_PORT: String(port) } });
    const run = collect(child);
    try {
      await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined));
      // The product reads the setting as an operator writes it.
      const { DISCORD_REST_PROXY_URL } = loadConfig({ env: { DISCORD_REST_PROXY_URL: `http://127.0.0.1:${port}` }, envFile: '/nonexistent/.env' });
      expect(DISCORD_REST_PROXY_URL).toBe(`http://127.0.0.1:${port}/api`);
      const { api } = createDiscordRest({ apiUrl: 'http://127.0.0.1:1/api', botToken: discord.botToken, proxyUrl: DISCORD_REST_PROXY_URL });
      const channels = await api.guilds.getChannels(guildId);
      expect(channels.map((channel) => channel.name)).toEqual(['anime', 'news']);
      const [request] = discord.requests();
      expect(request).toMatchObject({ method: 'GET', path: `/guilds/${guildId}/channels`, status: 200 });
      expect(request?.headers['user-agent']).toContain(REST_PROXY_USER_AGENT);
      expect(request?.headers.authorization).toBe('Bot [redacted]');
      // Nothing but Discord's API is relayed.
      expect((await fetch(`http://127.0.0.1:${port}/anything/else`)).status).toBe(404);
      expect(discord.requests()).toHaveLength(1);

      // register-commands uses only the bot's token: all of it goes through the proxy, so a
      // Discord address nobody answers at does not matter.
      const registered = await runAnitrack(['register-commands'], {
        cwd: emptyFolder(),
        settings: {
          DISCORD_API_URL: 'http://127.0.0.1:9/api',
          DISCORD_REST_PROXY_URL: `http://127.0.0.1:${port}`,
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_BOT_TOKEN: discord.botToken,
        },
      });
      expect(registered.code).toBe(0);
      expect(discord.commands().map((command) => command.name)).toContain('anime');
      expect(discord.requests().at(-1)).toMatchObject({ method: 'PUT', route: 'PUT /applications/:applicationId/commands', status: 200 });
      expect(discord.requests().at(-1)?.headers['user-agent']).toContain(REST_PROXY_USER_AGENT);
    } finally {
      child.kill('SIGTERM');
    }
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(stdout).toContain('The Discord REST proxy is listening');
    expect(stdout).toContain(`http://127.0.0.1:${port}`);
    expect(stdout).toContain('Stopped cleanly');
  });

  it('refuses a wrong port or proxy address with the settings problem', async () => {
    const run = await runAnitrack(['rest-proxy'], {
      cwd: emptyFolder(),
      settings: { REST_PROXY_PORT: 'eighty', DISCORD_REST_PROXY_URL: 'http://127.0.0.1:8090/v10' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REST_PROXY_PORT must be a whole number (got "eighty")');
    expect(run.stderr).toContain('DISCORD_REST_PROXY_URL must be the address of `anitrack rest-proxy` with no path (or /api), e.g. http://127.0.0.1:8090');
  });
});
