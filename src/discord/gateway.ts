// The gateway transport (INTERACTIONS_MODE=gateway): a websocket to Discord with only the
// GUILDS intent. @discordjs/ws keeps the connection alive and resumes after a drop; answers go
// back through the HTTP callback, as Discord requires. Big bots split the gateway into shards
// (Discord sends each server's events to shard (server id >> 22) % shard count): without
// settings @discordjs/ws runs every shard of the count Discord recommends; with SHARD_COUNT and
// SHARD_IDS each process runs its own part of them.
import { Client, GatewayDispatchEvents, GatewayIntentBits } from '@discordjs/core';
import type { REST } from '@discordjs/rest';
import { WebSocketManager } from '@discordjs/ws';
import { Routes } from 'discord-api-types/v10';
import type { Logger } from '../logger.ts';
import type { Dispatcher } from './dispatcher.ts';
import { parseInteraction } from './interaction-schema.ts';

export interface GatewayShards {
  /** The bot's total shard count (SHARD_COUNT); unset: Discord's recommendation. */
  count?: number | undefined;
  /** The shards this process runs (SHARD_IDS, only with a count); unset: all of them. */
  ids?: number[] | undefined;
}

export interface GatewayTransportOptions {
  token: string;
  shards: GatewayShards;
  rest: REST;
  dispatch: Dispatcher;
  logger: Logger;
  onGuildRemoved(guildId: string): Promise<void>;
  onGuildAvailable(guildId: string): Promise<void>;
  /** Who owns the server, as GUILD_CREATE and GUILD_UPDATE report it. */
  onGuildOwner(guildId: string, ownerId: string): Promise<void>;
}

export interface GatewayTransport {
  connect(): Promise<void>;
  destroy(): Promise<void>;
}

export function createGatewayTransport(options: GatewayTransportOptions): GatewayTransport {
  const { rest, logger } = options;
  const gateway = new WebSocketManager({
    token: options.token,
    intents: GatewayIntentBits.Guilds,
    rest,
    shardCount: options.shards.count ?? null,
    shardIds: options.shards.ids ?? null,
  });
  const client = new Client({ rest, gateway });

  client.on(GatewayDispatchEvents.InteractionCreate, async ({ data }) => {
    const interaction = parseInteraction(data);
    if (!interaction) return logger.warn('Ignored an interaction that does not look like one');
    try {
      const result = await options.dispatch(interaction);
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: result.response, auth: false });
      await result.after?.();
    } catch (error) {
      logger.error({ err: error }, 'Could not answer an interaction');
    }
  });
  // Without `unavailable`, GUILD_DELETE means the bot was removed (not an outage).
  client.on(GatewayDispatchEvents.GuildDelete, async ({ data }) => {
    if (data.unavailable) return;
    await options.onGuildRemoved(data.id).catch((error: unknown) => logger.error({ err: error }, 'Could not record a removed server'));
  });
  // Both events carry the whole guild, owner_id included: storing it spares the owner action a
  // GET /guilds/{id} per server. A transfer of ownership arrives as a GUILD_UPDATE.
  const recordOwner = async (guild: { id: string; owner_id?: string }) => {
    if (typeof guild.owner_id !== 'string') return;
    await options.onGuildOwner(guild.id, guild.owner_id).catch((error: unknown) => logger.error({ err: error }, "Could not record a server's owner"));
  };
  client.on(GatewayDispatchEvents.GuildCreate, async ({ data }) => {
    await options.onGuildAvailable(data.id).catch((error: unknown) => logger.error({ err: error }, 'Could not record a server'));
    await recordOwner(data);
  });
  client.on(GatewayDispatchEvents.GuildUpdate, async ({ data }) => recordOwner(data));
  client.on(GatewayDispatchEvents.Ready, ({ data, shardId }) =>
    logger.info({ user: data.user.username, shard: shardId, guilds: data.guilds.length }, 'Connected to the Discord gateway'),
  );

  return {
    connect: async () => {
      // Said before connecting: shards identify one after another (Discord allows one every 5 s
      // per bucket), so a process with many takes a while.
      const [shardIds, shardCount] = [await gateway.getShardIds(), await gateway.getShardCount()];
      logger.info({ shardIds, shardCount }, `This process runs gateway shard${shardIds.length === 1 ? '' : 's'} ${shardIds.join(', ')} of ${shardCount}`);
      await gateway.connect();
    },
    destroy: async () => {
      await gateway.destroy();
    },
  };
}
