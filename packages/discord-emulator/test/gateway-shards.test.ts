// A sharded gateway: /gateway/bot recommends the configured shard count, and each session gets
// only the servers its shard owns ((guild_id >> 22) % shard_count): in READY, in the
// GUILD_CREATEs after it, when the bot joins a server later, and for interactions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { option } from '../src/index.ts';
import { startDiscord, until, type Started } from './helpers.ts';

const OWNER_ID = '110000000000000001';
const USER = { id: '110000000000000002', username: 'mina' };

/** A server id that shard `shard` of 2 owns. */
const onShard = (shard: number, n = 0) => String((100_000_000_000n + BigInt(2 * n + shard)) << 22n);

interface Dispatch {
  t: string;
  d: Record<string, unknown>;
}

async function identifyAs(gatewayUrl: string, token: string, shard: [number, number]): Promise<{ dispatches: Dispatch[]; socket: WebSocket }> {
  const socket = new WebSocket(`${gatewayUrl}?v=10&encoding=json`);
  const dispatches: Dispatch[] = [];
  socket.on('message', (data) => {
    const payload = JSON.parse(String(data)) as { op: number; t: string | null; d: Record<string, unknown> };
    if (payload.op === 0 && payload.t) dispatches.push({ t: payload.t, d: payload.d });
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ op: 2, d: { token, intents: 1, shard, properties: { os: 'linux', browser: 'test', device: 'test' } } }));
  return { dispatches, socket };
}

describe('a sharded gateway', () => {
  let fake: Started;
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    fake = await startDiscord({ recommendedShards: 2, heartbeatIntervalMs: 400 });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await fake.close();
  });

  const addServer = (id: string) => fake.discord.addGuild({ id, ownerId: OWNER_ID, channels: [{ name: 'anime' }], members: [{ userId: USER.id }] });
  const guildIds = (dispatches: Dispatch[], t: string) => dispatches.filter((dispatch) => dispatch.t === t).map((dispatch) => dispatch.d.id);

  it('recommends the configured shard count in GET /gateway/bot', async () => {
    const answer = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${fake.discord.botToken}` } });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { shards: number }).shards).toBe(2);
  });

  it("sends each server's READY entry, GUILD_CREATE and interactions only to the shard that owns it", async () => {
    const first = addServer(onShard(0));
    const second = addServer(onShard(1));
    const { url } = (await (await fetch(`${fake.apiUrl}/v10/gateway`)).json()) as { url: string };
    const shard0 = await identifyAs(url, fake.discord.botToken, [0, 2]);
    const shard1 = await identifyAs(url, fake.discord.botToken, [1, 2]);
    sockets.push(shard0.socket, shard1.socket);
    await until(() => guildIds(shard0.dispatches, 'GUILD_CREATE').length > 0 && guildIds(shard1.dispatches, 'GUILD_CREATE').length > 0);

    const readyGuilds = (dispatches: Dispatch[]) =>
      (dispatches.find((dispatch) => dispatch.t === 'READY')?.d.guilds as { id: string }[]).map((guild) => guild.id);
    expect(readyGuilds(shard0.dispatches)).toEqual([first.guildId]);
    expect(readyGuilds(shard1.dispatches)).toEqual([second.guildId]);
    expect(guildIds(shard0.dispatches, 'GUILD_CREATE')).toEqual([first.guildId]);
    expect(guildIds(shard1.dispatches, 'GUILD_CREATE')).toEqual([second.guildId]);

    // Joining a server later, and an interaction in it.
    const third = addServer(onShard(1, 1));
    const interaction = fake.discord.commandInteraction({
      guildId: first.guildId,
      channelId: first.channelIds[0]!,
      user: USER,
      name: 'anime',
      options: [option.subcommand('list', [])],
    });
    fake.discord.gateway.dispatchInteraction(interaction);
    await until(() => guildIds(shard1.dispatches, 'GUILD_CREATE').length === 2 && shard0.dispatches.some((dispatch) => dispatch.t === 'INTERACTION_CREATE'));
    expect(guildIds(shard1.dispatches, 'GUILD_CREATE')).toEqual([second.guildId, third.guildId]);
    expect(guildIds(shard0.dispatches, 'GUILD_CREATE')).toEqual([first.guildId]);
    expect(shard0.dispatches.filter((dispatch) => dispatch.t === 'INTERACTION_CREATE').map((dispatch) => dispatch.d.id)).toEqual([interaction.id]);
    expect(shard1.dispatches.some((dispatch) => dispatch.t === 'INTERACTION_CREATE')).toBe(false);
    expect(fake.discord.gateway.identifiedShards()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});
