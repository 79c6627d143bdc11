// Everything Discord-facing, built from the settings: REST, the dispatcher with every command,
// and the transport the settings ask for (HTTP interactions, the gateway, or both routes idle
// when no Discord application is configured yet).
import { COMMANDS, COMPONENTS } from '../commands/index.ts';
import type { CommandServices } from '../commands/command.ts';
import type { Config } from '../config.ts';
import { tierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import { createMalClient } from '../mal/client.ts';
import type { Repositories } from '../store/repositories.ts';
import type { AniListClient } from '../anilist/client.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { createGatewayTransport, type GatewayTransport } from './gateway.ts';
import type { InteractionsRouteOptions } from './interactions.route.ts';
import { createDiscordRest, type DiscordRest } from './rest.ts';
import { createReplayGuard } from './replay-guard.ts';
import { createSignatureVerifier, SIGNATURE_MAX_SKEW_MS } from './verify-signature.ts';

export interface DiscordBot {
  rest: DiscordRest;
  dispatch: Dispatcher;
  /** Set when POST /interactions should be served. */
  interactionsRoute: InteractionsRouteOptions | undefined;
  gateway: GatewayTransport | undefined;
}

export interface DiscordBotDependencies {
  repositories: Repositories;
  anilist: AniListClient;
  syncAnimeSoon(mediaId: number): Promise<void>;
  planSoon(): void;
  logger: Logger;
  now(): number;
}

export function createDiscordBot(config: Config, deps: DiscordBotDependencies): DiscordBot {
  const logger = deps.logger.child({ component: 'discord' });
  const rest = createDiscordRest({ apiUrl: config.DISCORD_API_URL, botToken: config.DISCORD_BOT_TOKEN });
  const services: CommandServices = {
    repositories: deps.repositories,
    anilist: deps.anilist,
    mal: config.MAL_CLIENT_ID ? createMalClient({ apiUrl: config.MAL_API_URL, clientId: config.MAL_CLIENT_ID, logger: logger.child({ component: 'mal' }) }) : undefined,
    syncAnimeSoon: deps.syncAnimeSoon,
    planSoon: deps.planSoon,
    discord: rest.api,
    applicationId: config.DISCORD_APPLICATION_ID ?? '0',
    tiers: tierTable(config),
    logger,
    now: deps.now,
  };
  const dispatch = createDispatcher({
    commands: COMMANDS,
    components: COMPONENTS,
    services,
    maintenance: config.MAINTENANCE_MESSAGE ? { message: config.MAINTENANCE_MESSAGE, statusPageUrl: config.STATUS_PAGE_URL } : undefined,
  });

  const clock = { now: deps.now };
  const interactionsRoute = config.DISCORD_PUBLIC_KEY
    ? {
        verify: createSignatureVerifier(config.DISCORD_PUBLIC_KEY, clock),
        replays: createReplayGuard({ ...clock, windowMs: SIGNATURE_MAX_SKEW_MS }),
        dispatch,
        logger,
      }
    : undefined;
  const gateway =
    config.INTERACTIONS_MODE === 'gateway' && config.DISCORD_BOT_TOKEN
      ? createGatewayTransport({
          token: config.DISCORD_BOT_TOKEN,
          rest: rest.rest,
          dispatch,
          logger,
          onGuildRemoved: (guildId) => deps.repositories.guilds.setLeftAt(guildId, deps.now()),
          onGuildAvailable: (guildId) => deps.repositories.guilds.setLeftAt(guildId, null),
          onGuildOwner: (guildId, ownerId) => deps.repositories.guilds.setOwner(guildId, ownerId, deps.now()),
        })
      : undefined;
  if (!config.DISCORD_BOT_TOKEN) logger.warn('DISCORD_BOT_TOKEN is not set: AniTrack is not connected to Discord');
  return { rest, dispatch, interactionsRoute, gateway };
}
