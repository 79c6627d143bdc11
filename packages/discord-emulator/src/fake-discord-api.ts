// The fake Discord's public surface: its options and the controls a test uses. Kept apart
// from the wiring in ../discord.ts so the contract reads on one page.
import type { APIMessage, APIWebhook } from 'discord-api-types/v10';
import type { RegisteredCommand } from './commands.ts';
import type { FakeGateway } from './gateway.ts';
import type { AddedGuild, AddGuildInput } from './guild-model.ts';
import type { InteractionBuilders } from './interaction-builders.ts';
import type { DeliveryOptions, DeliveryResult } from './interaction-delivery.ts';
import type { InteractionResponseRecord } from './interaction-registry.ts';
import type { SignatureHeaders } from './interaction-signing.ts';
import type { RecordedMessage } from './messages.ts';
import type { PermissionOverwrite } from './permissions.ts';
import type { RateLimitSettings } from './rate-limits.ts';
import type { RecordedRequest } from './rest-server.ts';
import type { RequestMatcher } from './router.ts';

export interface FakeDiscordOptions {
  /** Default: a fresh snowflake. */
  applicationId?: string;
  /** Default: a realistic random token. */
  botToken?: string;
  /** Default: the application id (true for bots made since 2019). */
  botUserId?: string;
  botUsername?: string;
  /** HELLO's heartbeat_interval; Discord sends 41250. Tests use small values. */
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled for the app (bitfield); identifying with others closes 4014. Default none. */
  privilegedIntents?: number;
  /** Initial-response deadline for interactions; Discord's is 3 s. false = none. */
  interactionResponseDeadlineMs?: number | false;
  rateLimits?: RateLimitSettings;
}

export interface FakeDiscordCounts {
  requests: number;
  tooManyRequests: number;
  /** Requests per route, keyed like "POST /webhooks/:webhookId/:token". */
  byRoute: Record<string, number>;
}

export interface FakeDiscordGateway extends Omit<FakeGateway, 'handleUpgrade' | 'close'> {
  /** Registers the interaction (so responses to it are accepted) and sends INTERACTION_CREATE. */
  dispatchInteraction(interaction: { id: string; token: string }): void;
  /** The bot was removed: GUILD_DELETE {id} without `unavailable`, and the guild disappears from its REST view. */
  guildDelete(guildId: string): void;
}

export interface FakeDiscord extends InteractionBuilders {
  /** Listens on 127.0.0.1 on a free port. apiUrl has no version: pass it as @discordjs/rest's `api`. */
  start(): Promise<{ apiUrl: string; gatewayUrl: string }>;
  close(): Promise<void>;
  readonly applicationId: string;
  readonly botToken: string;
  readonly botUserId: string;
  /** The application's public key as the developer portal shows it (64 hex characters). */
  readonly publicKeyHex: string;
  signInteraction(body: string, timestamp?: string): SignatureHeaders;

  addGuild(input: AddGuildInput): AddedGuild;
  setMemberRoles(guildId: string, userId: string, roleIds: string[]): void;
  /** Hands the server to another member, and tells connected gateways (GUILD_UPDATE), as Discord does. */
  transferOwnership(guildId: string, ownerId: string): void;
  setRolePermissions(guildId: string, roleId: string, permissions: string): void;
  setPermissionOverwrites(channelId: string, overwrites: PermissionOverwrite[]): void;
  /** The channel is deleted, and its webhooks with it (executing them then answers 10015). */
  deleteChannel(channelId: string): void;

  commands(options?: { guildId?: string }): RegisteredCommand[];

  /** Webhooks someone else made in the channel (e.g. to fill it to 15). */
  seedWebhooks(channelId: string, count: number): APIWebhook[];
  /** As if a server admin deleted it. */
  deleteWebhook(webhookId: string): void;
  webhooks(channelId?: string): APIWebhook[];

  /** Messages webhooks posted in the channel, in order (deleted ones only when asked). */
  messages(channelId: string, options?: { includeDeleted?: boolean }): RecordedMessage[];
  allMessages(options?: { includeDeleted?: boolean }): RecordedMessage[];

  /** Makes an interaction the fake did not build acceptable for callbacks and follow-ups. */
  registerInteraction(interaction: { id: string; token: string; type?: number }): void;
  /** Every response to the interaction, in order: callback (via URL or inline), edits, follow-ups, deletes. */
  interactionResponses(interactionId: string): InteractionResponseRecord[];
  /** What the user sees now: the original response and follow-ups, without deleted ones. */
  interactionMessages(interactionId: string): { original: APIMessage | null; followups: APIMessage[] };
  /** Feeds a response the product returned inline in its HTTP reply; throws (40060, 50035, …) when Discord would reject it. */
  recordInlineResponse(interactionId: string, body: unknown): void;
  /** Posts the interaction, signed, to the product's endpoint as Discord does and records an inline answer. */
  deliverInteraction(endpoint: string, interaction: { id: string }, options?: DeliveryOptions): Promise<DeliveryResult>;
  /** Makes the interaction older, to test the 3 s and 15 min limits without waiting. */
  ageInteraction(interactionId: string, ms: number): void;

  setRateLimits(settings: RateLimitSettings): void;
  forceRateLimit(matcher: RequestMatcher, options: { retryAfterMs: number; count?: number; global?: boolean }): void;
  failNext(matcher: RequestMatcher, status: number, body?: unknown, times?: number): void;
  counts(): FakeDiscordCounts;
  requests(): RecordedRequest[];

  readonly gateway: FakeDiscordGateway;
}
