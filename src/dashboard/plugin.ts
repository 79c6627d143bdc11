// The web dashboard as one Fastify plugin: Login with Discord, sessions and the /api/v1 JSON
// API with its OpenAPI document. app.ts builds it when DISCORD_CLIENT_SECRET is set.
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandServices } from '../commands/command.ts';
import type { Logger } from '../logger.ts';
import type { AnalyticsConsent } from '../web/analytics-consent.ts';
import type { SessionsRepository } from '../store/repositories.ts';
import { ApiError, registerApiRoutes } from './api/api-route.ts';
import { auditRoutes } from './api/audit.routes.ts';
import type { WebhookSender } from '../delivery/discord/webhook-sender.ts';
import { deliveryRoutes } from './api/deliveries.routes.ts';
import { guildRoutes } from './api/guild.routes.ts';
import { meRoute } from './api/me.route.ts';
import { serverConfigRoutes } from './api/server-config.routes.ts';
import { myDataRoutes } from './api/my-data.routes.ts';
import { openApiDocument } from './api/openapi.ts';
import { createDiscordUserApi, DiscordBusyError } from './discord-user-api.ts';
import { createGuildAccess, LoginExpiredError } from './guild-access.ts';
import { loginRevoker, loginRoutes, registerDiscordOAuth, tokenRefresher } from './login.routes.ts';
import { createMyData } from './my-data.ts';
import { sessionCookie } from './session-cookie.ts';
import { createSessions } from './sessions.ts';
import { perSessionRateLimit } from './rate-limits.ts';
import { messagePage } from './message-page.ts';
import { assetRoutes } from './pages/assets.routes.ts';
import { botInviteUrl } from './bot-invite.ts';
import { createBotPresence } from './bot-presence.ts';
import { createDashboardRoles } from './dashboard-roles.ts';
import { pageRoutes } from './pages/page.routes.ts';
import { settingsPageRoutes } from './pages/settings.routes.ts';
import { auditPageRoutes } from './pages/audit.routes.ts';
import { myDataPageRoutes } from './pages/my-data.routes.ts';
import { deliveriesPageRoutes } from './pages/deliveries.routes.ts';
import { pausePageRoutes } from './pages/pause.routes.ts';
import { createTestNotifications } from './test-notification.ts';
import { createBilling, type PatreonDashboardOptions } from './billing.ts';
import { billingRoutes } from './api/billing.routes.ts';
import { billingPageRoutes } from './pages/billing.routes.ts';
import { patreonLinkRoutes } from './patreon-link.routes.ts';

export interface DashboardOptions {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  apiUrl: string;
  /** Where people reach the site (known once the server listens when PORT is 0). */
  publicUrl(): string;
  sessionLifetimeMs: number;
  sessions: SessionsRepository;
  commands: CommandServices;
  /** A webhook sender of the product's (one without outbound address locks), for test sends. */
  sender: WebhookSender;
  logger: Logger;
  /** The analytics banner or script of each page (off unless the operator set a script). */
  analytics: AnalyticsConsent;
  /** Premium through Patreon (My billing, Link Patreon); without it the billing page says it is not offered. */
  patreon?: PatreonDashboardOptions | undefined;
  now(): number;
}

export async function dashboardPlugin(app: FastifyInstance, options: DashboardOptions): Promise<void> {
  await app.register(cookie);
  await app.register(formBody);
  const sessions = createSessions({ repository: options.sessions, now: options.now, lifetimeMs: options.sessionLifetimeMs });
  const cookieSettings = sessionCookie(options.publicUrl(), Math.floor(options.sessionLifetimeMs / 1000));
  const userApi = createDiscordUserApi({ apiUrl: options.apiUrl });
  await registerDiscordOAuth(app, options);
  const botPresence = createBotPresence({ discord: options.commands.discord, guilds: options.commands.repositories.guilds, now: options.now });
  const dashboardRoles = createDashboardRoles({
    discord: options.commands.discord,
    locks: options.commands.repositories.commandLocks,
    botPresence,
    now: options.now,
  });
  const access = createGuildAccess({ userApi, now: options.now, refreshTokens: tokenRefresher(app, sessions, options.now), dashboardRoles });
  await app.register(loginRoutes, { ...options, sessions, cookie: cookieSettings, userApi, forgetUser: (userId) => access.forget(userId) });

  const findSession = (request: FastifyRequest) => sessions.find(request.cookies[cookieSettings.name]);
  const testNotifications = createTestNotifications({ repositories: options.commands.repositories, sender: options.sender, now: options.now });
  const services = { access, botPresence, commands: options.commands, testNotifications };
  const myData = createMyData({
    repositories: options.commands.repositories,
    revoke: loginRevoker(app, options.logger),
    forgetUser: (userId) => access.forget(userId),
    recomputePremium: options.patreon && (() => options.patreon!.premium.recompute()),
    now: options.now,
  });
  const billing = createBilling(services, options.patreon);
  const routes = [
    meRoute(services),
    ...guildRoutes(services),
    ...serverConfigRoutes(services),
    ...auditRoutes(services),
    ...myDataRoutes(myData),
    ...deliveryRoutes(services),
    ...billingRoutes(billing),
  ];
  await app.register(assetRoutes);
  const pageOptions = {
    services,
    findSession,
    analytics: options.analytics,
    config: perSessionRateLimit(cookieSettings.name),
    inviteUrl: (guildId: string) => botInviteUrl(options.authorizeUrl, options.clientId, guildId),
  };
  await app.register(pageRoutes, pageOptions);
  await app.register(settingsPageRoutes, { services, findSession });
  await app.register(auditPageRoutes, { services, findSession });
  await app.register(myDataPageRoutes, { myData, findSession, cookieName: cookieSettings.name });
  await app.register(deliveriesPageRoutes, pageOptions);
  await app.register(pausePageRoutes, pageOptions);
  await app.register(billingPageRoutes, { billing, findSession, config: pageOptions.config });
  await app.register(patreonLinkRoutes, {
    patreon: options.patreon,
    billing,
    repositories: options.commands.repositories,
    findSession,
    publicUrl: options.publicUrl,
    now: options.now,
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof ApiError) {
      // The pages answer in HTML, the API in JSON.
      void reply.headers(error.headers);
      if (!request.url.startsWith('/api/')) return reply.code(error.status).type('text/html; charset=utf-8').send(messagePage('Not possible', error.message));
      return reply.code(error.status).send({ message: error.message });
    }
    if (error instanceof LoginExpiredError) {
      const id = request.cookies[cookieSettings.name];
      if (id) await sessions.end(id);
      reply.clearCookie(cookieSettings.name, { path: '/' });
      return reply.code(401).send({ message: error.message });
    }
    if (error instanceof DiscordBusyError) {
      return reply
        .code(503)
        .header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)))
        .send({ message: `Discord is busy; try again in ${Math.ceil(error.retryAfterMs / 1000)} seconds.` });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.code(status).send({ message: error instanceof Error ? error.message : 'Bad request' });
    const reference = randomBytes(4).toString('hex');
    request.log.error({ err: error, reference }, 'Dashboard request failed');
    return reply.code(500).send({ message: `Something went wrong on our side. If it happens again, give the operator this reference: ${reference}.` });
  });

  registerApiRoutes(app, routes, findSession, perSessionRateLimit(cookieSettings.name));
  app.get('/api/v1/openapi.json', async () => openApiDocument(routes, options.publicUrl()));
}
