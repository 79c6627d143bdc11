// Gateway sharding against one local Discord that recommends two shards. Two bots (as two
// processes would be: each its own database here, so it shows who answered) with SHARD_COUNT=2
// and SHARD_IDS 0 and 1 each answer the server their shard owns, and only that one; a bot
// without SHARD_COUNT runs both recommended shards and answers servers on either.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { captureLog } from '../support/log-capture.ts';
import { commandFixtures, FRIEREN } from './fixtures.ts';

/** A server id that shard `shard` of 2 owns: (id >> 22) % 2. */
const onShard = (shard: number, n = 0) => String((100_000_000_000n + BigInt(2 * n + shard)) << 22n);

describe('gateway shards', () => {
  let discord: FakeDiscord;
  let shared: { fake: FakeDiscord; apiUrl: string; authorizeUrl: string };
  const bots: BotHarness[] = [];
  beforeEach(async () => {
    discord = createFakeDiscord({ heartbeatIntervalMs: 1000, recommendedShards: 2 });
    shared = { fake: discord, ...(await discord.start()) };
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
    await discord.close();
  });

  const startShardBot = async (serverShard: number, settings: Record<string, string>, log?: ReturnType<typeof captureLog>) => {
    const bot = await startBot('sqlite', {
      ...commandFixtures(),
      mode: 'gateway',
      sharedDiscord: shared,
      serverId: onShard(serverShard),
      settings,
      ...(log && { log: { destination: log.destination, level: 'info' } }),
    });
    bots.push(bot);
    return bot;
  };
  const tracked = (bot: BotHarness, guildId: string) => bot.store.repositories.trackedAnime.listForGuild(guildId);
  const callbacks = (interactionId: string) => discord.interactionResponses(interactionId).filter((response) => response.kind === 'callback');

  it('with SHARD_COUNT=2, the process with SHARD_IDS=0 answers its shard’s server and the one with SHARD_IDS=1 the other', async () => {
    const first = await startShardBot(0, { SHARD_COUNT: '2', SHARD_IDS: '0' });
    const second = await startShardBot(1, { SHARD_COUNT: '2', SHARD_IDS: '1' });
    expect(discord.gateway.identifiedShards()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const onFirst = await first.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(onFirst.content).toContain("Added **Sousou no Frieren** to this server's list as `Frieren`.");
    const onSecond = await second.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(onSecond.content).toContain("Added **Sousou no Frieren** to this server's list as `Frieren`.");

    // Each server's command ran in the process of its shard, and only there, answered once.
    expect(await tracked(first, first.server.guildId)).toHaveLength(1);
    expect(await tracked(second, first.server.guildId)).toEqual([]);
    expect(await tracked(second, second.server.guildId)).toHaveLength(1);
    expect(await tracked(first, second.server.guildId)).toEqual([]);
    expect(callbacks(onFirst.interactionId)).toHaveLength(1);
    expect(callbacks(onSecond.interactionId)).toHaveLength(1);
  });

  it('without SHARD_COUNT runs every shard Discord recommends, says so, and answers servers on each', async () => {
    const log = captureLog();
    const bot = await startShardBot(1, {}, log);
    expect(
      discord.gateway
        .identifiedShards()
        .map(([id, count]) => `${id}/${count}`)
        .sort(),
    ).toEqual(['0/2', '1/2']);
    expect(log.lines().find((line) => line.msg === 'This process runs gateway shards 0, 1 of 2')).toMatchObject({ shardIds: [0, 1], shardCount: 2 });

    expect((await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))])).content).toContain('Added **Sousou no Frieren**');
    // A second server, on shard 0 this time.
    const other = discord.addGuild({ id: onShard(0, 1), ownerId: MEMBER.id, channels: [{ name: 'anime' }], members: [{ userId: MEMBER.id }] });
    const interaction = discord.commandInteraction({
      guildId: other.guildId,
      channelId: other.channelIds[0]!,
      user: MEMBER,
      name: 'anime',
      options: [option.subcommand('list', [])],
    });
    discord.gateway.dispatchInteraction(interaction);
    await waitFor(async () => (callbacks(interaction.id).length > 0 ? true : undefined));
    expect(callbacks(interaction.id)).toHaveLength(1);
  });
});
