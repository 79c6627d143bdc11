import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotTrackedError, SubscribersFullError } from '../../src/store/errors.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const NOW = Date.UTC(2026, 10, 26);

describe.each(DIALECTS)('subscriptions and command locks on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    for (const guildId of [GUILD, OTHER_GUILD]) {
      await store.repositories.trackedAnime.add({ guildId, mediaId: 21, nickname: 'op', addedBy: '1', now: NOW, maxPerGuild: null });
    }
  });
  afterEach(async () => {
    await store.dispose();
  });

  const subscribe = (userId: string, guildId = GUILD, mediaId = 21, maxPerAnime: number | null = 80) =>
    store.repositories.subscriptions.subscribe({ guildId, mediaId, userId, now: NOW, maxPerAnime });

  it('subscribes once, lists both ways, and unsubscribes', async () => {
    const { subscriptions } = store.repositories;
    expect(await subscribe('u1')).toBe(true);
    expect(await subscribe('u1')).toBe(false);
    expect(await subscribe('u2')).toBe(true);
    expect(await subscriptions.subscribers(GUILD, 21)).toEqual(['u1', 'u2']);
    expect(await subscriptions.mediaForMember(GUILD, 'u1')).toEqual([21]);
    expect(await subscriptions.isSubscribed(GUILD, 21, 'u2')).toBe(true);
    expect(await subscriptions.unsubscribe(GUILD, 21, 'u2')).toBe(true);
    expect(await subscriptions.unsubscribe(GUILD, 21, 'u2')).toBe(false);
    expect(await subscriptions.countForAnime(GUILD, 21)).toBe(1);
  });

  it('refuses anime not on the list and members past the limit', async () => {
    await expect(subscribe('u1', GUILD, 99)).rejects.toThrow(NotTrackedError);
    await subscribe('u1', GUILD, 21, 2);
    await subscribe('u2', GUILD, 21, 2);
    await expect(subscribe('u3', GUILD, 21, 2)).rejects.toThrow(SubscribersFullError);
    // Already subscribed members stay subscribed when the limit shrinks.
    expect(await subscribe('u1', GUILD, 21, 1)).toBe(false);
    expect(await store.repositories.subscriptions.countForAnime(GUILD, 21)).toBe(2);
  });

  it('removing the anime ends its subscriptions', async () => {
    await subscribe('u1');
    await store.repositories.trackedAnime.remove(GUILD, 21);
    expect(await store.repositories.subscriptions.subscribers(GUILD, 21)).toEqual([]);
  });

  it("deletes one member's subscriptions in one server or everywhere", async () => {
    const { subscriptions } = store.repositories;
    await subscribe('u1');
    await subscribe('u1', OTHER_GUILD);
    await subscribe('u2');
    expect(await subscriptions.deleteForMember('u1', GUILD)).toBe(1);
    expect(await subscriptions.mediaForMember(OTHER_GUILD, 'u1')).toEqual([21]);
    expect(await subscriptions.deleteForMember('u1')).toBe(1);
    expect(await subscriptions.subscribers(GUILD, 21)).toEqual(['u2']);
    expect(await subscriptions.mostSubscribed(10)).toEqual([{ mediaId: 21, count: 1 }]);
  });

  it('locks commands to roles and opens them again', async () => {
    const { commandLocks } = store.repositories;
    expect(await commandLocks.lock(GUILD, 'add', 'r1', NOW)).toBe(true);
    expect(await commandLocks.lock(GUILD, 'add', 'r1', NOW)).toBe(false);
    await commandLocks.lock(GUILD, 'add', 'r2', NOW);
    await commandLocks.lock(GUILD, 'remove', 'r1', NOW);
    expect(await commandLocks.rolesFor(GUILD, 'add')).toEqual(['r1', 'r2']);
    expect(await commandLocks.rolesFor(OTHER_GUILD, 'add')).toEqual([]);
    expect(await commandLocks.unlock(GUILD, 'add', 'r1')).toBe(1);
    expect(await commandLocks.listForGuild(GUILD)).toEqual([
      { command: 'add', roleId: 'r2' },
      { command: 'remove', roleId: 'r1' },
    ]);
    expect(await commandLocks.unlock(GUILD, 'remove')).toBe(1);
    expect(await commandLocks.listForGuild(GUILD)).toEqual([{ command: 'add', roleId: 'r2' }]);
  });
});
