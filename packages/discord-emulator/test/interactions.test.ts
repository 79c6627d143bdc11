// Interactions as the product meets them: built and signed like Discord's, answered through
// @discordjs/core's InteractionsAPI (callback URL, follow-ups, edits) or inline in an HTTP
// reply, with Discord's refusals for double, late and unknown answers.
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API } from '@discordjs/core/http-only';
import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { option, Permission } from '../src/index.ts';
import { addAnimeServer, apiError, MEMBER_ID, MOD_ROLE_ID, startDiscord, type Started } from './helpers.ts';

let fake: Started;
let api: API;
let channels: ReturnType<typeof addAnimeServer>;

beforeEach(async () => {
  fake = await startDiscord();
  api = new API(fake.rest);
  channels = addAnimeServer(fake.discord);
});
afterEach(() => fake.close());

const mina = { id: MEMBER_ID, username: 'mina' };
const addCommand = () =>
  fake.discord.commandInteraction({
    guildId: channels.guildId,
    channelId: channels.animeId,
    user: mina,
    name: 'anime',
    options: [option.subcommand('add', [option.string('anime', '154587')])],
  });

describe('signatures', () => {
  it('verify with node:crypto against publicKeyHex, over timestamp + body, and fail for another body', () => {
    expect(fake.discord.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const body = JSON.stringify(addCommand());
    const headers = fake.discord.signInteraction(body, '1760000000');
    expect(headers['x-signature-ed25519']).toMatch(/^[0-9a-f]{128}$/);
    expect(headers['x-signature-timestamp']).toBe('1760000000');
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(fake.discord.publicKeyHex, 'hex').toString('base64url') }, format: 'jwk' });
    const check = (signed: string) => verify(null, Buffer.from(signed), key, Buffer.from(headers['x-signature-ed25519'], 'hex'));
    expect(check(`1760000000${body}`)).toBe(true);
    expect(check(`1760000001${body}`)).toBe(false);
    expect(check(`1760000000${body} `)).toBe(false);
  });
});

describe('built interactions', () => {
  it('carry every field Discord sends, with permissions from the guild model', () => {
    const interaction = addCommand();
    expect(interaction).toMatchObject({
      application_id: fake.discord.applicationId,
      type: 2,
      guild_id: channels.guildId,
      channel_id: channels.animeId,
      channel: { id: channels.animeId, type: 0 },
      member: { user: { id: MEMBER_ID, username: 'mina' }, roles: [MOD_ROLE_ID] },
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: channels.guildId },
      context: 0,
      version: 1,
      data: { type: 1, name: 'anime', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'anime', value: '154587' }] }] },
    });
    expect(interaction.id).toMatch(/^\d{17,20}$/);
    expect(interaction.token.length).toBeGreaterThan(100);
    const memberPermissions = BigInt(interaction.member?.permissions ?? '0');
    expect(memberPermissions & Permission.MANAGE_GUILD).toBe(Permission.MANAGE_GUILD);
    expect(BigInt(interaction.app_permissions) & Permission.MANAGE_WEBHOOKS).toBe(Permission.MANAGE_WEBHOOKS);
  });

  it('mark the focused option of an autocomplete and refuse one without', () => {
    const interaction = fake.discord.autocompleteInteraction({
      guildId: channels.guildId,
      channelId: channels.animeId,
      user: mina,
      name: 'anime',
      options: [option.subcommand('add', [option.string('anime', 'fri')])],
      focused: 'anime',
    });
    expect(interaction.type).toBe(4);
    expect(interaction.data.options).toEqual([{ type: 1, name: 'add', options: [{ type: 3, name: 'anime', value: 'fri', focused: true }] }]);
    expect(() => fake.discord.autocompleteInteraction({ channelId: channels.animeId, user: mina, name: 'anime' })).toThrow(/focused/);
  });
});

