// Planning after commands: within half a second of a change, for the servers that changed, even
// while commands keep coming.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookSender } from '../../src/delivery/discord/webhook-sender.ts';
import { createNotifications, type Notifications } from '../../src/delivery/notifications.ts';
import { createLogger } from '../../src/logger.ts';
import { testMedia } from '../support/media.ts';
import { createTestStore, type TestStore } from '../support/stores.ts';
import { DEFAULT_TIERS } from '../support/tiers.ts';

const HOUR = 3_600_000;
const [CHANGED, UNTOUCHED] = ['100000000000000001', '100000000000000002'];

describe('planning soon after a change', () => {
  let store: TestStore;
  let notifications: Notifications;
  const sender = createWebhookSender({ apiUrl: 'http://127.0.0.1:9' });

  beforeEach(async () => {
    store = await createTestStore('sqlite');
    const { guilds, trackedAnime, media, airings } = store.repositories;
    const now = Date.now();
    await media.upsertMany([testMedia(1, { fetchedAt: now })]);
    await airings.upsertMany([{ mediaId: 1, episode: 3, anilistId: 13, airingAt: now + 2 * HOUR }], now);
    for (const [index, guildId] of [CHANGED, UNTOUCHED].entries()) {
      await trackedAnime.add({ guildId, mediaId: 1, nickname: 'one', addedBy: '9', now, maxPerGuild: null });
      await guilds.setNotifyChannel(guildId, { channelId: `5${index}`, webhook: { id: `6${index}`, token: `t${index}` } }, now);
    }
    notifications = createNotifications({
      repositories: store.repositories,
      sender,
      tiers: DEFAULT_TIERS,
      logger: createLogger({ level: 'silent' }),
      now: Date.now,
      catchUpMs: 6 * HOUR,
      aheadMs: 24 * HOUR,
      leaseMs: 60_000,
    });
  });
  afterEach(async () => {
    await notifications.stop();
    sender.close();
    await store.dispose();
  });

  const plannedFor = async () => [...new Set((await store.repositories.deliveries.listPending()).map((delivery) => delivery.guildId))].sort();

  it('plans the changed server within half a second while changes keep coming every 100 ms, and the rest only when asked', async () => {
    const started = Date.now();
    let plannedAfterMs: number | undefined;
    // Two seconds of a change every 100 ms: a debounce restarted by each would not plan before the end.
    while (Date.now() - started < 2_000) {
      notifications.planSoon(CHANGED);
      await sleep(100);
      if (plannedAfterMs === undefined && (await plannedFor()).length > 0) plannedAfterMs = Date.now() - started;
    }
    expect(plannedAfterMs).toBeLessThan(1_000);
    expect(await plannedFor()).toEqual([CHANGED]);

    notifications.planSoon();
    await sleep(700);
    expect(await plannedFor()).toEqual([CHANGED, UNTOUCHED]);
  });

  it('a plan asked for while one runs follows it, covering every server asked for meanwhile', async () => {
    const first = notifications.plan([CHANGED]);
    const second = notifications.plan([UNTOUCHED]);
    await first;
    await second;
    expect(await plannedFor()).toEqual([CHANGED, UNTOUCHED]);
  });
});
