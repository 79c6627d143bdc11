// No secret in any log line. The real app (createApp, its log at trace, the logger built as
// `anitrack start` builds it) while the Discord calls it makes fail in each way Discord and the
// network fail: a notification, a deferred answer's edit, a follow-up, setchannel. Then its whole
// log is searched for every webhook token, interaction token, the bot token and the keys.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { captureLog, type LogCapture } from '../support/log-capture.ts';

const ANIME = 4242;
const DEFERRED_FAILED = 'Could not deliver a deferred answer';
const COMMAND_FAILED = 'Interaction failed';

// Discord's own answers, bodies as Discord sends them.
const REFUSALS = [
  {
    name: '400 Invalid Form Body',
    status: 400,
    body: {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    },
  },
  { name: '401 Unauthorized', status: 401, body: { message: '401: Unauthorized', code: 0 } },
  { name: '403 Missing Permissions', status: 403, body: { message: 'Missing Permissions', code: 50013 } },
  { name: '404 Unknown Webhook', status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
  { name: '500 Internal Server Error', status: 500, body: { message: '500: Internal Server Error', code: 0 } },
  { name: '502 Bad Gateway', status: 502, body: { message: '502: Bad Gateway', code: 0 } },
];

/** Discord that cannot be reached: nothing listens on the port, or every connection is reset. */
interface DeadDiscord {
  apiUrl: string;
  connections(): number;
  close(): Promise<void>;
}

async function deadDiscord(how: 'refused' | 'reset'): Promise<DeadDiscord> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = (closing: Server) => new Promise<void>((resolve) => closing.close(() => resolve()));
  if (how === 'refused') await close(server);
  return { apiUrl: `http://127.0.0.1:${port}/api`, connections: () => connections, close: () => (how === 'reset' ? close(server) : Promise.resolve()) };
}

interface Run {
  bot: BotHarness;
  log: LogCapture;
  /** Every secret the log must not hold, by what it is. */
  secrets: Map<string, string>;
}

const runs: Run[] = [];
const deadServers: DeadDiscord[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) await run.bot.close().catch(() => undefined);
  for (const dead of deadServers.splice(0)) await dead.close();
});

async function startRun(settings: Record<string, string> = {}): Promise<Run> {
  const keys = {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ENCRYPTION_KEYS_OLD: randomBytes(32).toString('base64'),
    DISCORD_CLIENT_SECRET: randomBytes(24).toString('base64url'),
    METRICS_TOKEN: randomBytes(24).toString('hex'),
  };
  const log = captureLog();
  const bot = await startBot('sqlite', {
    media: [fakeMedia(ANIME)],
    // Aired a minute ago: due at once.
    airings: [{ id: 1, mediaId: ANIME, episode: 1, airingAt: Math.floor(Date.now() / 1000) - 60 }],
    settings: { ...keys, ...settings },
    log: { destination: log.destination, level: 'trace' },
  });
  const run: Run = { bot, log, secrets: new Map([...Object.entries(keys), ['bot token', bot.discord.botToken]]) };
  runs.push(run);
  return run;
}

function rememberWebhookTokens(run: Run): void {
  for (const webhook of run.bot.discord.webhooks()) if (webhook.token) run.secrets.set(`webhook ${webhook.id}'s token`, webhook.token);
}

async function interact(run: Run, user: { id: string; username: string }, name: string, options: APIApplicationCommandInteractionDataOption[]): Promise<void> {
  const { bot } = run;
  const interaction = bot.discord.commandInteraction({ guildId: bot.server.guildId, channelId: bot.server.channelId, user, name, options });
  run.secrets.set(`interaction ${interaction.id}'s token`, interaction.token);
  await bot.discord.deliverInteraction(bot.endpoint, interaction);
}

const linesSince = (run: Run, mark: number) => run.log.lines().slice(mark);

async function waitForLine(run: Run, mark: number, msg: string): Promise<void> {
  await waitFor(async () => linesSince(run, mark).find((line) => line.msg === msg), 10_000);
}

// The flows, each through the door a user or the scheduler opens.

const setChannel = (run: Run) =>
  interact(run, ADMIN, 'anime', [option.group('admin', [option.subcommand('setchannel', [option.channel('channel', run.bot.server.channelId)])])]);

/** Long-running and private: always deferred, then the deferred answer is edited (with a file). */
async function exportMyData(run: Run): Promise<void> {
  const mark = run.log.lines().length;
  await interact(run, MEMBER, 'debug', [option.string('action', 'export_my_data')]);
  await waitForLine(run, mark, DEFERRED_FAILED);
}

/** Deferred publicly, refused privately (import is premium): the placeholder is deleted and a private follow-up sent. */
async function refusedImport(run: Run): Promise<void> {
  const mark = run.log.lines().length;
  const choices = [
    option.string('platform', 'anilist'),
    option.string('username', 'someone'),
    option.string('list', 'watching'),
    option.string('status', 'airing'),
  ];
  await interact(run, ADMIN, 'anime', [option.subcommand('import', choices)]);
  await waitForLine(run, mark, DEFERRED_FAILED);
}

