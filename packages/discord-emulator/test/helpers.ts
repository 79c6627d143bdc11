// Shared set-up for the fake's own tests: a started fake, a REST client from @discordjs/rest
// pointed at it the way the product points its own, and one server with a role that lets the
// bot manage webhooks.
import { DiscordAPIError, REST } from '@discordjs/rest';
import { expect } from 'vitest';
import { createFakeDiscord, Permission, type FakeDiscord, type FakeDiscordOptions } from '../src/index.ts';

export const OWNER_ID = '110000000000000001';
export const MEMBER_ID = '110000000000000002';
export const GUILD_ID = '120000000000000001';
export const BOT_ROLE_ID = '130000000000000001';
export const MOD_ROLE_ID = '130000000000000002';

export const WEBHOOK_MANAGER = (Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.MANAGE_WEBHOOKS).toString();

export interface Started {
  discord: FakeDiscord;
  apiUrl: string;
  authorizeUrl: string;
  rest: REST;
  close(): Promise<void>;
}

export async function startDiscord(options: FakeDiscordOptions = {}): Promise<Started> {
  const discord = createFakeDiscord(options);
  const { apiUrl, authorizeUrl } = await discord.start();
  const rest = new REST({ api: apiUrl, version: '10' }).setToken(discord.botToken);
  return {
    discord,
    apiUrl,
    authorizeUrl,
    rest,
    async close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      await discord.close();
    },
  };
}

/** #anime (bot may manage webhooks through its role) and #locked (a role overwrite denies it). */
export function addAnimeServer(discord: FakeDiscord) {
  const { channelIds } = discord.addGuild({
    id: GUILD_ID,
    ownerId: OWNER_ID,
    name: 'Anime Club',
    roles: [
      { name: '@everyone', permissions: (Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES).toString() },
      { id: BOT_ROLE_ID, name: 'AniTrack', permissions: WEBHOOK_MANAGER },
      { id: MOD_ROLE_ID, name: 'Mods', permissions: Permission.MANAGE_GUILD.toString() },
    ],
    channels: [
      { name: 'anime' },
      { name: 'locked', permissionOverwrites: [{ id: BOT_ROLE_ID, type: 0, allow: '0', deny: Permission.MANAGE_WEBHOOKS.toString() }] },
    ],
    members: [{ userId: MEMBER_ID, roles: [MOD_ROLE_ID], username: 'mina' }],
    bot: { roles: [BOT_ROLE_ID] },
  });
  const [animeId, lockedId] = channelIds;
  if (!animeId || !lockedId) throw new Error('channels missing');
  return { guildId: GUILD_ID, animeId, lockedId };
}

/** The DiscordAPIError the promise rejects with (fails the test if it resolves or throws something else). */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

/** Resolves once `condition` holds, looking every 20 ms; rejects after `timeoutMs`. */
export function until(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error('condition not met in time'));
      setTimeout(check, 20);
    };
    check();
  });
}
