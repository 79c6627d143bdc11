// The whole product (createApp, as `anitrack start` builds it) against the local Discord and
// the local AniList, with one Discord server set up: an owner, an admin, a plain member, a
// "Mods" role, an #anime channel and the bot with the permissions setchannel needs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIApplicationCommandInteractionDataOption, APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { StoreDialect } from '../../src/store/database.ts';
import { createFakeAniList, type FakeAniList, type FakeAiring, type FakeMedia } from '../../src/sandbox/fakes/anilist.ts';
import { createFakeDiscord, option, Permission, type FakeDiscord } from '../../src/sandbox/fakes/discord.ts';
import { createTestStore, type TestStore } from './stores.ts';
import { waitFor } from './cli.ts';

export { option };

export const OWNER = { id: '700000000000000001', username: 'owner' };
export const ADMIN = { id: '700000000000000002', username: 'admin' };
export const MEMBER = { id: '700000000000000003', username: 'member' };
export const MOD = { id: '700000000000000004', username: 'mod' };

export interface ServerSetup {
  guildId: string;
  channelId: string;
  modsRoleId: string;
  botRoleId: string;
}

export interface Answer {
  status: number | null;
  /** What the user ends up seeing: the inline answer, or the edit of a deferred one. */
  content: string;
  data: APIInteractionResponseCallbackData;
  ephemeral: boolean;
  interactionId: string;
}

export interface BotHarness {
  app: App;
  store: TestStore;
  discord: FakeDiscord;
  anilist: FakeAniList;
  server: ServerSetup;
  endpoint: string;
  /** Runs `/name sub… options` as `user` through POST /interactions and returns what they see. */
  command(user: { id: string; username: string }, name: string, options?: APIApplicationCommandInteractionDataOption[], wait?: AnswerWait): Promise<Answer>;
  anime(user: { id: string; username: string }, path: string, options?: APIApplicationCommandInteractionDataOption[], wait?: AnswerWait): Promise<Answer>;
  autocomplete(user: { id: string; username: string }, path: string, options: APIApplicationCommandInteractionDataOption[], focused: string): Promise<{ name: string; value: string }[]>;
  close(): Promise<void>;
}

/** For long-running commands, which edit their deferred answer with progress before the result. */
export interface AnswerWait {
  /** Whether an edit is the result rather than progress (default: the first edit is). */
  isFinal?: (content: string) => boolean;
  /** Default 15 s. */
  timeoutMs?: number;
}

export interface BotHarnessOptions {
  media?: FakeMedia[];
  airings?: FakeAiring[];
  settings?: Record<string, string>;
  mode?: 'http' | 'gateway';
}