/** A server with a webhook, tracking an anime whose episode is due: the worker sends it, and it fails. */
async function notify(run: Run): Promise<string> {
  const { bot } = run;
  const { guildId, channelId } = bot.server;
  const [webhook] = bot.discord.seedWebhooks(channelId, 1);
  await bot.store.repositories.trackedAnime.add({ guildId, mediaId: ANIME, nickname: 'anime', addedBy: ADMIN.id, now: Date.now(), maxPerGuild: null });
  await bot.store.repositories.guilds.setNotifyChannel(guildId, { channelId, webhook: { id: webhook!.id, token: webhook!.token! } }, Date.now());
  await bot.app.airingSync.runNow();
  await waitFor(async () => {
    const rows = await bot.app.store.database.db.selectFrom('deliveries').select('last_error').where('guild_id', '=', guildId).execute();
    return rows.find((row) => row.last_error !== null);
  }, 15_000);
  return webhook!.id;
}

/** Stops the app (which waits for work in flight) and reads its whole log. */
async function finish(run: Run): Promise<Record<string, unknown>[]> {
  rememberWebhookTokens(run);
  await run.bot.close();
  runs.splice(runs.indexOf(run), 1);
  const lines = run.log.lines();
  const output = run.log.text();
  for (const [what, secret] of run.secrets) expect(output.includes(secret), `the log holds ${what}`).toBe(false);
  return lines;
}

const logged = (lines: Record<string, unknown>[], msg: string) => lines.filter((line) => line.msg === msg && typeof line.err === 'object');

describe('no secret in any log line', () => {
  describe.each(REFUSALS)('when Discord answers $name', (refusal) => {
    it('to a notification, a deferred edit, a follow-up and each of setchannel’s calls', async () => {
      const run = await startRun();
      const { bot } = run;
      const appId = bot.discord.applicationId;
      let failing: RegExp | undefined;
      // Every request matching `failing` is refused, for as long as it is set.
      bot.discord.failNext(({ method, path }) => failing?.test(`${method} ${path}`) ?? false, refusal.status, refusal.body, Number.POSITIVE_INFINITY);
      const refused = (method: string, path: RegExp) =>
        bot.discord.requests().some((request) => request.method === method && path.test(decodeURIComponent(request.path)) && request.status === refusal.status);
      const step = async <T>(fail: RegExp, work: () => Promise<T>): Promise<T> => {
        failing = fail;
        const result = await work();
        failing = undefined;
        rememberWebhookTokens(run);
        // A 401 to a bot request makes @discordjs/rest drop the bot token, as it would for a
        // revoked one; the next step needs the bot connected again.
        bot.app.discord.rest.rest.setToken(bot.discord.botToken);
        return result;
      };
      const executeWebhook = new RegExp(`^POST /webhooks/(?!${appId}/)\\d+/[^/]+$`);

      // setchannel creates our webhook, then its welcome message (sent with the webhook's token) fails.
      await step(executeWebhook, () => setChannel(run));
      expect(refused('POST', /^\/webhooks\/\d+\/\[token\]$/)).toBe(true);

      const webhookId = await step(executeWebhook, () => notify(run));
      expect(refused('POST', new RegExp(`^/webhooks/${webhookId}/\\[token\\]$`))).toBe(true);

      await step(new RegExp(`^\\w+ /webhooks/${appId}/`), () => exportMyData(run));
      expect(refused('PATCH', new RegExp(`^/webhooks/${appId}/\\[token\\]/messages/@original$`))).toBe(true);

      await step(new RegExp(`^POST /webhooks/${appId}/[^/]+$`), () => refusedImport(run));
      expect(refused('POST', new RegExp(`^/webhooks/${appId}/\\[token\\]$`))).toBe(true);

      await step(/^POST \/channels\/\d+\/webhooks$/, () => setChannel(run));
      expect(refused('POST', /^\/channels\/\d+\/webhooks$/)).toBe(true);

      await step(/^GET \/channels\/\d+$/, () => setChannel(run));
      expect(refused('GET', /^\/channels\/\d+$/)).toBe(true);

      const lines = await finish(run);
      // The failures were logged, with the request they were about: only the token is gone.
      const deferred = logged(lines, DEFERRED_FAILED).map((line) => line.err as { url?: string });
      const pathOf = (url = '') => decodeURIComponent(new URL(url).pathname.replace(/^\/api\/v10/, ''));
      expect(deferred.map((err) => pathOf(err.url))).toEqual([`/webhooks/${appId}/[redacted]/messages/@original`, `/webhooks/${appId}/[redacted]`]);
      const commandFailures = logged(lines, COMMAND_FAILED).map((line) => (line.err as { url?: string }).url ?? '');
      expect(commandFailures.some((url) => /\/webhooks\/\d+\/\[redacted\]/.test(url))).toBe(true);
    }, 60_000);
  });

  describe.each(['refused', 'reset'] as const)('when the connection to Discord is %s', (how) => {
    it('to a notification, a deferred edit, a follow-up and setchannel', async () => {
      const dead = await deadDiscord(how);
      deadServers.push(dead);
      const run = await startRun({ DISCORD_API_URL: dead.apiUrl });

      const mark = run.log.lines().length;
      await setChannel(run);
      await waitForLine(run, mark, COMMAND_FAILED);
      await notify(run);
      await exportMyData(run);
      await refusedImport(run);
      if (how === 'reset') expect(dead.connections()).toBeGreaterThan(0);

      const lines = await finish(run);
      expect(logged(lines, COMMAND_FAILED)).toHaveLength(1);
      expect(logged(lines, DEFERRED_FAILED)).toHaveLength(2);
    }, 60_000);
  });
});
