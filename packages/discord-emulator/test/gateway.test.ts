// The gateway with the real @discordjs/ws WebSocketManager (what the product's gateway mode
// runs): connect, READY and GUILD_CREATE, an INTERACTION_CREATE, then a dropped connection the
// manager must RESUME from without missing events. Protocol refusals are checked with a bare
// `ws` client, since the manager would retry or give up quietly.
import { CompressionMethod, WebSocketManager, WebSocketShardEvents, type SessionInfo } from '@discordjs/ws';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { option } from '../src/index.ts';
import { addAnimeServer, GUILD_ID, MEMBER_ID, startDiscord, until, type Started } from './helpers.ts';

let fake: Started;
let gatewayUrl: string;

beforeEach(async () => {
  fake = await startDiscord({ heartbeatIntervalMs: 400 });
  addAnimeServer(fake.discord);
  gatewayUrl = ((await (await fetch(`${fake.apiUrl}/v10/gateway`)).json()) as { url: string }).url;
});
afterEach(() => fake.close());

/** Resolves with the first dispatch of type `t` matching `where`; fails after a few seconds rather than at the test timeout. */
function nextDispatch(manager: WebSocketManager, t: string, where: (d: Record<string, unknown>) => boolean = () => true): Promise<GatewayDispatchPayload> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${t} dispatch arrived`)), 5000);
    const listener = (payload: GatewayDispatchPayload) => {
      if (payload.t !== t || !where(payload.d as unknown as Record<string, unknown>)) return;
      manager.off(WebSocketShardEvents.Dispatch, listener);
      clearTimeout(timer);
      resolve(payload);
    };
    manager.on(WebSocketShardEvents.Dispatch, listener);
  });
}

describe('@discordjs/ws WebSocketManager', () => {
  let manager: WebSocketManager;

  beforeEach(() => {
    // Its default session store is shared by every manager in the process; each test gets its own.
    let session: SessionInfo | null = null;
    manager = new WebSocketManager({
      token: fake.discord.botToken,
      intents: 1,
      rest: fake.rest,
      retrieveSessionInfo: () => session,
      updateSessionInfo: (_shardId, info) => void (session = info),
    });
  });
  afterEach(() => manager.destroy());

  it('gets READY and GUILD_CREATE, receives INTERACTION_CREATE, and resumes after a dropped connection without losing events', async () => {
    const ready = nextDispatch(manager, 'READY');
    const guildCreate = nextDispatch(manager, 'GUILD_CREATE');
    await manager.connect();
    expect((await ready).d).toMatchObject({
      v: 10,
      user: { id: fake.discord.botUserId, bot: true },
      guilds: [{ id: GUILD_ID, unavailable: true }],
      shard: [0, 1],
      application: { id: fake.discord.applicationId },
    });
    expect((await guildCreate).d).toMatchObject({ id: GUILD_ID, name: 'Anime Club', unavailable: false });
    expect(fake.discord.gateway.identifiedIntents()).toEqual([1]);
    expect(fake.discord.gateway.connectQueries()).toEqual([{ v: '10', encoding: 'json' }]);
    expect(fake.discord.gateway.connected()).toBe(1);

    const interaction = fake.discord.commandInteraction({
      guildId: GUILD_ID,
      channelId: '140000000000000001',
      user: { id: MEMBER_ID, username: 'mina' },
      name: 'help',
      options: [option.boolean('public', true)],
    });
    const created = nextDispatch(manager, 'INTERACTION_CREATE');
    fake.discord.gateway.dispatchInteraction(interaction);
    expect((await created).d).toMatchObject({ id: interaction.id, token: interaction.token, type: 2 });

    const resumed = new Promise<void>((resolve) => manager.once(WebSocketShardEvents.Resumed, () => resolve()));
    fake.discord.gateway.dropConnections();
    expect(fake.discord.gateway.dispatch('GUILD_UPDATE', { id: GUILD_ID, name: 'while away' })).toBe(1);
    const missed = nextDispatch(manager, 'GUILD_UPDATE', (d) => d.name === 'while away');
    await resumed;
    await missed;
    expect(fake.discord.gateway.sessions()).toEqual({ identifies: 1, resumes: 1, failedResumes: 0 });

    const afterwards = nextDispatch(manager, 'GUILD_UPDATE', (d) => d.name === 'after resume');
    fake.discord.gateway.dispatch('GUILD_UPDATE', { id: GUILD_ID, name: 'after resume' });
    await afterwards;
    expect(fake.discord.gateway.connected()).toBe(1);
  });

  it('serves a manager that asks for zlib-stream compression with plain JSON frames it can read', async () => {
    const compressed = new WebSocketManager({
      token: fake.discord.botToken,
      intents: 1,
      rest: fake.rest,
      compression: CompressionMethod.ZlibNative,
      retrieveSessionInfo: () => null,
      updateSessionInfo: () => undefined,
    });
    const ready = nextDispatch(compressed, 'READY');
    await compressed.connect();
    expect((await ready).d).toMatchObject({ user: { id: fake.discord.botUserId } });
    expect(fake.discord.gateway.connectQueries()).toEqual([{ v: '10', encoding: 'json', compress: 'zlib-stream' }]);
    await compressed.destroy();
  });

  it('resumes when heartbeats go unacknowledged (a zombie connection), keeping the same session', async () => {
    await manager.connect();
    fake.discord.gateway.setHeartbeatAcks(false);
    await until(() => fake.discord.gateway.sessions().resumes >= 1);
    fake.discord.gateway.setHeartbeatAcks(true);
    expect(fake.discord.gateway.sessions().identifies).toBe(1);
    const after = nextDispatch(manager, 'GUILD_UPDATE');
    fake.discord.gateway.dispatch('GUILD_UPDATE', { id: GUILD_ID, name: 'still here' });
    expect((await after).d).toMatchObject({ name: 'still here' });
  });

  it('announces a guild the bot is removed from with GUILD_DELETE without `unavailable`', async () => {
    await manager.connect();
    const deleted = nextDispatch(manager, 'GUILD_DELETE');
    fake.discord.gateway.guildDelete(GUILD_ID);
    expect((await deleted).d).toEqual({ id: GUILD_ID });
  });
});

describe('protocol refusals (bare ws client)', () => {
  interface Conversation {
    messages: { op: number; d: unknown; t: string | null }[];
    closed: Promise<number>;
    send(payload: unknown): void;
  }

  async function converse(query = '?v=10&encoding=json'): Promise<Conversation> {
    const socket = new WebSocket(`${gatewayUrl}${query}`);
    const messages: Conversation['messages'] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Conversation['messages'][number]));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    await until(() => messages.length > 0);
    return { messages, closed, send: (payload) => socket.send(JSON.stringify(payload)) };
  }

  const identify = (token: string, intents: number) => ({ op: 2, d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } } });

  it('says HELLO, acknowledges heartbeats, and speaks plain JSON even when compression is asked for', async () => {
    const conversation = await converse('?v=10&encoding=json&compress=zlib-stream');
    expect(conversation.messages[0]).toEqual({ op: 10, d: { heartbeat_interval: 400 }, s: null, t: null });
    conversation.send({ op: 1, d: null });
    await until(() => conversation.messages.some((message) => message.op === 11));
  });

  it('closes 4004 for a wrong token, 4013 for unknown intents, 4014 for privileged ones not enabled', async () => {
    const cases: [string, number, number][] = [
      ['wrong-token', 1, 4004],
      [fake.discord.botToken, 1 << 18, 4013],
      [fake.discord.botToken, 1 | 2, 4014],
    ];
    for (const [token, intents, code] of cases) {
      const conversation = await converse();
      conversation.send(identify(token, intents));
      expect(await conversation.closed).toBe(code);
    }
    expect(fake.discord.gateway.identifiedIntents()).toEqual([1, 1 << 18, 3]);
    expect(fake.discord.gateway.sessions().identifies).toBe(0);
  });

  it('answers a RESUME of an unknown session with op 9 (not resumable)', async () => {
    const conversation = await converse();
    conversation.send({ op: 6, d: { token: fake.discord.botToken, session_id: 'nope', seq: 3 } });
    await until(() => conversation.messages.some((message) => message.op === 9));
    expect(conversation.messages.find((message) => message.op === 9)?.d).toBe(false);
    expect(fake.discord.gateway.sessions().failedResumes).toBe(1);
  });
});
