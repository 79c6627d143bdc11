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
  /** The shard count GET /gateway/bot recommends (Discord's depends on the number of servers). Default 1. */
  recommendedShards?: number;
  /** Privileged intents enabled for the app (bitfield); identifying with others closes 4014. Default none. */
  privilegedIntents?: number;
  /** Initial-response deadline for interactions; Discord's is 3 s. false = none. */
  interactionResponseDeadlineMs?: number | false;
  rateLimits?: RateLimitSettings;
  /** The OAuth2 client secret. Default: a random 32-character one. (The client id is the application id.) */
  clientSecret?: string;
  /** Redirect URIs registered for OAuth2, compared exactly. Default none: every authorization request is refused until one is added. */
  oauthRedirectUris?: string[];
}

/** One OAuth2 authorization (a user's grant of scopes through one code), for assertions. */
export interface OAuthAuthorizationRecord {
  userId: string;
  scopes: string[];
  status: 'active' | 'revoked';
  /** 'revoked': through /oauth2/token/revoke; 'code replayed': its code was presented a second time. */
  revokedBecause: 'revoked' | 'code replayed' | null;
  /** How many times its refresh token was exchanged. */
  refreshes: number;
  createdAt: number;
}

export interface FakeDiscordCounts {
  requests: number;
  tooManyRequests: number;
  /** Requests per route, keyed like "POST /webhooks/:webhookId/:token". */
  byRoute: Record<string, number>;
  /** Requests per address they came from (the socket's remote address), e.g. "127.0.0.2". */
  bySourceAddress: Record<string, number>;
}

export interface FakeDiscordGateway extends Omit<FakeGateway, 'handleUpgrade' | 'close'> {
  /** Registers the interaction (so responses to it are accepted) and sends INTERACTION_CREATE. */
  dispatchInteraction(interaction: { id: string; token: string }): void;
  /** The bot was removed: GUILD_DELETE {id} without `unavailable`, and the guild disappears from its REST view. */
  guildDelete(guildId: string): void;
}

export interface FakeDiscord extends InteractionBuilders {
  /**
   * Listens on 127.0.0.1 on a free port. apiUrl has no version: pass it as @discordjs/rest's `api`.
   * authorizeUrl is where a browser is sent to log in (Discord's https://discord.com/oauth2/authorize).
   */
  start(): Promise<{ apiUrl: string; gatewayUrl: string; authorizeUrl: string }>;
  close(): Promise<void>;
  readonly applicationId: string;
  readonly botToken: string;
  readonly botUserId: string;
  /** The application's public key as the developer portal shows it (64 hex characters). */
  readonly publicKeyHex: string;
  /** The OAuth2 client secret; the client id is `applicationId`. */
  readonly clientSecret: string;
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

  /** Registers another OAuth2 redirect URI (absolute, no fragment). */
  addOAuthRedirectUri(uri: string): void;
  /** A person who is in none of the guilds, e.g. to log in to the dashboard with no server. */
  addUser(user: { id: string; username: string; globalName?: string }): void;
  /** Who is signed in to this Discord's web pages (the consent screen acts for them); null signs out. Must be a known user. */
  signInOAuthUser(userId: string | null): void;
  /**
   * What clicking Authorize on the consent screen does, without a browser: takes the authorization
   * request (a query string, URLSearchParams or the whole /oauth2/authorize URL) and returns the URL
   * the browser would be sent to (?code&state, or ?error for a request Discord refuses at the
   * redirect URI). Throws where Discord would show its own error page (unknown client, unregistered redirect_uri).
   */
  approveOAuth(query: URLSearchParams | string, userId: string): string;
  /** Makes live access tokens (of one user, or everyone's) expire now, so a product has to refresh. */
  expireOAuthTokens(userId?: string): void;
  oauthAuthorizations(): OAuthAuthorizationRecord[];

  setRateLimits(settings: RateLimitSettings): void;
  forceRateLimit(matcher: RequestMatcher, options: { retryAfterMs: number; count?: number; global?: boolean }): void;
  failNext(matcher: RequestMatcher, status: number, body?: unknown, times?: number): void;
  counts(): FakeDiscordCounts;
  requests(): RecordedRequest[];

  readonly gateway: FakeDiscordGateway;
}
