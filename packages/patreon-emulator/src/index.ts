// A local Patreon for tests and the sandbox: API v2's campaign members and identity endpoints,
// OAuth2 (consent page and token endpoint) and signed webhook deliveries, on one 127.0.0.1 port,
// under the same paths as www.patreon.com, so a client whose base URL points here talks to it
// exactly as to Patreon. Written from Patreon's platform documentation; the pieces live in the
// files beside this one, which wires them and exposes the test controls.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PatreonEmulator, PatreonEmulatorOptions } from './api.ts';
import { createFaults } from './faults.ts';
import { identityRoute } from './identity.route.ts';
import { membersRoute } from './members.route.ts';
import { createModel } from './model.ts';
import { approveAuthorization, oauthAuthorizeRoutes, type AuthorizeContext } from './oauth-authorize.routes.ts';
import { AUTHORIZE_PATH } from './oauth-pages.ts';
import { SCOPES, type OAuthClient } from './oauth-request.ts';
import { createOAuthStore, DEFAULT_TOKEN_LIFETIME_S, opaqueToken } from './oauth-store.ts';
import { oauthTokenRoute } from './oauth-token.route.ts';
import { createRateLimiter } from './rate-limits.ts';
import { createHandler, type RecordedRequest } from './server.ts';
import { resendWebhook, sendWebhook, signWebhook, webhookDocument } from './webhooks.ts';

export type { PatreonEmulator, PatreonEmulatorOptions, WebhookTrigger } from './api.ts';
export type { RouteMatcher, RouteName } from './faults.ts';
export type * from './records.ts';
export { patreonDate } from './records.ts';
export type { RateLimitSettings, WindowLimit } from './rate-limits.ts';
export type { RecordedRequest } from './server.ts';
export { WEBHOOK_TRIGGERS, type SendWebhookInput, type WebhookDelivery } from './webhooks.ts';

function assertRedirectUri(uri: string): void {
  if (!URL.canParse(uri)) throw new Error(`Patreon stand-in: "${uri}" is not an absolute URL`);
}

export async function startPatreonEmulator(options: PatreonEmulatorOptions = {}): Promise<PatreonEmulator> {
  const now = options.now ?? Date.now;
  const model = createModel(now);
  const campaign = model.addCampaign(
    { creatorName: options.creatorName ?? 'AniTrack', vanity: options.campaignVanity ?? 'anitrack', discordServerId: options.discordServerId ?? null },
    options.campaignId,
  );
  for (const uri of options.redirectUris ?? []) assertRedirectUri(uri);
  const client: OAuthClient = {
    clientId: options.clientId ?? opaqueToken(),
    clientSecret: options.clientSecret ?? opaqueToken(),
    name: options.clientName ?? 'AniTrack',
    redirectUris: [...(options.redirectUris ?? [])],
    ownerUserId: campaign.creatorUserId,
  };
  const store = createOAuthStore(now, options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S);
  const creatorToken = options.creatorToken ?? opaqueToken();
  store.registerCreatorToken(creatorToken, { userId: campaign.creatorUserId, clientId: client.clientId, scopes: new Set(Object.keys(SCOPES)) });
  const authorize: AuthorizeContext = { client, store, model, browser: { userId: null } };
  const limiter = createRateLimiter(options.rateLimits ?? {}, now);
  const faults = createFaults();
  const requests: RecordedRequest[] = [];
  let origin = 'http://127.0.0.1';

  const handle = createHandler({
    routes: [membersRoute(model), identityRoute(model, client), oauthTokenRoute(client, store), ...oauthAuthorizeRoutes(authorize)],
    faults,
    limiter,
    oauth: store,
    knownClient: (clientId) => (clientId === client.clientId ? clientId : null),
    requests,
    now,
    origin: () => origin,
  });
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    authorizeUrl: `${origin}${AUTHORIZE_PATH}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    campaignId: campaign.id,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    creatorToken,
    creatorUserId: campaign.creatorUserId,

    addUser: (input) => structuredClone(model.addUser(input)),
    updateUser: (id, patch) => structuredClone(model.updateUser(id, patch)),
    addCampaign: (input = {}) => structuredClone(model.addCampaign(input)),
    addTier: (input) => structuredClone(model.addTier(input, input.campaignId ?? campaign.id)),
    addMember: (input) => structuredClone(model.addMember(input, input.campaignId ?? campaign.id)),
    updateMember: (id, patch) => structuredClone(model.updateMember(id, patch)),
    removeMember: (id) => model.removeMember(id),
    member: (id) => structuredClone(model.member(id)),
    members: (campaignId = campaign.id) => structuredClone(model.membersOf(campaignId)),

    addRedirectUri(uri) {
      assertRedirectUri(uri);
      if (!client.redirectUris.includes(uri)) client.redirectUris.push(uri);
    },
    signInOAuthUser(userId) {
      if (userId !== null) model.user(userId);
      authorize.browser.userId = userId;
    },
    approveOAuth: (query, userId) => approveAuthorization(authorize, query, userId),
    expireOAuthTokens: (userId) => store.expireAccessTokens(userId),
    revokeOAuth: (userId) => store.revokeUser(userId),

    setRateLimits: (settings) => limiter.configure(settings),
    failNext: (route, status, body, times) => faults.failNext(route, status, body, times),
    requests: () => structuredClone(requests),

    webhookDocument: (memberId) => webhookDocument(model, origin, memberId),
    sendWebhook: (input) => sendWebhook(model, origin, input),
    resendWebhook,
    signWebhook,
  };
}
