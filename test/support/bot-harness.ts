// The whole product (createApp, as `anitrack start` builds it) against the local Discord and
// the local AniList, with one Discord server set up: an owner, an admin, a plain member, a
// "Mods" role, an #anime channel and the bot with the permissions setchannel needs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { DestinationStream } from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { standInSettings } from './stand-in-settings.ts';
import type { Role } from '../../src/domain/roles.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { configuredSecrets } from '../../src/logging/configured-secrets.ts';
import type { StoreDialect } from '../../src/store/database.ts';
import { createFakeAniList, type FakeAniList, type FakeAiring, type FakeMedia } from '@anitrack/anilist-emulator';
import { createFakeDiscord, option, Permission, type FakeDiscord } from '@anitrack/discord-emulator';
import { startRestProxy, type RestProxy } from '../../src/discord/rest-proxy.ts';
import { createTestStore, type TestStore } from './stores.ts';
import { waitFor } from './cli.ts';
import { freePort } from './free-port.ts';

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
  /** The AniList requests sent since the bot started (after the catalogue's first fill). */
  aniListRequestsSinceStart(): FakeAniList['requests'];
  server: ServerSetup;
  endpoint: string;
  /** Runs `/name sub… options` as `user` through POST /interactions and returns what they see. */
  command(user: { id: string; username: string }, name: string, options?: APIApplicationCommandInteractionDataOption[], wait?: AnswerWait): Promise<Answer>;
  anime(user: { id: string; username: string }, path: string, options?: APIApplicationCommandInteractionDataOption[], wait?: AnswerWait): Promise<Answer>;
  autocomplete(
    user: { id: string; username: string },
    path: string,
    options: APIApplicationCommandInteractionDataOption[],
    focused: string,
  ): Promise<{ name: string; value: string }[]>;
  /** `/anime <path> options` as `user`, built but not sent (to alter it, or send it with `sign` and `post`). */
  animeInteraction(
    user: { id: string; username: string },
    path: string,
    options?: APIApplicationCommandInteractionDataOption[],
  ): APIChatInputApplicationCommandInteraction;
  /** Signs a body (an object is sent as JSON) the way the local Discord does; the same request posted twice is a replay. */
  sign(body: unknown, options?: { timestamp?: number }): SignedRequest;
  /** POSTs a signed request to /interactions as it is, and records an inline answer with the local Discord. */
  post(request: SignedRequest): Promise<RawAnswer>;
  /** Where the app listens (http://127.0.0.1:<port>). */
  address: string;
  /** The REST proxy the bot's token requests go through, when asked for with `restProxy`. */
  restProxy: RestProxy | undefined;
  /** Another server the bot is in, with a #news channel where it could create webhooks. */
  addOtherServer(): { guildId: string; channelId: string };
  close(): Promise<void>;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

export interface RawAnswer {
  status: number;
  /** The parsed JSON answer. */
  body: { type?: number; data?: APIInteractionResponseCallbackData; error?: string } | undefined;
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
  /** The app's clock (default: the real one), e.g. to check signed timestamps against a fixed time. */
  clock?: { now(): number };
  /** Where the app's log goes, built as `anitrack start` builds it; default: nowhere (TEST_LOG_LEVEL). */
  log?: { destination: DestinationStream; level: string };
  /** Turns the web dashboard on: the OAuth2 client secret and consent page of the local Discord, on a fixed port (the callback address must be known). */
  dashboard?: boolean;
  /** The process's roles (`anitrack start --role`); default every role. */
  roles?: readonly Role[];
  /** Sends the bot-token requests through a REST proxy (started here, in front of the local Discord) by DISCORD_REST_PROXY_URL. */
  restProxy?: boolean;
  /** A local Discord the caller started and closes, shared by several bots (e.g. one per gateway shard). */
  sharedDiscord?: { fake: FakeDiscord; apiUrl: string; authorizeUrl: string };
  /** The id of the set-up server (default: a new one), e.g. to put it on a given gateway shard. */
  serverId?: string;
}

