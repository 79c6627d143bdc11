import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordRest } from '../../src/discord/rest.ts';
import { createLogger } from '../../src/logger.ts';
import { createRetentionJob } from '../../src/privacy/retention.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 26);
const [STAYS, REMOVED, SILENT, ACTIVE, RECENT] = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004', '100000000000000005'];

describe.each(DIALECTS)('the retention job on %s', (dialect) => {
  let store: TestStore;
  let discord: FakeDiscord;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    discord = createFakeDiscord();
  });
  afterEach(async () => {
    await discord.close();
    await store.dispose();
  });

  it('deletes servers gone for longer than the grace period, old delivery history, old audit log entries and expired dashboard logins', async () => {
    const { apiUrl } = await discord.start();
    const { guilds, trackedAnime, deliveries } = store.repositories;
    for (const guildId of [STAYS, REMOVED, SILENT, ACTIVE, RECENT]) {
      await trackedAnime.add({ guildId, mediaId: 1, nickname: 'x', addedBy: '9', now: NOW - 60 * DAY, maxPerGuild: null });
    }
    await guilds.setLeftAt(REMOVED, NOW - 31 * DAY); // the bot was removed a month ago
    await guilds.markChannelBroken(SILENT, NOW - 40 * DAY); // webhook gone, nobody used a command since
    await guilds.markChannelBroken(ACTIVE, NOW - 40 * DAY);
    await guilds.touch(ACTIVE, NOW - 10 * DAY); // …but this one is still in use
    await guilds.setLeftAt(RECENT, NOW - 5 * DAY);
    await deliveries.plan([{ guildId: STAYS, mediaId: 1, episode: 1, kind: 'aired', dueAt: NOW - 40 * DAY }], NOW - 40 * DAY);
    const [old] = await deliveries.claimDue({ now: NOW - 40 * DAY, limit: 1, leaseMs: 1000, owner: 'w' });
    await deliveries.markSent(old!.id, 'w', { messageId: '1', now: NOW - 40 * DAY });
    await deliveries.plan([{ guildId: STAYS, mediaId: 1, episode: 2, kind: 'aired', dueAt: NOW + DAY }], NOW - 40 * DAY);

    const login = {
      userId: '700000000000000001',
      username: 'someone',
      csrfToken: 'c',
      accessToken: 'a',
      refreshToken: 'r',
      tokenExpiresAt: NOW,
      createdAt: NOW - 20 * DAY,
    };
    await store.repositories.sessions.create({ ...login, idHash: 'expired', expiresAt: NOW - DAY });
    await store.repositories.sessions.create({ ...login, idHash: 'open', expiresAt: NOW + DAY });

    const change = { action: 'lock.add', details: { command: 'add', roleId: '200000000000000001' } } as const;
    for (const at of [NOW - 91 * DAY, NOW - 89 * DAY]) {
      await store.repositories.auditLog.record({ guildId: STAYS, userId: login.userId, source: 'discord', change, now: at });
    }

    const job = createRetentionJob({
      repositories: store.repositories,
      discord: createDiscordRest({ apiUrl, botToken: discord.botToken }).api,
      logger: createLogger({ level: 'silent' }),
      now: () => NOW,
      graceMs: 30 * DAY,
      historyMs: 30 * DAY,
      auditLogMs: 90 * DAY,
    });
    expect(await job.run()).toEqual({ serversDeleted: 2, deliveriesDeleted: 1, sessionsDeleted: 1, auditEntriesDeleted: 1 });
    expect((await store.repositories.auditLog.listForGuild(STAYS, { limit: 10 })).map((entry) => entry.createdAt)).toEqual([NOW - 89 * DAY]);
    expect(await store.repositories.sessions.forUser(login.userId)).toEqual([{ username: 'someone', createdAt: login.createdAt, expiresAt: NOW + DAY }]);
    const remaining = await Promise.all([STAYS, REMOVED, SILENT, ACTIVE, RECENT].map(async (guildId) => (await guilds.get(guildId)) !== undefined));
    expect(remaining).toEqual([true, false, false, true, true]);
    expect(await trackedAnime.listForGuild(REMOVED)).toEqual([]);
    // The pending notification stays; only finished history older than 30 days goes.
    expect(await deliveries.nextDueAt()).toBe(NOW + DAY);
  });
});
