// The product as a large installation runs it: 2 web, 2 worker and 2 scheduler processes (child
// processes running `anitrack start --role …`) on one PostgreSQL, 5,000 servers due at once.
// Half-way one worker is SIGKILLed, then the scheduler's holder; later the other worker is
// stopped with SIGTERM and a new one finishes. Every server gets its message, at most what the
// killed worker had in flight goes out twice, no address goes over Discord's limit, the standby
// scheduler takes over within 10 s, and a SIGTERM leaves nothing in `sending`.
import { randomBytes } from 'node:crypto';
import { createFakeAniList, fakeMedia, type FakeAniList } from '@anitrack/anilist-emulator';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyFolder, waitFor } from '../support/cli.ts';
import { startRole, type RoleProcess } from '../support/role-process.ts';
import { standInSettings } from '../support/stand-in-settings.ts';
import { createTestStore, type TestStore } from '../support/stores.ts';
import { createSecretBox } from '../../src/store/secrets.ts';

const SERVERS = 5000;
const ANIME = 5151;
// The worker's pool: no more than this many notifications are in flight at once.
const IN_FLIGHT_BOUND = 50;
const TAKEOVER_LIMIT_MS = 10_000;

describe('many processes on one PostgreSQL', () => {
  let discord: FakeDiscord | undefined;
  let anilist: FakeAniList | undefined;
  let store: TestStore | undefined;
  const processes: RoleProcess[] = [];
  afterEach(async () => {
    for (const running of processes.splice(0)) running.child.kill('SIGKILL');
    await store?.dispose();
    await discord?.close();
    await anilist?.close();
  });

  it(`tells all ${SERVERS} servers through kills and stops, each address within its limit`, async () => {
    discord = createFakeDiscord();
    anilist = createFakeAniList();
    const { apiUrl } = await discord.start();
    const anilistUrl = await anilist.start();
    anilist.setMedia([fakeMedia(ANIME)]);
    anilist.setAirings([{ id: 1, mediaId: ANIME, episode: 4, airingAt: Math.floor(Date.now() / 1000) - 60 }]);

    const key = randomBytes(32);
    store = await createTestStore('postgres', createSecretBox(key));
    const { repositories } = store;
    const channels: string[] = [];
    const seedOne = async () => {
      const { guildId, channelIds } = discord!.addGuild({ ownerId: '910000000000000001', channels: [{ name: 'anime' }] });
      const [webhook] = discord!.seedWebhooks(channelIds[0]!, 1);
      channels.push(channelIds[0]!);
      await repositories.guilds.setNotifyChannel(guildId, { channelId: channelIds[0]!, webhook: { id: webhook!.id, token: webhook!.token! } }, Date.now());
      await repositories.trackedAnime.add({ guildId, mediaId: ANIME, nickname: 'show', addedBy: '1', now: Date.now(), maxPerGuild: null });
    };
    // Eight at a time: the pool has ten connections.
    for (let seeded = 0; seeded < SERVERS; seeded += 8) await Promise.all(Array.from({ length: Math.min(8, SERVERS - seeded) }, seedOne));

    const cwd = emptyFolder();
    const settings = {
      DATABASE_URL: store.url,
      DATA_DIR: cwd,
      ENCRYPTION_KEY: key.toString('base64'),
      PORT: '0',
      ...standInSettings({ discord, discordApiUrl: apiUrl, anilistUrl }),
    };
    const start = (roles: string, extra: Record<string, string> = {}) => {
      const started = startRole(roles, { cwd, settings: { ...settings, ...extra } });
      processes.push(started);
      return started;
    };
    const workers = [start('worker', { OUTBOUND_ADDRESSES: '127.0.0.2' }), start('worker', { OUTBOUND_ADDRESSES: '127.0.0.3' })];
    const webs = [start('web'), start('web')];
    await Promise.all([...workers, ...webs].map((running) => running.metricsAddress()));
    const schedulers = [start('scheduler'), start('scheduler')];
    await Promise.all(schedulers.map((running) => running.metricsAddress()));

    const messages = () => discord!.allMessages().length;
    await waitFor(async () => (messages() >= SERVERS / 2 ? true : undefined), 120_000, 20);
    workers[0]!.child.kill('SIGKILL');
    const sentAtKill = messages();

    // Both web processes answer Discord while the fan-out runs.
    for (const web of webs) expect((await discord.deliverInteraction(`${await web.webAddress()}/interactions`, discord.pingInteraction())).status).toBe(200);

    // The scheduler's holder dies; the standby takes over.
    const states = await Promise.all(schedulers.map(async (running) => (await running.readyz()).body.roles.scheduler));
    expect([...states].sort()).toEqual(['running the scheduler', 'standing by']);
    const leader = schedulers[states.indexOf('running the scheduler')]!;
    const standby = schedulers[states.indexOf('standing by')]!;
    leader.child.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor(async () => ((await standby.readyz()).body.roles.scheduler === 'running the scheduler' ? true : undefined), TAKEOVER_LIMIT_MS + 5000, 100);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);

    // A SIGTERM drains: the worker finishes what it sends, hands back the rest, and exits cleanly.
    await waitFor(async () => (messages() >= (SERVERS * 3) / 4 ? true : undefined), 120_000, 20);
    workers[1]!.child.kill('SIGTERM');
    const drained = await workers[1]!.exited;
    expect(drained.code).toBe(0);
    const sending = await sql<{ count: number }>`select count(*)::int as count from deliveries where status = 'sending'`.execute(store.database.db);
    expect(sending.rows[0]!.count).toBe(0);
    expect(messages()).toBeLessThan(SERVERS);

    const finisher = start('worker', { OUTBOUND_ADDRESSES: '127.0.0.2' });
    await waitFor(async () => (new Set(discord!.allMessages().map((message) => message.channelId)).size === SERVERS ? true : undefined), 180_000, 100);
    // A straggler would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const perChannel = new Map<string, number>();
    for (const message of discord.allMessages()) perChannel.set(message.channelId, (perChannel.get(message.channelId) ?? 0) + 1);
    const duplicates = [...perChannel.values()].reduce((sum, count) => sum + count - 1, 0);
    const counts = discord.counts();
    console.log(
      `[many processes] ${SERVERS} servers: ${discord.allMessages().length} messages, ${duplicates} sent twice (worker SIGKILLed after ${sentAtKill}), ` +
        `429s ${counts.tooManyRequests}, by address ${JSON.stringify(counts.bySourceAddress)}, scheduler taken over in ${takeoverMs} ms`,
    );
    expect(channels.every((channel) => (perChannel.get(channel) ?? 0) >= 1)).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    expect(counts.tooManyRequests).toBe(0);
    expect(Object.keys(counts.bySourceAddress).filter((address) => address.endsWith('127.0.0.2') || address.endsWith('127.0.0.3'))).toHaveLength(2);

    for (const running of [...webs, standby, finisher]) running.child.kill('SIGTERM');
    for (const running of [...webs, standby, finisher]) expect((await running.exited).code).toBe(0);
  }, 420_000);
});
