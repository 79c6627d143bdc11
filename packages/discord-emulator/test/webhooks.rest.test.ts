// Channel webhooks through the real @discordjs/rest client: what the product's delivery path
// does (create once, execute many times) and every refusal it must be ready for, each arriving
// as the DiscordAPIError Discord would cause.
import { Routes, type APIMessage, type APIWebhook } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Permission } from '../src/index.ts';
import { addAnimeServer, apiError, MEMBER_ID, startDiscord, type Started } from './helpers.ts';

let fake: Started;
let channels: ReturnType<typeof addAnimeServer>;

beforeEach(async () => {
  fake = await startDiscord();
  channels = addAnimeServer(fake.discord);
});
afterEach(() => fake.close());

type IncomingWebhook = APIWebhook & { token: string };
const createWebhook = (channelId: string, name = 'AniTrack') =>
  fake.rest.post(Routes.channelWebhooks(channelId), { body: { name } }) as Promise<IncomingWebhook>;
const execute = (webhook: IncomingWebhook, body: object, wait = true) =>
  fake.rest.post(Routes.webhook(webhook.id, webhook.token), { body, auth: false, query: new URLSearchParams({ wait: String(wait) }) });

describe('creating a webhook', () => {
  it('returns an incoming webhook with a 68-character token, owned by the application', async () => {
    const webhook = await createWebhook(channels.animeId);
    expect(webhook).toMatchObject({
      type: 1,
      guild_id: channels.guildId,
      channel_id: channels.animeId,
      name: 'AniTrack',
      avatar: null,
      application_id: fake.discord.applicationId,
      user: { id: fake.discord.botUserId, bot: true },
    });
    expect(webhook.token).toMatch(/^[\w-]{68}$/);
    expect(BigInt(webhook.id) >> 22n).toBeGreaterThan(0n);
    expect(fake.discord.webhooks(channels.animeId).map((listed) => listed.id)).toEqual([webhook.id]);
  });

  it('is refused with 50013 when a role overwrite denies MANAGE_WEBHOOKS in the channel', async () => {
    const error = await apiError(createWebhook(channels.lockedId));
    expect([error.status, error.code, error.message]).toEqual([403, 50013, 'Missing Permissions']);
  });

  it('applies a member overwrite after the role ones, and ADMINISTRATOR over everything', async () => {
    const botId = fake.discord.botUserId;
    fake.discord.setPermissionOverwrites(channels.lockedId, [
      { id: channels.guildId, type: 0, allow: '0', deny: Permission.VIEW_CHANNEL.toString() },
      { id: botId, type: 1, allow: (Permission.VIEW_CHANNEL | Permission.MANAGE_WEBHOOKS).toString(), deny: '0' },
    ]);
    await expect(createWebhook(channels.lockedId)).resolves.toMatchObject({ channel_id: channels.lockedId });

    fake.discord.setPermissionOverwrites(channels.lockedId, [{ id: botId, type: 1, allow: '0', deny: Permission.MANAGE_WEBHOOKS.toString() }]);
    expect((await apiError(createWebhook(channels.lockedId))).code).toBe(50013);
    fake.discord.setRolePermissions(channels.guildId, channels.guildId, Permission.ADMINISTRATOR.toString());
    await expect(createWebhook(channels.lockedId)).resolves.toMatchObject({ channel_id: channels.lockedId });
  });

  it('is refused with 50035 for a name containing "discord" and with 30007 once the channel has 15', async () => {
    const badName = await apiError(createWebhook(channels.animeId, 'Discord Alerts'));
    expect([badName.status, badName.code]).toEqual([400, 50035]);
    expect(badName.rawError).toMatchObject({ errors: { name: { _errors: [{ code: 'USERNAME_INVALID_CONTAINS' }] } } });

    fake.discord.seedWebhooks(channels.animeId, 15);
    const full = await apiError(createWebhook(channels.animeId));
    expect([full.status, full.code, full.message]).toEqual([400, 30007, 'Maximum number of webhooks reached (15)']);
  });

  it('answers 10003 for a channel that does not exist', async () => {
    const error = await apiError(createWebhook('140000000000000009'));
    expect([error.status, error.code]).toEqual([404, 10003]);
  });
});

