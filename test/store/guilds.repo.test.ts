import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawTableBytes } from '../support/raw-bytes.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';
import { dumpAllTables } from '../support/dump.ts';

const GUILD = '100000000000000001';
const NOW = Date.UTC(2026, 10, 26);
// Shaped like a real Discord webhook token (68 url-safe characters).
const TOKEN = 'Wq3vB1nDk8F2mZ0c-Yx_PLAINTEXT_TOKEN_9aH7sJ4kL6pQ2rT8uV0wX3yZ5bC1dE';

describe.each(DIALECTS)('guild settings on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('starts with defaults and keeps changed settings', async () => {
    const { guilds } = store.repositories;
    expect(await guilds.get(GUILD)).toBeUndefined();
    await guilds.updateSettings(GUILD, { titleLanguage: 'english', reminderOffsetMinutes: 30, postAirDelayMinutes: 45 }, NOW);
    await guilds.updateSettings(GUILD, { postAirDelayMinutes: 10 }, NOW + 1);
    expect(await guilds.get(GUILD)).toEqual({
      guildId: GUILD,
      notifyChannelId: null,
      webhookId: null,
      hasWebhook: false,
      titleLanguage: 'english',
      reminderOffsetMinutes: 30,
      postAirDelayMinutes: 10,
      channelBrokenAt: null,
      premiumTier: null,
      patreonTier: null,
      leftAt: null,
    });
    await guilds.setLeftAt(GUILD, NOW + 3);
    expect((await guilds.get(GUILD))?.leftAt).toBe(NOW + 3);
    await guilds.setLeftAt(GUILD, null);
    await guilds.setLeftAt('100000000000000999', NOW);
    expect(await guilds.get('100000000000000999')).toBeUndefined();
    await guilds.updateSettings(GUILD, { reminderOffsetMinutes: null }, NOW + 2);
    expect((await guilds.get(GUILD))?.reminderOffsetMinutes).toBeNull();
  });

  it('records servers in use at the same moment, each with its own time, and ignores servers it has no row for', async () => {
    const { guilds } = store.repositories;
    const servers = ['100000000000000021', '100000000000000022', '100000000000000023'];
    for (const server of servers) await guilds.updateSettings(server, { titleLanguage: 'romaji' }, NOW);
    await Promise.all([...servers.map((server, index) => guilds.touch(server, NOW + index)), guilds.touch('100000000000000029', NOW)]);
    const rows = await store.database.db.selectFrom('guilds').select(['id', 'last_seen_at']).where('id', 'like', '10000000000000002%').orderBy('id').execute();
    expect(rows.map((row) => [row.id, Number(row.last_seen_at)])).toEqual(servers.map((server, index) => [server, NOW + index]));
  });

  it('stores the notify channel, hands back the webhook it replaces, and forgets it on removal', async () => {
    const { guilds } = store.repositories;
    expect(await guilds.setNotifyChannel(GUILD, { channelId: '300', webhook: { id: '400', token: TOKEN } }, NOW)).toBeUndefined();
    expect(await guilds.getNotifyChannel(GUILD)).toEqual({ channelId: '300', webhook: { id: '400', token: TOKEN } });
    await guilds.markChannelBroken(GUILD, NOW + 5);
    expect((await guilds.get(GUILD))?.channelBrokenAt).toBe(NOW + 5);

    const replaced = await guilds.setNotifyChannel(GUILD, { channelId: '301', webhook: { id: '401', token: `${TOKEN}2` } }, NOW + 10);
    expect(replaced).toEqual({ id: '400', token: TOKEN });
    expect(await guilds.get(GUILD)).toMatchObject({ notifyChannelId: '301', webhookId: '401', hasWebhook: true, channelBrokenAt: null });

    expect(await guilds.clearNotifyChannel(GUILD, NOW + 20)).toEqual({ id: '401', token: `${TOKEN}2` });
    expect(await guilds.getNotifyChannel(GUILD)).toBeUndefined();
    expect(await guilds.get(GUILD)).toMatchObject({ notifyChannelId: null, webhookId: null, hasWebhook: false });
  });

  it('never writes the webhook token in plaintext', async () => {
    await store.repositories.guilds.setNotifyChannel(GUILD, { channelId: '300', webhook: { id: '400', token: TOKEN } }, NOW);
    const tables = await dumpAllTables(store.database);
    expect(tables).toContain('guilds');
    expect(tables).toContain('v1.'); // the sealed value is there
    expect(tables).not.toContain(TOKEN);
    expect(tables).not.toContain(TOKEN.slice(10, 40));
    // The bytes on disk: the SQLite file, or the PostgreSQL heap file of the guilds table.
    const bytes = await rawTableBytes(store, 'guilds');
    expect(bytes.includes(Buffer.from(GUILD))).toBe(true); // we are reading the right bytes
    expect(bytes.includes(Buffer.from(TOKEN.slice(10, 40)))).toBe(false);
  });

  it('deleting a server removes everything it owns', async () => {
    const { guilds, trackedAnime, subscriptions, commandLocks } = store.repositories;
    await trackedAnime.add({ guildId: GUILD, mediaId: 21, nickname: 'op', addedBy: '5', now: NOW, maxPerGuild: null });
    await subscriptions.subscribe({ guildId: GUILD, mediaId: 21, userId: '6', now: NOW, maxPerAnime: null });
    await commandLocks.lock(GUILD, 'add', '7', NOW);
    await store.repositories.deliveries.plan([{ guildId: GUILD, mediaId: 21, episode: 1, kind: 'aired', dueAt: NOW }], NOW);
    await guilds.delete(GUILD);
    expect(await dumpAllTables(store.database, { except: ['kysely_migration', 'kysely_migration_lock'] })).not.toContain(GUILD);
  });
});

