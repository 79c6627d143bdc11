// A local Discord for tests: REST under /api/v10, the gateway at /gateway and the OAuth2
// authorization screen at /oauth2/authorize on one 127.0.0.1 port, so the product's
// @discordjs/rest (api: <apiUrl>, version 10), @discordjs/ws and its "Login with Discord" talk
// to it exactly as to discord.com. Written from Discord's developer documentation: same routes, status codes, error bodies, rate-limit headers, gateway opcodes and signatures.
// The pieces live in ./discord/; this file wires them and exposes the test controls.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commandRoutes, createCommandStore } from './commands.ts';
import type { FakeDiscordContext } from './context.ts';
import type { FakeDiscord, FakeDiscordOptions } from './fake-discord-api.ts';
import { createFaults } from './faults.ts';
import { createGateway, GATEWAY_PATH } from './gateway.ts';
import { gatewayRoutes } from './gateway.routes.ts';
import { createGuildModel, type FakeUser } from './guild-model.ts';
import { apiGuild, apiUser, guildCreatePayload } from './guild-shapes.ts';
import { guildRoutes } from './guild.routes.ts';
import { createInteractionBuilders } from './interaction-builders.ts';
import { acknowledge, interactionCallbackRoutes } from './interaction-callback.ts';
import { deliverInteraction } from './interaction-delivery.ts';
import { createInteractionRegistry, type RegisteredInteraction } from './interaction-registry.ts';
import { createInteractionSigner } from './interaction-signing.ts';
import { createMessageStore } from './messages.ts';
import { approveAuthorization, oauthAuthorizeRoutes } from './oauth-authorize.routes.ts';
import type { OAuthContext } from './oauth-context.ts';
import { AUTHORIZE_PATH } from './oauth-pages.ts';
import { assertRegistrableRedirectUri } from './oauth-request.ts';
import { createOAuthStore } from './oauth-store.ts';
import { oauthTokenRoutes } from './oauth-token.routes.ts';
import { createRateLimiter } from './rate-limits.ts';
import { createRestHandler, type RecordedRequest } from './rest-server.ts';
import { createSnowflakes } from './snowflake.ts';
import { userRoutes } from './user.routes.ts';
import { webhookMessageRoutes } from './webhook-messages.routes.ts';
import { webhookRoutes } from './webhook.routes.ts';
import { apiWebhook, createWebhookStore } from './webhooks.ts';

export type { RegisteredCommand } from './commands.ts';
export type { FakeDiscord, FakeDiscordCounts, FakeDiscordGateway, FakeDiscordOptions, OAuthAuthorizationRecord } from './fake-discord-api.ts';
export type { AddedGuild, AddGuildInput } from './guild-model.ts';
export { apiGuild } from './guild-shapes.ts';
export {
  option,
  type AutocompleteInteractionInput,
  type CommandInteractionInput,
  type ComponentInteractionInput,
  type InteractionActor,
} from './interaction-builders.ts';
export type { DeliveryOptions, DeliveryResult } from './interaction-delivery.ts';
export type { InteractionResponseKind, InteractionResponseRecord } from './interaction-registry.ts';
export type { SignatureHeaders } from './interaction-signing.ts';
export type { RecordedMessage } from './messages.ts';
export { Permission, type PermissionOverwrite } from './permissions.ts';
export type { RateLimitSettings, WindowLimit } from './rate-limits.ts';
export type { RecordedRequest } from './rest-server.ts';
export type { RequestMatcher } from './router.ts';