describe('executing a webhook', () => {
  it('answers 204 without wait and 200 with the message with wait=true; both reach the channel', async () => {
    const webhook = await createWebhook(channels.animeId);
    const url = `${fake.apiUrl}/v10/webhooks/${webhook.id}/${webhook.token}`;
    const post = (query: string) =>
      fetch(`${url}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: `sent${query}` }) });
    expect((await post('')).status).toBe(204);
    const waited = await post('?wait=true');
    expect(waited.status).toBe(200);
    expect(await waited.json()).toMatchObject({ content: 'sent?wait=true', webhook_id: webhook.id, channel_id: channels.animeId });
    expect(fake.discord.messages(channels.animeId).map((message) => message.body.content)).toEqual(['sent', 'sent?wait=true']);
  });

  it('returns the message as Discord shows it and records the body as sent', async () => {
    const webhook = await createWebhook(channels.animeId);
    const body = {
      content: `Episode 5 is out <@${MEMBER_ID}> <@&130000000000000002>`,
      embeds: [{ title: 'Frieren', description: 'Episode 5', fields: [{ name: 'Next', value: 'in 7 days' }] }],
      components: [],
      username: 'AniTrack Alerts',
    };
    const message = (await execute(webhook, body)) as APIMessage;
    expect(message).toMatchObject({
      channel_id: channels.animeId,
      webhook_id: webhook.id,
      author: { id: webhook.id, username: 'AniTrack Alerts', bot: true },
      embeds: [{ type: 'rich', title: 'Frieren', fields: [{ name: 'Next', value: 'in 7 days', inline: false }] }],
      flags: 0,
    });
    // Default allowed_mentions for webhooks parses users only: the role is not pinged.
    expect(message.mentions.map((user) => user.id)).toEqual([MEMBER_ID]);
    expect(message.mention_roles).toEqual([]);
    const [recorded] = fake.discord.messages(channels.animeId);
    expect(recorded?.body).toEqual(body);
    expect(recorded?.message.id).toBe(message.id);
  });

  it('pings only the users allowed_mentions lists', async () => {
    const webhook = await createWebhook(channels.animeId);
    const content = `<@${MEMBER_ID}> and <@110000000000000003>`;
    const none = (await execute(webhook, { content, allowed_mentions: { parse: [] } })) as APIMessage;
    const one = (await execute(webhook, { content, allowed_mentions: { users: ['110000000000000003'] } })) as APIMessage;
    expect(none.mentions).toEqual([]);
    expect(one.mentions.map((user) => user.id)).toEqual(['110000000000000003']);
    expect(fake.discord.messages(channels.animeId).map((message) => message.body.allowed_mentions)).toEqual([{ parse: [] }, { users: ['110000000000000003'] }]);
  });

  it('refuses an empty message with 50006 and oversized parts with 50035 naming the field', async () => {
    const webhook = await createWebhook(channels.animeId);
    const empty = await apiError(execute(webhook, {}));
    expect([empty.status, empty.code, empty.message]).toEqual([400, 50006, 'Cannot send an empty message']);

    const longTitle = await apiError(execute(webhook, { embeds: [{ title: 'x'.repeat(257) }] }));
    expect([longTitle.status, longTitle.code]).toEqual([400, 50035]);
    expect(longTitle.rawError).toMatchObject({ errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } });

    const tooBig = await apiError(execute(webhook, { embeds: [1, 2].map(() => ({ description: 'y'.repeat(3001) })) }));
    expect(tooBig.rawError).toMatchObject({ errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
    expect((await apiError(execute(webhook, { content: 'z'.repeat(2001) }))).code).toBe(50035);
    expect(fake.discord.messages(channels.animeId)).toEqual([]);
  });

  it('answers 10015 once an admin deleted the webhook and 50027 for a wrong token', async () => {
    const webhook = await createWebhook(channels.animeId);
    const wrongToken = await apiError(execute({ ...webhook, token: 'x'.repeat(68) }, { content: 'hi' }));
    expect([wrongToken.status, wrongToken.code, wrongToken.message]).toEqual([401, 50027, 'Invalid Webhook Token']);

    fake.discord.deleteWebhook(webhook.id);
    const deleted = await apiError(execute(webhook, { content: 'hi' }));
    expect([deleted.status, deleted.code, deleted.message]).toEqual([404, 10015, 'Unknown Webhook']);
  });

  it('answers 10015 after the channel was deleted', async () => {
    const webhook = await createWebhook(channels.animeId);
    fake.discord.deleteChannel(channels.animeId);
    expect((await apiError(execute(webhook, { content: 'hi' }))).code).toBe(10015);
  });

  it('edits and deletes a sent message through the webhook token', async () => {
    const webhook = await createWebhook(channels.animeId);
    const sent = (await execute(webhook, { content: 'Episode 5 airs in 10 minutes' })) as APIMessage;
    const edited = (await fake.rest.patch(Routes.webhookMessage(webhook.id, webhook.token, sent.id), {
      body: { content: 'Episode 5 is out' },
      auth: false,
    })) as APIMessage;
    expect(edited).toMatchObject({ id: sent.id, content: 'Episode 5 is out' });
    expect(edited.edited_timestamp).not.toBeNull();
    expect(fake.discord.messages(channels.animeId)[0]?.message.content).toBe('Episode 5 is out');

    await fake.rest.delete(Routes.webhookMessage(webhook.id, webhook.token, sent.id), { auth: false });
    expect(fake.discord.messages(channels.animeId)).toEqual([]);
    expect(fake.discord.messages(channels.animeId, { includeDeleted: true })).toHaveLength(1);
    expect((await apiError(fake.rest.get(Routes.webhookMessage(webhook.id, webhook.token, sent.id), { auth: false }))).code).toBe(10008);
  });
});
