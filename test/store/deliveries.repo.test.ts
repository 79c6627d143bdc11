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

  const planned = (episode: number, dueAt: number, kind: PlannedDelivery['kind'] = 'aired'): PlannedDelivery => ({
    guildId: GUILD,
    mediaId: 21,
    episode,
    kind,
    dueAt,
  });

  it('plans idempotently: planning twice adds nothing', async () => {
    const { deliveries } = store.repositories;
    expect(await deliveries.plan([planned(1, NOW), planned(1, NOW - 60_000, 'reminder'), planned(2, NOW + 1000)], NOW)).toBe(3);
    expect(await deliveries.plan([planned(1, NOW + 999), planned(2, NOW + 1000)], NOW)).toBe(0);
    expect(await deliveries.nextDueAt()).toBe(NOW - 60_000);
  });

  it('planning revives a cancelled row that never went out, with its new due time, and never a sent one', async () => {
    const { deliveries } = store.repositories;
    await deliveries.plan([planned(1, NOW), planned(2, NOW)], NOW);
    const [first, second] = await deliveries.claimDue({ now: NOW, limit: 10, leaseMs: LEASE, owner: 'w' });
    await deliveries.markSent(first!.id, 'w', { messageId: '1', now: NOW });
    await deliveries.finish(second!.id, 'w', { status: 'cancelled', error: 'webhook gone: HTTP 404 (10015)', now: NOW });
    expect(await deliveries.plan([planned(1, NOW + 5000), planned(2, NOW + 5000)], NOW + 1)).toBe(1);
    const revived = await deliveries.get(second!.id);
    expect(revived).toMatchObject({ status: 'pending', dueAt: NOW + 5000, attempts: 0, lastError: null });
    expect(await deliveries.get(first!.id)).toMatchObject({ status: 'sent', dueAt: NOW });
    // Revived once is enough: planning again changes nothing.
    expect(await deliveries.plan([planned(2, NOW + 5000)], NOW + 2)).toBe(0);
  });

  it('plans a thousand rows and more as they are, full chunks included, and revives a cancelled one among them', async () => {
    const { deliveries } = store.repositories;
    const many = Array.from({ length: 1_234 }, (_, index) => planned(index + 1, NOW + index));
    expect(await deliveries.plan(many, NOW)).toBe(1_234);
    const pending = await deliveries.listPending();
    expect(pending).toHaveLength(1_234);
    expect(pending.find((delivery) => delivery.episode === 777)).toMatchObject({
      guildId: GUILD,
      mediaId: 21,
      kind: 'aired',
      dueAt: NOW + 776,
      status: 'pending',
    });
    const [first] = await deliveries.claimDue({ now: NOW, limit: 1, leaseMs: LEASE, owner: 'w' });
    await deliveries.finish(first!.id, 'w', { status: 'cancelled', error: 'no longer wanted', now: NOW });
    // Planned again in one batch with 1,233 unchanged rows: only the cancelled one comes back, with its new time.
    expect(await deliveries.plan([{ ...many[0]!, dueAt: NOW + 9_999 }, ...many.slice(1)], NOW + 1)).toBe(1);
    expect((await deliveries.listPending()).find((delivery) => delivery.id === first!.id)).toMatchObject({ dueAt: NOW + 9_999, attempts: 0 });
  });

  it('renews the leases a worker holds, names who holds leases with their last beat, and releases those it is told to', async () => {
    const { deliveries, workerHeartbeats } = store.repositories;
    await deliveries.plan([planned(1, NOW), planned(2, NOW), planned(3, NOW)], NOW);
    await deliveries.claimDue({ now: NOW, limit: 1, leaseMs: LEASE, owner: 'host:1:a:1' });
    await deliveries.claimDue({ now: NOW, limit: 1, leaseMs: LEASE, owner: 'host:2:b:1' });
    await deliveries.claimDue({ now: NOW, limit: 1, leaseMs: LEASE, owner: 'host:3:c:1' });
    expect(await deliveries.renewLeases('host:1:a:1', NOW + 2 * LEASE, NOW + 10)).toBe(1);
    const owners = async () => (await Promise.all([1, 2, 3].map((id) => deliveries.get(id)))).map((row) => [row!.status, row!.leaseOwner, row!.leaseUntil]);
    expect((await owners())[0]).toEqual(['sending', 'host:1:a:1', NOW + 2 * LEASE]);

    await workerHeartbeats.beat('host:2:b:1', NOW);
    await workerHeartbeats.beat('host:3:c:1', NOW - 60_000);
    const holders = (await deliveries.leaseHolders()).sort((x, y) => x.owner.localeCompare(y.owner));
    expect(holders).toEqual([
      { owner: 'host:1:a:1', seenAt: null },
      { owner: 'host:2:b:1', seenAt: NOW },
      { owner: 'host:3:c:1', seenAt: NOW - 60_000 },
    ]);
    expect(await deliveries.releaseLeasesOf(['host:3:c:1'], NOW)).toBe(1);
    expect(await owners()).toEqual([
      ['sending', 'host:1:a:1', NOW + 2 * LEASE],
      ['sending', 'host:2:b:1', NOW + LEASE],
      ['pending', null, null],
    ]);
    expect(await workerHeartbeats.forgetSilent(NOW - 15_000)).toBe(1);
  });

  it('counts recent failures and stuck rows for an operator', async () => {
    const { deliveries } = store.repositories;
    await deliveries.plan([planned(1, NOW - 30 * 60_000), planned(2, NOW), planned(3, NOW), planned(4, NOW - 60 * 60_000)], NOW - 60 * 60_000);
    const claimed = await deliveries.claimDue({ now: NOW, limit: 2, leaseMs: LEASE, owner: 'w' });
    expect(claimed.map((row) => row.episode)).toEqual([4, 1]);
    await deliveries.finish(claimed[0]!.id, 'w', { status: 'failed', error: 'HTTP 400', now: NOW });
    // Episode 1 is held past its lease; episodes 2 and 3 are due now, not stuck.
    expect(await deliveries.troubles({ now: NOW + LEASE + 1, failedSince: NOW - 1000, stuckBefore: NOW - 10 * 60_000 })).toEqual({ failed: 1, stuck: 1 });
    expect(await deliveries.troubles({ now: NOW, failedSince: NOW + 1, stuckBefore: NOW - 10 * 60_000 })).toEqual({ failed: 0, stuck: 0 });
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

  it("lists a server's deliveries newest first, a page at a time, with why they were cancelled", async () => {
    const { deliveries } = store.repositories;
    const OTHER = '100000000000000002';
    await store.repositories.guilds.ensure(OTHER, NOW);
    await deliveries.plan([planned(1, NOW), planned(2, NOW + LEASE), planned(3, NOW + 2 * LEASE), { ...planned(1, NOW), guildId: OTHER }], NOW);
    expect(await deliveries.cancelPendingForGuild(GUILD, NOW, 21, 'the anime was paused')).toBe(3);
    const all = await deliveries.listForGuild(GUILD, { limit: 10 });
    expect(all.map((delivery) => [delivery.episode, delivery.status, delivery.lastError])).toEqual([
      [3, 'cancelled', 'the anime was paused'],
      [2, 'cancelled', 'the anime was paused'],
      [1, 'cancelled', 'the anime was paused'],
    ]);
    const firstPage = await deliveries.listForGuild(GUILD, { limit: 2 });
    expect(firstPage.map((delivery) => delivery.episode)).toEqual([3, 2]);
    expect((await deliveries.listForGuild(GUILD, { limit: 2, before: firstPage.at(-1)!.id })).map((delivery) => delivery.episode)).toEqual([1]);
    expect((await deliveries.listForGuild(OTHER, { limit: 10 })).map((delivery) => delivery.status)).toEqual(['pending']);
    // Planned again, a revived row forgets why it had been cancelled.
    await deliveries.plan([planned(2, NOW + LEASE)], NOW + 1);
    expect((await deliveries.listForGuild(GUILD, { limit: 10 }))[1]).toMatchObject({ episode: 2, status: 'pending', lastError: null });
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
