// The check for one account spreading a list over several servers: it names the account when its
// lists are full on three servers, or when it put the same anime, full of subscribers, on three;
// it leaves alone smaller patterns, lists other members built, and servers the bot has left.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tierTable } from '../../src/domain/tiers.ts';
import { findSpreadLists, spreadListLines } from '../../src/premium/spread-lists.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const SPREADER = '800000000000000001';
const OTHER = '800000000000000002';
const NOW = Date.UTC(2026, 11, 1);
const SERVERS = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004'];
const tiers = tierTable({
  DEFAULT_TIER: 'free',
  FREE_MAX_ANIME: 2,
  FREE_MAX_MEMBERS: 2,
  SUPPORTER_MAX_ANIME: 10,
  SUPPORTER_MAX_MEMBERS: 10,
  SUPPORTER_PLUS_MAX_ANIME: 20,
  SUPPORTER_PLUS_MAX_MEMBERS: 20,
});

describe.each(DIALECTS)('lists spread over servers on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const add = (guildId: string, mediaId: number, addedBy: string) =>
    store.repositories.trackedAnime.add({ guildId, mediaId, nickname: `anime ${mediaId}`, addedBy, now: NOW, maxPerGuild: null });

  it('names an account whose lists are full on three servers, and only then', async () => {
    // One full list on each of three servers: anime 1..6, two a server.
    for (const [index, guildId] of SERVERS.slice(0, 3).entries()) {
      await add(guildId, index * 2 + 1, SPREADER);
      await add(guildId, index * 2 + 2, SPREADER);
    }
    // A fourth server with one anime of theirs: not full, not counted.
    await add(SERVERS[3]!, 7, SPREADER);
    const suspects = await findSpreadLists(store.repositories, tiers);
    expect(suspects).toEqual([{ userId: SPREADER, fullLists: SERVERS.slice(0, 3), sharedAnime: [] }]);
    expect(spreadListLines(suspects).join('\n')).toContain(`user ${SPREADER}: added most of 3 full lists`);

    // Premium on one of them: that list is no longer full for its tier, and two full lists are no pattern.
    await store.repositories.guilds.setPremiumTier(SERVERS[0]!, 'supporter', NOW);
    expect(await findSpreadLists(store.repositories, tiers)).toEqual([]);
  });

  it('names an account that put the same anime, full of subscribers, on three servers', async () => {
    for (const guildId of SERVERS.slice(0, 3)) {
      await add(guildId, 42, SPREADER);
      for (const userId of ['900000000000000001', '900000000000000002'])
        await store.repositories.subscriptions.subscribe({ guildId, mediaId: 42, userId, now: NOW, maxPerAnime: null });
    }
    // Someone else's anime with as many subscribers is theirs, not the spreader's.
    await add(SERVERS[3]!, 42, OTHER);
    const suspects = await findSpreadLists(store.repositories, tiers);
    expect(suspects).toEqual([{ userId: SPREADER, fullLists: [], sharedAnime: [{ mediaId: 42, guildIds: SERVERS.slice(0, 3) }] }]);

    // The bot left one of the servers: two are no pattern.
    await store.repositories.guilds.setLeftAt(SERVERS[0]!, NOW);
    expect(await findSpreadLists(store.repositories, tiers)).toEqual([]);
  });
});