describe('answering through the callback URL', () => {
  it('accepts one reply, refuses a second with 40060, and records follow-ups and edits in order', async () => {
    const interaction = addCommand();
    await api.interactions.reply(interaction.id, interaction.token, { content: 'Added Frieren', flags: 64 });
    const again = await apiError(api.interactions.reply(interaction.id, interaction.token, { content: 'twice' }));
    expect([again.status, again.code, again.message]).toEqual([400, 40060, 'Interaction has already been acknowledged.']);

    const followUp = await api.interactions.followUp(fake.discord.applicationId, interaction.token, { content: 'Also subscribed you' });
    expect(followUp).toMatchObject({ content: 'Also subscribed you', webhook_id: fake.discord.applicationId, author: { id: fake.discord.botUserId } });
    await api.interactions.editReply(fake.discord.applicationId, interaction.token, { content: 'Added Frieren (edited)' });

    const responses = fake.discord.interactionResponses(interaction.id);
    expect(responses.map((response) => [response.kind, response.via])).toEqual([
      ['callback', 'callback-url'],
      ['followup', undefined],
      ['edit-original', undefined],
    ]);
    expect(responses[0]?.body).toEqual({ type: 4, data: { content: 'Added Frieren', flags: 64 } });
    const seen = fake.discord.interactionMessages(interaction.id);
    expect(seen.original).toMatchObject({ content: 'Added Frieren (edited)', flags: 64, type: 20 });
    expect(seen.followups.map((message) => message.content)).toEqual(['Also subscribed you']);
  });

  it('returns the callback resource with with_response=true', async () => {
    const interaction = addCommand();
    const result = await api.interactions.reply(interaction.id, interaction.token, { content: 'Added', with_response: true });
    expect(result).toMatchObject({
      interaction: { id: interaction.id, type: 2, response_message_ephemeral: false, response_message_loading: false },
      resource: { type: 4, message: { content: 'Added', channel_id: channels.animeId } },
    });
  });

  it('shows "thinking…" after a deferral until the original is edited', async () => {
    const interaction = addCommand();
    await api.interactions.defer(interaction.id, interaction.token, { flags: 64 });
    expect(fake.discord.interactionMessages(interaction.id).original?.flags).toBe(64 | 128);
    const edited = await api.interactions.editReply(fake.discord.applicationId, interaction.token, { content: 'Done' });
    expect(edited).toMatchObject({ content: 'Done', flags: 64 });
    await api.interactions.deleteReply(fake.discord.applicationId, interaction.token);
    expect(fake.discord.interactionResponses(interaction.id).map((response) => response.kind)).toEqual(['callback', 'edit-original', 'delete-original']);
    expect(fake.discord.interactionMessages(interaction.id).original).toBeNull();
  });

  it('refuses an unknown interaction (10062), a late first answer (10062), and follow-ups before acknowledging or after 15 minutes (10015)', async () => {
    const unknown = await apiError(api.interactions.reply('150000000000000009', 'nope', { content: 'hi' }));
    expect([unknown.status, unknown.code]).toEqual([404, 10062]);

    const late = addCommand();
    fake.discord.ageInteraction(late.id, 3_500);
    expect((await apiError(api.interactions.reply(late.id, late.token, { content: 'hi' }))).code).toBe(10062);

    const early = addCommand();
    const beforeAck = await apiError(api.interactions.followUp(fake.discord.applicationId, early.token, { content: 'hi' }));
    expect([beforeAck.status, beforeAck.code]).toEqual([404, 10015]);
    await api.interactions.defer(early.id, early.token);
    fake.discord.ageInteraction(early.id, 15 * 60 * 1000 + 1);
    expect((await apiError(api.interactions.editReply(fake.discord.applicationId, early.token, { content: 'late' }))).code).toBe(10015);
  });

  it('validates callback data: autocomplete choices ≤ 25, only valid callback types for the interaction', async () => {
    const complete = fake.discord.autocompleteInteraction({
      channelId: channels.animeId,
      user: mina,
      name: 'anime',
      options: [option.string('anime', 'f', true)],
    });
    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `Show ${index}`, value: String(index) }));
    const tooMany = await apiError(api.interactions.createAutocompleteResponse(complete.id, complete.token, { choices }));
    expect([tooMany.status, tooMany.code]).toEqual([400, 50035]);
    await api.interactions.createAutocompleteResponse(complete.id, complete.token, { choices: choices.slice(0, 25) });
    expect(fake.discord.interactionResponses(complete.id)).toHaveLength(1);

    const command = addCommand();
    expect((await apiError(api.interactions.updateMessage(command.id, command.token, { content: 'x' }))).code).toBe(50035);
    expect((await apiError(api.interactions.reply(command.id, command.token, {}))).code).toBe(50006);
  });

  it('updates the message a button was on', async () => {
    const message = { id: '160000000000000001', content: 'Page 1', channel_id: channels.animeId } as APIMessage;
    const click = fake.discord.componentInteraction({ guildId: channels.guildId, channelId: channels.animeId, user: mina, customId: 'list:page:2', message });
    expect(click).toMatchObject({ type: 3, data: { custom_id: 'list:page:2', component_type: 2 }, message: { id: message.id } });
    await api.interactions.updateMessage(click.id, click.token, { content: 'Page 2' });
    expect(fake.discord.interactionMessages(click.id).original).toMatchObject({ id: message.id, content: 'Page 2' });
  });
});

describe('answering inline over HTTP', () => {
  let endpoint: Server;
  let endpointUrl: string;
  let received: { signature: string | undefined; body: string }[];

  beforeEach(async () => {
    received = [];
    endpoint = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ signature: request.headers['x-signature-ed25519'] as string | undefined, body });
        const interaction = JSON.parse(body) as { type: number };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(interaction.type === 1 ? { type: 1 } : { type: 4, data: { content: 'Inline hello' } }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/interactions`;
  });
  afterEach(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));

  it('signs the POST, records the 200 body as the callback, and then refuses a callback-URL answer', async () => {
    const interaction = addCommand();
    const delivery = await fake.discord.deliverInteraction(endpointUrl, interaction);
    expect(delivery).toMatchObject({ status: 200, recordedInline: true });
    expect(received[0]?.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(fake.discord.interactionResponses(interaction.id).map((response) => [response.kind, response.via])).toEqual([['callback', 'inline']]);
    expect(fake.discord.interactionMessages(interaction.id).original?.content).toBe('Inline hello');
    expect((await apiError(api.interactions.reply(interaction.id, interaction.token, { content: 'again' }))).code).toBe(40060);
    expect(() => fake.discord.recordInlineResponse(interaction.id, { type: 4, data: { content: 'x' } })).toThrow(/already been acknowledged/);
  });

  it('delivers a PING whose PONG counts as its answer', async () => {
    const ping = fake.discord.pingInteraction();
    expect(ping).toMatchObject({ type: 1, application_id: fake.discord.applicationId, version: 1 });
    expect(await fake.discord.deliverInteraction(endpointUrl, ping)).toMatchObject({ status: 200, body: { type: 1 }, recordedInline: true });
  });
});