export async function startBot(dialect: StoreDialect, options: BotHarnessOptions = {}): Promise<BotHarness> {
  const store = await createTestStore(dialect);
  const anilist = createFakeAniList();
  const anilistUrl = await anilist.start();
  anilist.setMedia(options.media ?? []);
  anilist.setAirings(options.airings ?? []);
  const discord = createFakeDiscord({ heartbeatIntervalMs: 1000 });
  const { apiUrl } = await discord.start();
  const server = setUpServer(discord);
  const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-bot-'));
  const env = {
    DATABASE_URL: store.url,
    DATA_DIR: dataDir,
    PORT: '0',
    ANILIST_API_URL: anilistUrl,
    ANILIST_REQUESTS_PER_MINUTE: '90',
    DISCORD_API_URL: apiUrl,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: discord.publicKeyHex,
    DISCORD_BOT_TOKEN: discord.botToken,
    INTERACTIONS_MODE: options.mode ?? 'http',
    ...options.settings,
  };
  const app = await createApp(loadConfig({ env, envFile: join(dataDir, '.env') }), createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const address = await app.start();
  const endpoint = `${address}/interactions`;

  const answerOf = async (interactionId: string, status: number | null, wait: AnswerWait = {}): Promise<Answer> => {
    const final = await waitFor(async () => {
      const records = discord.interactionResponses(interactionId);
      const first = records[0]?.body as { type: number; data?: APIInteractionResponseCallbackData } | undefined;
      if (!first) return undefined;
      if (first.type !== 5) return { data: first.data ?? {}, ephemeral: ((first.data?.flags ?? 0) & 64) !== 0 };
      // Deferred: the answer is the edit of the original, or a private follow-up.
      const edit = records.find(
        (record) =>
          record.kind === 'followup' ||
          (record.kind === 'edit-original' && (wait.isFinal?.((record.body as APIInteractionResponseCallbackData).content ?? '') ?? true)),
      );
      if (!edit) return undefined;
      const body = edit.body as APIInteractionResponseCallbackData;
      return { data: body, ephemeral: edit.kind === 'followup' || ((first.data?.flags ?? 0) & 64) !== 0 };
    }, wait.timeoutMs ?? 15_000);
    const embedsText = (final.data.embeds ?? []).map((embed) => [embed.title, embed.description, ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`)].join('\n'));
    return { status, interactionId, data: final.data, ephemeral: final.ephemeral, content: [final.data.content ?? '', ...embedsText].join('\n').trim() };
  };

  const deliver = async (interaction: { id: string }, wait?: AnswerWait) => {
    if (options.mode === 'gateway') {
      discord.gateway.dispatchInteraction(interaction as never);
      return answerOf(interaction.id, null, wait);
    }
    const result = await discord.deliverInteraction(endpoint, interaction);
    return answerOf(interaction.id, result.status, wait);
  };

  const harness: BotHarness = {
    app,
    // The app's own repositories: they hold the app's sealing key.
    store: { ...store, repositories: app.store.repositories },
    discord,
    anilist,
    server,
    endpoint,
    command: (user, name, commandOptions = [], wait) =>
      deliver(discord.commandInteraction({ guildId: server.guildId, channelId: server.channelId, user, name, options: commandOptions }), wait),
    anime: (user, path, animeOptions = [], wait) => harness.command(user, 'anime', [nest(path, animeOptions)], wait),
    async autocomplete(user, path, animeOptions, focused) {
      const interaction = discord.autocompleteInteraction({
        guildId: server.guildId,
        channelId: server.channelId,
        user,
        name: 'anime',
        options: [nest(path, animeOptions)],
        focused,
      });
      const result = await discord.deliverInteraction(endpoint, interaction);
      return ((result.body as { data?: { choices?: { name: string; value: string }[] } }).data?.choices ?? []) as { name: string; value: string }[];
    },
    async close() {
      await app.stop();
      await discord.close();
      await anilist.close();
      await store.dispose();
    },
  };
  return harness;
}

function nest(path: string, options: APIApplicationCommandInteractionDataOption[]): APIApplicationCommandInteractionDataOption {
  const [first, second] = path.split(' ');
  return second ? option.group(first!, [option.subcommand(second, options)]) : option.subcommand(first!, options);
}

function setUpServer(discord: FakeDiscord): ServerSetup {
  const everyone = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES;
  const { guildId, roleIds, channelIds } = discord.addGuild({
    ownerId: OWNER.id,
    name: 'Anime Club',
    roles: [
      { name: '@everyone', permissions: String(everyone) },
      { name: 'Admins', permissions: String(Permission.MANAGE_GUILD) },
      { name: 'Mods', permissions: '0' },
      { name: 'AniTrack', permissions: String(Permission.MANAGE_WEBHOOKS | Permission.EMBED_LINKS) },
    ],
    channels: [{ name: 'anime' }, { name: 'general' }],
    members: [
      { userId: OWNER.id, username: OWNER.username },
      { userId: ADMIN.id, username: ADMIN.username, roles: [] },
      { userId: MEMBER.id, username: MEMBER.username },
      { userId: MOD.id, username: MOD.username },
    ],
    bot: { roles: [] },
  });
  const [, adminsRole, modsRole, botRole] = roleIds;
  discord.setMemberRoles(guildId, ADMIN.id, [adminsRole!]);
  discord.setMemberRoles(guildId, MOD.id, [modsRole!]);
  discord.setMemberRoles(guildId, discord.botUserId, [botRole!]);
  return { guildId, channelId: channelIds[0]!, modsRoleId: modsRole!, botRoleId: botRole! };
}
