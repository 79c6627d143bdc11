import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedDelivery } from '../../src/store/repositories.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const GUILD = '100000000000000001';
const NOW = Date.UTC(2026, 10, 26);
const LEASE = 60_000;

describe.each(DIALECTS)('deliveries on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    await store.repositories.guilds.ensure(GUILD, NOW);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const planned = (episode: number, dueAt: number, kind: PlannedDelivery['kind'] = 'aired'): PlannedDelivery => ({ guildId: GUILD, mediaId: 21, episode, kind, dueAt });

  it('plans idempotently: planning twice adds nothing', async () => {
    const { deliveries } = store.repositories;
    expect(await deliveries.plan([planned(1, NOW), planned(1, NOW - 60_000, 'reminder'), planned(2, NOW + 1000)], NOW)).toBe(3);
    expect(await deliveries.plan([planned(1, NOW + 999), planned(2, NOW + 1000)], NOW)).toBe(0);
    expect(await deliveries.nextDueAt()).toBe(NOW - 60_000);
  });

  it('claims only due rows, earliest first, and fences completion by the lease', async () => {
    const { deliveries } = store.repositories;
    await deliveries.plan([planned(2, NOW + 10), planned(1, NOW), planned(3, NOW + 5 * LEASE)], NOW);
    const claimed = await deliveries.claimDue({ now: NOW + 10, limit: 10, leaseMs: LEASE, owner: 'worker-a' });
    expect(claimed.map((delivery) => [delivery.episode, delivery.status, delivery.attempts, delivery.leaseOwner])).toEqual([
      [1, 'sending', 1, 'worker-a'],
      [2, 'sending', 1, 'worker-a'],
    ]);
    expect(await deliveries.claimDue({ now: NOW + 10, limit: 10, leaseMs: LEASE, owner: 'worker-b' })).toEqual([]);

    const [first, second] = claimed;
    expect(await deliveries.markSent(first!.id, 'worker-b', { messageId: 'm', now: NOW + 20 })).toBe(false);
    expect(await deliveries.markSent(first!.id, 'worker-a', { messageId: '900', now: NOW + 20 })).toBe(true);
    expect(await deliveries.get(first!.id)).toMatchObject({ status: 'sent', messageId: '900', sentAt: NOW + 20, leaseOwner: null });

    // A worker that died leaves its lease to run out; another worker then takes the row over,
    // and the dead worker's late completion is refused.
    const takenOver = await deliveries.claimDue({ now: NOW + 10 + LEASE, limit: 10, leaseMs: LEASE, owner: 'worker-b' });
    expect(takenOver.map((delivery) => [delivery.id, delivery.attempts])).toEqual([[second!.id, 2]]);
    expect(await deliveries.markSent(second!.id, 'worker-a', { messageId: 'late', now: NOW + LEASE + 20 })).toBe(false);
    expect(await deliveries.retryLater(second!.id, 'worker-b', { dueAt: NOW + 2 * LEASE, error: 'HTTP 502', now: NOW + LEASE + 20 })).toBe(true);
    expect(await deliveries.get(second!.id)).toMatchObject({ status: 'pending', dueAt: NOW + 2 * LEASE, lastError: 'HTTP 502', leaseOwner: null });
  });

  it('finishes as failed or skipped, and cancels what is still pending for a server', async () => {
    const { deliveries } = store.repositories;
    await deliveries.plan([planned(1, NOW), planned(2, NOW + LEASE), planned(3, NOW + 2 * LEASE)], NOW);
    const [claimed] = await deliveries.claimDue({ now: NOW, limit: 1, leaseMs: LEASE, owner: 'w' });
    expect(await deliveries.finish(claimed!.id, 'w', { status: 'failed', error: 'HTTP 400: Invalid Form Body', now: NOW })).toBe(true);
    expect(await deliveries.mediaWithOpenDeliveries()).toEqual([21]);
    expect(await deliveries.cancelPendingForGuild(GUILD, NOW)).toBe(2);
    expect(await deliveries.mediaWithOpenDeliveries()).toEqual([]);
    expect(await deliveries.nextDueAt()).toBeUndefined();
    expect(await deliveries.claimDue({ now: NOW + 10 * LEASE, limit: 10, leaseMs: LEASE, owner: 'w' })).toEqual([]);
  });

  it('several workers claiming at once never take the same row', async () => {
    const { deliveries } = store.repositories;
    const guilds = Array.from({ length: 300 }, (_, index) => `1${String(index).padStart(17, '0')}`);
    for (const guildId of guilds) await store.repositories.guilds.ensure(guildId, NOW);
    await deliveries.plan(
      guilds.map((guildId) => ({ guildId, mediaId: 21, episode: 1, kind: 'aired' as const, dueAt: NOW })),
      NOW,
    );
    const workers = await Promise.all(Array.from({ length: 4 }, () => store.openAnother()));
    const claimedIds: number[] = [];
    await Promise.all(
      workers.map(async (worker, index) => {
        for (;;) {
          const batch = await worker.repositories.deliveries.claimDue({ now: NOW, limit: 7, leaseMs: LEASE, owner: `w${index}` });
          if (batch.length === 0) return;
          claimedIds.push(...batch.map((delivery) => delivery.id));
        }
      }),
    );
    expect(claimedIds).toHaveLength(300);
    expect(new Set(claimedIds).size).toBe(300);
  });
});