export function createFakeDiscord(options: FakeDiscordOptions = {}): FakeDiscord {
  const now = () => Date.now();
  const snowflakes = createSnowflakes(now);
  const applicationId = options.applicationId ?? snowflakes.next();
  const botUser: FakeUser = { id: options.botUserId ?? applicationId, username: options.botUsername ?? 'AniTrack', globalName: null, bot: true };
  const botToken = options.botToken ?? realisticToken(botUser.id);
  const guilds = createGuildModel(snowflakes, botUser);
  const context: FakeDiscordContext = {
    applicationId,
    botUser,
    snowflakes,
    guilds,
    webhooks: createWebhookStore(snowflakes),
    messages: createMessageStore(),
    interactions: createInteractionRegistry(now),
    commands: createCommandStore(applicationId, snowflakes),
    interactionResponseDeadlineMs: options.interactionResponseDeadlineMs ?? 3000,
    now,
  };
  const signer = createInteractionSigner();
  for (const uri of options.oauthRedirectUris ?? []) assertRegistrableRedirectUri(uri);
  const oauth: OAuthContext = {
    app: {
      id: applicationId,
      name: botUser.username,
      clientSecret: options.clientSecret ?? randomBytes(24).toString('base64url'),
      redirectUris: [...(options.oauthRedirectUris ?? [])],
      verifyKey: signer.publicKeyHex,
    },
    store: createOAuthStore(now),
    guilds,
    browser: { userId: null },
  };
  const limiter = createRateLimiter(options.rateLimits);
  const faults = createFaults();
  const requests: RecordedRequest[] = [];
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`;

  const inShard = (guildId: string, [id, count]: readonly [number, number]) => Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
  const botGuilds = () => guilds.all().filter((guild) => guild.botPresent);
  const gateway = createGateway({
    botToken,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? 0,
    url: gatewayUrl,
    readyData: (shard) => ({
      v: 10,
      user: { ...apiUser(botUser), verified: true, mfa_enabled: false, email: null },
      guilds: botGuilds()
        .filter((guild) => inShard(guild.id, shard))
        .map((guild) => ({ id: guild.id, unavailable: true })),
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      session_type: 'normal',
      _trace: ['fake-discord-gateway'],
    }),
    guildCreates: (shard) =>
      botGuilds()
        .filter((guild) => inShard(guild.id, shard))
        .map((guild) => guildCreatePayload(guild, guilds, botUser.id)),
  });

  const routes = [
    ...gatewayRoutes(gateway, gatewayUrl, options.recommendedShards ?? 1),
    ...guildRoutes(context),
    ...userRoutes(context, oauth),
    ...oauthAuthorizeRoutes(oauth),
    ...oauthTokenRoutes(oauth),
    ...commandRoutes(context),
    ...webhookRoutes(context),
    ...webhookMessageRoutes(context),
    ...interactionCallbackRoutes(context),
  ];
  const handle = createRestHandler({
    context,
    routes,
    limiter,
    faults,
    botToken,
    bearerIsLive: (token) => oauth.store.access(token) !== undefined,
    requests,
  });
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));

  const interaction = (interactionId: string): RegisteredInteraction => {
    const found = context.interactions.byId(interactionId);
    if (!found) throw new Error(`fake Discord: unknown interaction ${interactionId}`);
    return found;
  };
  const builders = createInteractionBuilders(context);
  const recordInlineResponse = (interactionId: string, body: unknown) => void acknowledge(context, interaction(interactionId), body, 'inline');

  return {
    ...builders,
    applicationId,
    botToken,
    botUserId: botUser.id,
    publicKeyHex: signer.publicKeyHex,
    clientSecret: oauth.app.clientSecret,
    signInteraction: (body, timestamp) => signer.sign(body, timestamp),

    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      return { apiUrl: `http://127.0.0.1:${port}/api`, gatewayUrl: gatewayUrl(), authorizeUrl: `http://127.0.0.1:${port}${AUTHORIZE_PATH}` };
    },
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },

    addGuild(input) {
      const added = guilds.add(input);
      const guild = guilds.get(added.guildId);
      // Joining a guild while connected is announced the same way as at startup.
      if (guild?.botPresent) gateway.dispatch('GUILD_CREATE', guildCreatePayload(guild, guilds, botUser.id));
      return added;
    },
    setMemberRoles: (guildId, userId, roleIds) => guilds.setMemberRoles(guildId, userId, roleIds),
    transferOwnership(guildId, ownerId) {
      const guild = guilds.get(guildId);
      if (!guild) throw new Error(`no server ${guildId}`);
      guild.ownerId = ownerId;
      if (guild.botPresent) gateway.dispatch('GUILD_UPDATE', apiGuild(guild));
    },
    setRolePermissions: (guildId, roleId, permissions) => guilds.setRolePermissions(guildId, roleId, permissions),
    setPermissionOverwrites: (channelId, overwrites) => guilds.setPermissionOverwrites(channelId, overwrites),
    deleteChannel(channelId) {
      guilds.deleteChannel(channelId);
      for (const webhook of context.webhooks.inChannel(channelId)) context.webhooks.delete(webhook.id);
    },

    commands: ({ guildId } = {}) => context.commands.list(guildId),

    seedWebhooks(channelId, count) {
      const found = guilds.channel(channelId);
      if (!found) throw new Error(`fake Discord: no channel ${channelId}`);
      const creator = guilds.user(found.guild.ownerId);
      return Array.from({ length: count }, (_, index) =>
        apiWebhook(context.webhooks.create({ guildId: found.guild.id, channelId, name: `Seeded ${index + 1}`, avatar: null, applicationId: null, creator }), {
          withUser: true,
        }),
      );
    },
    deleteWebhook: (webhookId) => void context.webhooks.delete(webhookId),
    webhooks: (channelId) =>
      (channelId ? context.webhooks.inChannel(channelId) : context.webhooks.all()).map((webhook) => apiWebhook(webhook, { withUser: true })),

    messages: (channelId, messageOptions) => context.messages.inChannel(channelId, messageOptions),
    allMessages: (messageOptions) => context.messages.all(messageOptions),

    registerInteraction: (payload) => void context.interactions.register({ type: 2, ...payload }),
    interactionResponses: (interactionId) => structuredClone(interaction(interactionId).responses),
    interactionMessages(interactionId) {
      const found = interaction(interactionId);
      return {
        original: found.original && !found.original.deleted ? found.original.message : null,
        followups: [...found.followups.values()].filter((tracked) => !tracked.deleted).map((tracked) => tracked.message),
      };
    },
    recordInlineResponse,
    deliverInteraction: (endpoint, payload, deliveryOptions) =>
      deliverInteraction(endpoint, payload, (body) => signer.sign(body), recordInlineResponse, deliveryOptions),
    ageInteraction: (interactionId, ms) => void (interaction(interactionId).createdAt -= ms),

    addOAuthRedirectUri(uri) {
      assertRegistrableRedirectUri(uri);
      if (!oauth.app.redirectUris.includes(uri)) oauth.app.redirectUris.push(uri);
    },
    addUser: (user) => guilds.rememberUser({ id: user.id, username: user.username, globalName: user.globalName ?? null, bot: false }),
    signInOAuthUser(userId) {
      if (userId !== null && !guilds.isPerson(userId)) throw new Error(`fake Discord: no user ${userId}; add them to a guild or with addUser()`);
      oauth.browser.userId = userId;
    },
    approveOAuth: (query, userId) => approveAuthorization(oauth, query, userId),
    expireOAuthTokens: (userId) => oauth.store.expireAccessTokens(userId),
    oauthAuthorizations: () =>
      oauth.store.authorizations().map((authorization) => ({
        userId: authorization.userId,
        scopes: authorization.scopes,
        status: authorization.revoked ? 'revoked' : 'active',
        revokedBecause: authorization.revoked,
        refreshes: authorization.refreshes,
        createdAt: authorization.createdAt,
      })),

    setRateLimits: (settings) => limiter.configure(settings),
    forceRateLimit: (matcher, forceOptions) => faults.forceRateLimit(matcher, forceOptions),
    failNext: (matcher, status, body, times) => faults.failNext(matcher, status, body, times),
    counts() {
      const byRoute: Record<string, number> = {};
      const bySourceAddress: Record<string, number> = {};
      for (const request of requests) {
        const key = request.route ?? `${request.method} (no route)`;
        byRoute[key] = (byRoute[key] ?? 0) + 1;
        bySourceAddress[request.from] = (bySourceAddress[request.from] ?? 0) + 1;
      }
      return { requests: requests.length, tooManyRequests: requests.filter((request) => request.status === 429).length, byRoute, bySourceAddress };
    },
    requests: () => requests.map((request) => ({ ...request })),

    gateway: {
      dispatch: (t, d) => gateway.dispatch(t, d),
      dropConnections: (code) => gateway.dropConnections(code),
      requestReconnect: () => gateway.requestReconnect(),
      invalidateSessions: (resumable) => gateway.invalidateSessions(resumable),
      setHeartbeatAcks: (enabled) => gateway.setHeartbeatAcks(enabled),
      sessions: () => gateway.sessions(),
      connected: () => gateway.connected(),
      identifiedIntents: () => gateway.identifiedIntents(),
      identifiedShards: () => gateway.identifiedShards(),
      connectQueries: () => gateway.connectQueries(),
      dispatchInteraction(payload) {
        // Discord creates the interaction as it sends it: that is when its 3 s start.
        const known = context.interactions.byId(payload.id);
        if (known) known.createdAt = now();
        else context.interactions.register(payload);
        gateway.dispatch('INTERACTION_CREATE', payload);
      },
      guildDelete(guildId) {
        const guild = guilds.get(guildId);
        if (guild) guild.botPresent = false;
        gateway.dispatch('GUILD_DELETE', { id: guildId });
      },
    },
  };
}

/** Shaped like a real bot token (base64 user id . timestamp . HMAC); never printed. */
function realisticToken(userId: string): string {
  return `${Buffer.from(userId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}
