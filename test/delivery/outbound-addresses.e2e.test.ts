// Workers on one PostgreSQL share the outbound addresses: each address is used by one worker at a
// time (an advisory lock in each worker's own session, as in separate processes), workers given
// the same list share it out, a freed address is taken over within seconds, and a worker that
// holds none claims nothing.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookSender, type WebhookSender } from '../../src/delivery/discord/webhook-sender.ts';
import type { DeliveryWorker } from '../../src/delivery/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { createPostgresLocks, lockKey, type ProcessLocks } from '../../src/store/process-locks.ts';
import { HOUR, startDeliveryHarness, type DeliveryHarness } from '../support/delivery-harness.ts';

const START = Date.UTC(2026, 10, 26, 12);
const ADDRESSES = ['127.0.0.2', '127.0.0.3'];
const EXECUTE = 'POST /webhooks/:webhookId/:token';

describe('outbound addresses shared by workers on PostgreSQL', () => {
  let harness: DeliveryHarness;
  const workers: DeliveryWorker[] = [];
  const senders: WebhookSender[] = [];
  const locks: ProcessLocks[] = [];
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    for (const sender of senders.splice(0)) sender.close();
    for (const held of locks.splice(0)) await held.close();
    await harness.close();
  });

  /** A worker as another process would run it: its own lock session and sender. `down`: it takes nothing, as if its process were gone. */
  const workerWith = (addresses: string[], onSent?: () => void) => {
    const session = createPostgresLocks(harness.store.url, harness.store.database.db);
    const process = { down: false };
    const ownLocks: ProcessLocks = { ...session, tryHold: async (name) => (process.down ? undefined : session.tryHold(name)) };
    const sender = createWebhookSender({ apiUrl: harness.apiUrl, addresses, locks: ownLocks, logger: createLogger({ level: 'silent' }) });
    const worker = harness.worker({ sender, onResult: (result) => result.status === 'sent' && onSent?.() });
    locks.push(session);
    senders.push(sender);
    workers.push(worker);
    return { worker, sender, process };
  };
  const within = async (ms: number, condition: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Date.now() - (deadline - ms);
  };
  const heldByBoth = (first: WebhookSender, second: WebhookSender) => [...first.addressesHeld(), ...second.addressesHeld()].sort();

  it('two workers given the same two addresses hold one each; when one stops, the other takes its address within seconds', async () => {
    harness = await startDeliveryHarness('postgres', { start: START });
    const first = workerWith(ADDRESSES);
    const second = workerWith(ADDRESSES);
    await first.worker.start();
    expect(first.sender.addressesHeld()).toEqual(ADDRESSES);
    await second.worker.start();
    await within(10_000, () => first.sender.addressesHeld().length === 1 && second.sender.addressesHeld().length === 1);
    expect(heldByBoth(first.sender, second.sender)).toEqual(ADDRESSES);

    // Both send, each from its own address, and Discord never says too many.
    const servers = await harness.addServers(120, [21]);
    await harness.addAnime(21, [{ episode: 1, airingAt: START + HOUR }]);
    await harness.planner.plan();
    harness.clock.now = START + HOUR;
    await Promise.all([first.worker.drain(), second.worker.drain()]);
    expect(servers.map((server) => harness.discord.messages(server.channelId).length)).toEqual(servers.map(() => 1));
    const from = new Set(
      harness.discord
        .requests()
        .filter((request) => request.route === EXECUTE)
        .map((request) => request.from),
    );
    expect([...from].sort()).toEqual(ADDRESSES);
    expect(harness.discord.counts().tooManyRequests).toBe(0);

    await first.worker.stop();
    expect(first.sender.addressesHeld()).toEqual([]);
    const tookMs = await within(6000, () => second.sender.addressesHeld().length === 2);
    expect(tookMs).toBeLessThan(6000);
  });

  it('when a worker’s database session dies, the other takes its address over, and they share again once it is back', async () => {
    harness = await startDeliveryHarness('postgres', { start: START });
    const first = workerWith(ADDRESSES);
    const second = workerWith(ADDRESSES);
    await first.worker.start();
    await second.worker.start();
    await within(10_000, () => first.sender.addressesHeld().length === 1 && second.sender.addressesHeld().length === 1);
    const [firstAddress] = first.sender.addressesHeld();

    // What PostgreSQL does when the holding process is killed: its session ends.
    first.process.down = true;
    const admin = new pg.Client({ connectionString: harness.store.url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = $1::bigint`, [
      lockKey(`outbound address ${firstAddress}`),
    ]);
    await admin.end();

    await within(1000, () => first.sender.addressesHeld().length === 0);
    expect(first.sender.pacePerSecond()).toBe(0);
    await within(6000, () => second.sender.addressesHeld().length === 2);
    first.process.down = false;
    await within(10_000, () => first.sender.addressesHeld().length === 1 && second.sender.addressesHeld().length === 1);
    expect(heldByBoth(first.sender, second.sender)).toEqual(ADDRESSES);
  });

  it('a worker that holds no address claims nothing: every notification goes out once, through the one that does', async () => {
    harness = await startDeliveryHarness('postgres', { start: START });
    let sentByFirst = 0;
    let sentBySecond = 0;
    const first = workerWith(['127.0.0.2'], () => (sentByFirst += 1));
    const second = workerWith(['127.0.0.2'], () => (sentBySecond += 1));
    await first.worker.start();
    await second.worker.start();
    expect(first.sender.addressesHeld()).toEqual(['127.0.0.2']);
    expect(second.sender.addressesHeld()).toEqual([]);
    expect(second.sender.pacePerSecond()).toBe(0);

    const servers = await harness.addServers(40, [22]);
    await harness.addAnime(22, [{ episode: 1, airingAt: START + HOUR }]);
    await harness.planner.plan();
    harness.clock.now = START + HOUR;
    // The one without an address looks again every second on its own; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(sentBySecond).toBe(0);
    await Promise.all([second.worker.drain(), first.worker.drain()]);
    expect(sentByFirst).toBe(40);

    expect(sentBySecond).toBe(0);
    expect(servers.map((server) => harness.discord.messages(server.channelId).length)).toEqual(servers.map(() => 1));
    const executions = harness.discord.requests().filter((request) => request.route === EXECUTE);
    expect(executions.map((request) => request.from)).toEqual(servers.map(() => '127.0.0.2'));
    expect(await harness.store.repositories.deliveries.listPending()).toEqual([]);
  });
});
