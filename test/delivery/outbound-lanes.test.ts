// Several outbound addresses: the local Discord counts webhook executions per address they come
// from, against 50 a second, so a sender with two addresses carries twice as much without a 429.
// All of 127.0.0.0/8 is this machine's loopback, so 127.0.0.2 and 127.0.0.3 are two addresses.
import { afterEach, describe, expect, it } from 'vitest';
import { classifyDiscordResponse } from '../../src/delivery/discord/classify-discord-response.ts';
import { createWebhookSender, type WebhookSender } from '../../src/delivery/discord/webhook-sender.ts';
import { shareOf } from '../../src/delivery/outbound-addresses.ts';
import type { Webhook } from '../../src/store/repositories.ts';
import { createLogger } from '../../src/logger.ts';
import { createInProcessLocks, type HeldLock, type ProcessLocks } from '../../src/store/process-locks.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';

const EXECUTE = 'POST /webhooks/:webhookId/:token';

/** Locks nobody else holds until the test loses one: then another process has it (as after the session ended). */
function losableLocks(): ProcessLocks & { lose(name: string): void } {
  const losers = new Map<string, () => void>();
  const takenByOthers = new Set<string>();
  return {
    async tryHold(name) {
      if (takenByOthers.has(name)) return undefined;
      let held = true;
      const lost = new Promise<void>((resolve) => losers.set(name, resolve));
      const lock: HeldLock = {
        name,
        isHeld: () => held,
        lost,
        release: async () => {
          held = false;
        },
      };
      void lost.then(() => {
        held = false;
      });
      return lock;
    },
    exclusive: (_name, work) => work(),
    close: async () => undefined,
    lose(name) {
      takenByOthers.add(name);
      losers.get(name)?.();
    },
  };
}

describe('a sender with several outbound addresses', () => {
  let discord: FakeDiscord;
  let sender: WebhookSender | undefined;
  afterEach(async () => {
    await sender?.stop();
    sender?.close();
    sender = undefined;
    await discord.close();
  });

  const webhooks = (count: number): Webhook[] =>
    Array.from({ length: count }, (_, index) => {
      const { channelIds } = discord.addGuild({ ownerId: '930000000000000001', name: `Server ${index}`, channels: [{ name: 'anime' }] });
      const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
      return { id: webhook!.id, token: webhook!.token! };
    });
  const executionsFrom = () => {
    const counts: Record<string, number> = {};
    for (const request of discord.requests().filter((recorded) => recorded.route === EXECUTE)) counts[request.from] = (counts[request.from] ?? 0) + 1;
    return counts;
  };
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('sends 300 messages to 300 webhooks from both addresses, faster than one address allows, without a 429', async () => {
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    sender = createWebhookSender({ apiUrl, addresses: ['127.0.0.2', '127.0.0.3'] });
    expect(sender.pacePerSecond()).toBe(100);
    const targets = webhooks(300);

    const startedAt = Date.now();
    const answers = await Promise.all(targets.map((webhook, index) => sender!.send(webhook, { content: `episode ${index}` })));
    const seconds = (Date.now() - startedAt) / 1000;

    expect(answers.every((answer) => 'status' in answer && answer.status === 200)).toBe(true);
    expect(discord.counts().tooManyRequests).toBe(0);
    expect(sender.rateLimitedCount()).toBe(0);
    const from = executionsFrom();
    expect(Object.keys(from).sort()).toEqual(['127.0.0.2', '127.0.0.3']);
    expect(from['127.0.0.2']! + from['127.0.0.3']!).toBe(300);
    expect(discord.counts().bySourceAddress['127.0.0.2']).toBe(from['127.0.0.2']);
    // About 100 a second: 100 at once, then 100 a second. One address would need 5 seconds.
    expect(seconds).toBeLessThan(4.5);
  });

  it('stops using an address the moment its hold is lost: what waited for it goes from the other', async () => {
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    const locks = losableLocks();
    sender = createWebhookSender({ apiUrl, addresses: ['127.0.0.2', '127.0.0.3'], locks });
    // With locks, nothing is held before the worker starts it.
    expect(sender.pacePerSecond()).toBe(0);
    await sender.start();
    expect(sender.addressesHeld()).toEqual(['127.0.0.2', '127.0.0.3']);
    const targets = webhooks(150);

    const sending = Promise.all(targets.map((webhook, index) => sender!.send(webhook, { content: `episode ${index}` })));
    // A freshly taken address waits one window; then each sends its first 50 at once.
    await until(() => discord.requests().filter((request) => request.route === EXECUTE).length >= 100);
    locks.lose('outbound address 127.0.0.2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.addressesHeld()).toEqual(['127.0.0.3']);
    expect(sender.pacePerSecond()).toBe(50);
    const answers = await sending;

    expect(answers.every((answer) => 'status' in answer && answer.status === 200)).toBe(true);
    expect(executionsFrom()).toEqual({ '127.0.0.2': 50, '127.0.0.3': 100 });
    expect(discord.counts().tooManyRequests).toBe(0);
  });

  it('with no address left, hands back what waited unsent, which the worker retries without counting an attempt', async () => {
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    const locks = losableLocks();
    sender = createWebhookSender({ apiUrl, addresses: ['127.0.0.2'], locks });
    await sender.start();
    const targets = webhooks(70);

    const sending = Promise.all(targets.map((webhook, index) => sender!.send(webhook, { content: `episode ${index}` })));
    await until(() => discord.requests().filter((request) => request.route === EXECUTE).length >= 50);
    locks.lose('outbound address 127.0.0.2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.pacePerSecond()).toBe(0);
    const answers = await sending;

    const unsent = answers.filter((answer) => 'networkError' in answer);
    expect(unsent).toHaveLength(20);
    expect(executionsFrom()).toEqual({ '127.0.0.2': 50 });
    expect(classifyDiscordResponse(unsent[0]!, 8, { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 })).toMatchObject({
      kind: 'retry',
      afterMs: 2000,
      free: true,
    });
  });
});

describe('an address the machine does not have', () => {
  it('is said once in the log and never held, while the others are used', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    // 192.0.2.0/24 is kept for documentation: no machine has it.
    const sender = createWebhookSender({ apiUrl: 'http://127.0.0.1:9', addresses: ['192.0.2.7', '127.0.0.2'], locks: createInProcessLocks(), logger });
    await sender.start();
    expect(sender.addressesHeld()).toEqual(['127.0.0.2']);
    await sender.stop();
    sender.close();
    const said = lines.map((line) => JSON.parse(line) as { msg: string; address?: string });
    expect(said.filter((line) => line.address === '192.0.2.7').map((line) => line.msg)).toEqual([
      'OUTBOUND_ADDRESSES names an address this machine cannot send from; it stays unused until it can',
    ]);
    expect(said.filter((line) => line.address === '127.0.0.2').map((line) => line.msg)).toEqual([
      'Took an outbound address: sending from it',
      'Released an outbound address: this worker stopped',
    ]);
  });
});

describe('sharing addresses among workers', () => {
  it('deals them out one by one in the order of the workers’ seats', () => {
    expect([0].map((rank) => shareOf(2, 1, rank))).toEqual([2]);
    expect([0, 1].map((rank) => shareOf(2, 2, rank))).toEqual([1, 1]);
    expect([0, 1, 2].map((rank) => shareOf(4, 3, rank))).toEqual([2, 1, 1]);
    expect([0, 1].map((rank) => shareOf(1, 2, rank))).toEqual([1, 0]);
    expect(shareOf(3, 2, 2)).toBe(0);
  });
});
