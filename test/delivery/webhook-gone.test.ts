// Discord asks never to call a webhook again once it answered "Unknown Webhook": deliveries
// already claimed for the same server must not each try it once more.
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookSender, type WebhookSender } from '../../src/delivery/discord/webhook-sender.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';

describe('a webhook Discord says is gone', () => {
  let discord: FakeDiscord;
  let sender: WebhookSender;
  afterEach(async () => {
    sender.close();
    await discord.close();
  });

  it('is called once, and every later message to it gets the same answer without a request', async () => {
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    sender = createWebhookSender({ apiUrl });
    const { channelIds } = discord.addGuild({ ownerId: '930000000000000001', channels: [{ name: 'anime' }] });
    const [kept, deleted] = discord.seedWebhooks(channelIds[0]!, 2);
    discord.deleteWebhook(deleted!.id);

    const answers = await Promise.all([1, 2, 3].map((n) => sender.send({ id: deleted!.id, token: deleted!.token! }, { content: `episode ${n}` })));
    expect(answers).toEqual([1, 2, 3].map(() => ({ status: 404, code: 10015, message: 'Unknown Webhook' })));
    expect(discord.requests().filter((request) => request.path.includes(deleted!.id))).toHaveLength(1);

    // Other webhooks are not affected.
    expect(await sender.send({ id: kept!.id, token: kept!.token! }, { content: 'still here' })).toMatchObject({ status: 200 });
  });
});
