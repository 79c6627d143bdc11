import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';
import { dumpAllTables } from '../support/dump.ts';

const GUILD = '100000000000000001';
const NOW = Date.UTC(2026, 10, 26);
// Shaped like a real Discord webhook token (68 url-safe characters).
const TOKEN = 'Wq3vB1nDk8F2mZ0c-Yx_PLAINTEXT_TOKEN_9aH7sJ4kL6pQ2rT8uV0wX3yZ5bC1dE';

async function rawTableBytes(store: TestStore): Promise<Buffer> {
  if (store.file) {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.database.db);
    return readFileSync(store.file);
  }
  await sql`checkpoint`.execute(store.database.db);
  const { rows } = await sql<{ bytes: Buffer }>`select pg_read_binary_file(pg_relation_filepath('guilds')) as bytes`.execute(store.database.db);
  return rows[0]!.bytes;
}

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
      premiumTier: 'free',
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
    const bytes = await rawTableBytes(store);
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
