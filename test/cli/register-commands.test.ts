import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { emptyFolder, runAnitrack } from '../support/cli.ts';

describe('anitrack register-commands', () => {
  let discord: FakeDiscord;
  let apiUrl: string;
  beforeEach(async () => {
    discord = createFakeDiscord();
    ({ apiUrl } = await discord.start());
  });
  afterEach(async () => {
    await discord.close();
  });
  const settings = () => ({ DISCORD_API_URL: apiUrl, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_BOT_TOKEN: discord.botToken });

  it('bulk-overwrites every command, globally or for one server, and Discord accepts them', async () => {
    const global = await runAnitrack(['register-commands'], { cwd: emptyFolder(), settings: settings() });
    expect(global.code).toBe(0);
    expect(
      discord
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual(['anime', 'debug', 'help']);
    const anime = discord.commands().find((command) => command.name === 'anime')!;
    expect((anime.options as { name: string }[] | undefined)?.map((option) => option.name)).toEqual([
      'add',
      'remove',
      'list',
      'subscribe',
      'unsubscribe',
      'info',
      'when',
      'rename',
      'schedule',
      'import',
      'analytics',
      'premium',
      'admin',
    ]);

    const { guildId } = discord.addGuild({ ownerId: '900000000000000001' });
    const local = await runAnitrack(['register-commands', '--guild', guildId], { cwd: emptyFolder(), settings: settings() });
    expect(local.code).toBe(0);
    expect(
      discord
        .commands({ guildId })
        .map((command) => command.name)
        .sort(),
    ).toEqual(['anime', 'debug', 'help']);
    expect(discord.requests().filter((request) => request.method === 'PUT')).toHaveLength(2);
  });

  it('says which settings it needs', async () => {
    const run = await runAnitrack(['register-commands'], { cwd: emptyFolder() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('register-commands needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN');
  });
});
