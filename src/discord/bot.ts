// The Discord-facing side: the dispatcher with every command, and the transports the
// composition root asks for (signed HTTP interactions, the gateway, or neither when no Discord
// application is configured yet).
import { COMMANDS, COMPONENTS } from '../commands/index.ts';
import type { CommandServices } from '../commands/command.ts';
import type { Logger } from '../logger.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { createGatewayTransport, type GatewayShards, type GatewayTransport } from './gateway.ts';
import type { DiscordRest } from './rest.ts';
import { createReplayGuard, type ReplayGuard } from './replay-guard.ts';
import { createSignatureVerifier, SIGNATURE_MAX_SKEW_MS, type SignatureVerifier } from './verify-signature.ts';

export interface DiscordBot {
  rest: DiscordRest;
  dispatch: Dispatcher;
  /** Set when POST /interactions should be served. */
  interactionsRoute: (SignedInteractions & { logger: Logger }) | undefined;
  gateway: GatewayTransport | undefined;
}

/** What the web server needs to accept Discord's signed HTTP interactions. */
export interface SignedInteractions {
  verify: SignatureVerifier;
  replays: ReplayGuard;
  dispatch: Dispatcher;
}

export interface DiscordBotDependencies {
  rest: DiscordRest;
  /** Everything commands use; built by the composition root. */
  services: CommandServices;
  /** Every command answers with this notice instead of running. */
  maintenance: { message: string; statusPageUrl?: string | undefined } | undefined;
  /** The application's public key: when set, POST /interactions is served. */
  publicKeyHex: string | undefined;
  /** When set, interactions (and server events) come over the gateway with this bot token. */
  gatewayToken: string | undefined;
  /** Which gateway shards this process runs (unset: every shard of Discord's recommended count). */
  shards?: GatewayShards;
}

export function createDiscordBot(deps: DiscordBotDependencies): DiscordBot {
  const { rest, services } = deps;
  const { logger, repositories, now } = services;
  const dispatch = createDispatcher({ commands: COMMANDS, components: COMPONENTS, services, maintenance: deps.maintenance });

  const clock = { now };
  const interactionsRoute = deps.publicKeyHex
    ? {
        verify: createSignatureVerifier(deps.publicKeyHex, clock),
        replays: createReplayGuard({ ...clock, windowMs: SIGNATURE_MAX_SKEW_MS }),
        dispatch,
        logger,
      }
    : undefined;
  const gateway = deps.gatewayToken
    ? createGatewayTransport({
        token: deps.gatewayToken,
        rest: rest.rest,
        dispatch,
        logger,
        shards: deps.shards ?? {},
        onGuildRemoved: (guildId) => repositories.guilds.setLeftAt(guildId, now()),
        onGuildAvailable: (guildId) => repositories.guilds.setLeftAt(guildId, null),
        onGuildOwner: (guildId, ownerId) => repositories.guilds.setOwner(guildId, ownerId, now()),
      })
    : undefined;
  return { rest, dispatch, interactionsRoute, gateway };
}