const DAY = 24 * 3_600_000;
const [OWNER, NEW_OWNER] = ['700000000000000001', '700000000000000009'];
const [CHECKED_LONG_AGO, CHECKED_TODAY, NEVER_CHECKED, NO_CHANNEL] = ['100000000000000011', '100000000000000012', '100000000000000013', '100000000000000014'];

describe.each(DIALECTS)('server owners on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const withChannel = async (guildId: string) =>
    store.repositories.guilds.setNotifyChannel(guildId, { channelId: `3${guildId.slice(-3)}`, webhook: { id: `4${guildId.slice(-3)}`, token: TOKEN } }, NOW);

  it('stores who owns a server it knows, follows a transfer, and ignores servers it has no row for', async () => {
    const { guilds } = store.repositories;
    await guilds.ensure(GUILD, NOW);
    await guilds.setOwner(GUILD, OWNER, NOW);
    await guilds.setOwner('100000000000000999', OWNER, NOW);
    expect(await guilds.get('100000000000000999')).toBeUndefined();
    expect(await guilds.guildsOwnedBy(OWNER)).toEqual([{ guildId: GUILD, ownerId: OWNER, checkedAt: NOW }]);

    await guilds.setOwner(GUILD, NEW_OWNER, NOW + 5);
    expect(await guilds.guildsOwnedBy(OWNER)).toEqual([]);
    expect(await guilds.guildsOwnedBy(NEW_OWNER)).toEqual([{ guildId: GUILD, ownerId: NEW_OWNER, checkedAt: NOW + 5 }]);
  });

  it('lists the servers with a channel whose owner is unknown or was checked before a given time', async () => {
    const { guilds } = store.repositories;
    for (const guildId of [CHECKED_LONG_AGO, CHECKED_TODAY, NEVER_CHECKED]) await withChannel(guildId);
    await guilds.ensure(NO_CHANNEL, NOW);
    await guilds.setOwner(CHECKED_LONG_AGO, OWNER, NOW - 2 * DAY);
    await guilds.setOwner(CHECKED_TODAY, OWNER, NOW - 3_600_000);
    expect(await guilds.ownersToRefresh(NOW - DAY)).toEqual([
      { guildId: CHECKED_LONG_AGO, ownerId: OWNER, checkedAt: NOW - 2 * DAY },
      { guildId: NEVER_CHECKED, ownerId: null, checkedAt: null },
    ]);
    await guilds.setOwner(CHECKED_LONG_AGO, OWNER, NOW);
    await guilds.setOwner(NEVER_CHECKED, NEW_OWNER, NOW);
    expect(await guilds.ownersToRefresh(NOW - DAY)).toEqual([]);
  });

  it("forgets a member as a server's owner, in one server or everywhere", async () => {
    const { guilds } = store.repositories;
    for (const guildId of [CHECKED_LONG_AGO, CHECKED_TODAY, NEVER_CHECKED]) {
      await withChannel(guildId);
      await guilds.setOwner(guildId, guildId === NEVER_CHECKED ? NEW_OWNER : OWNER, NOW);
    }
    expect(await guilds.forgetOwner(OWNER, CHECKED_TODAY)).toBe(1);
    expect((await guilds.guildsOwnedBy(OWNER)).map((owned) => owned.guildId)).toEqual([CHECKED_LONG_AGO]);
    expect(await guilds.forgetOwner(OWNER)).toBe(1);
    expect(await dumpAllTables(store.database)).not.toContain(OWNER);
    expect((await guilds.guildsOwnedBy(NEW_OWNER)).map((owned) => owned.guildId)).toEqual([NEVER_CHECKED]);
    // Forgotten means unknown: the next owner check asks Discord again instead of trusting the row.
    expect((await guilds.ownersToRefresh(NOW - DAY)).map((row) => row.guildId)).toEqual([CHECKED_LONG_AGO, CHECKED_TODAY]);
  });
});