export async function startBot(dialect: StoreDialect, options: BotHarnessOptions = {}): Promise<BotHarness> {
  const store = await createTestStore(dialect);
  const anilist = createFakeAniList();
  const anilistUrl = await anilist.start();
  anilist.setMedia(options.media ?? []);
  anilist.setAirings(options.airings ?? []);
  const discord = options.sharedDiscord?.fake ?? createFakeDiscord({ heartbeatIntervalMs: 1000 });
  const { apiUrl, authorizeUrl } = options.sharedDiscord ?? (await discord.start());
  const server = setUpServer(discord, options.serverId);
  const dashboard = options.dashboard ? await dashboardSettings(discord, authorizeUrl) : {};
  const restProxy = options.restProxy
    ? await startRestProxy({ apiUrl, host: '127.0.0.1', port: 0, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) })
    : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-bot-'));
  const env = {
    DATABASE_URL: store.url,
    DATA_DIR: dataDir,
    PORT: '0',
    METRICS_PORT: '0',
    ...standInSettings({ discord, discordApiUrl: apiUrl, anilistUrl, ...(options.mode && { mode: options.mode }) }),
    ...dashboard,
    ...(restProxy && { DISCORD_REST_PROXY_URL: restProxy.address }),
    ...options.settings,
  };
  const config = loadConfig({ env, envFile: join(dataDir, '.env') });
  const logger = options.log
    ? createLogger({ ...options.log, secrets: configuredSecrets(config) })
    : createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp(config, logger, { ...(options.clock && { clock: options.clock }), ...(options.roles && { roles: options.roles }) });
  const address = await app.start();
  // The catalogue's first fill from the local AniList, so suggestions are ready as after a real
  // start; tests about the AniList requests of a command look at what came after it.
  await app.catalogue.settled();
  const requestsAtStart = anilist.requests.length;
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
    const embedsText = (final.data.embeds ?? []).map((embed) =>
      [embed.title, embed.description, ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`)].join('\n'),
    );
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
    aniListRequestsSinceStart: () => anilist.requests.slice(requestsAtStart),
    server,
    endpoint,
    address,
    restProxy,
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
      return (result.body as { data?: { choices?: { name: string; value: string }[] } }).data?.choices ?? [];
    },
    animeInteraction: (user, path, animeOptions = []) =>
      discord.commandInteraction({ guildId: server.guildId, channelId: server.channelId, user, name: 'anime', options: [nest(path, animeOptions)] }),
    sign(body, signOptions = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const timestamp = signOptions.timestamp === undefined ? undefined : String(signOptions.timestamp);
      return { headers: { 'content-type': 'application/json', ...discord.signInteraction(text, timestamp) }, body: text };
    },
    async post(request) {
      const response = await fetch(endpoint, { method: 'POST', headers: request.headers, body: request.body });
      const text = await response.text();
      const body = text === '' ? undefined : (JSON.parse(text) as RawAnswer['body']);
      // As Discord does with an inline answer, so that a deferred answer can be edited in later.
      const id = (JSON.parse(request.body) as { id?: unknown } | null)?.id;
      if (response.status === 200 && typeof id === 'string') {
        try {
          discord.recordInlineResponse(id, body);
        } catch {
          // An interaction the local Discord never built (a test altered its id): nothing to record.
        }
      }
      return { status: response.status, body };
    },
    addOtherServer() {
      const { guildId, channelIds } = discord.addGuild({
        ownerId: OWNER.id,
        name: 'Elsewhere',
        roles: [
          { name: '@everyone', permissions: String(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.EMBED_LINKS | Permission.MANAGE_WEBHOOKS) },
        ],
        channels: [{ name: 'news' }],
      });
      return { guildId, channelId: channelIds[0]! };
    },
    async close() {
      await app.stop();
      await restProxy?.close();
      if (!options.sharedDiscord) await discord.close();
      await anilist.close();
      await store.dispose();
    },
  };
  return harness;
}

async function dashboardSettings(discord: FakeDiscord, authorizeUrl: string): Promise<Record<string, string>> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  discord.addOAuthRedirectUri(`${publicUrl}/auth/discord/callback`);
  return { PORT: String(port), PUBLIC_URL: publicUrl, DISCORD_CLIENT_SECRET: discord.clientSecret, DISCORD_AUTHORIZE_URL: authorizeUrl };
}

function nest(path: string, options: APIApplicationCommandInteractionDataOption[]): APIApplicationCommandInteractionDataOption {
  const [first, second] = path.split(' ');
  return second ? option.group(first!, [option.subcommand(second, options)]) : option.subcommand(first!, options);
}

function setUpServer(discord: FakeDiscord, id?: string): ServerSetup {
  const everyone = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES;
  const { guildId, roleIds, channelIds } = discord.addGuild({
    ...(id && { id }),
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
