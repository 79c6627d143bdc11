// Builds the Fastify app without opening a port, so tests can call it with `inject` and the
// composition root decides where it listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import { interactionsRoute, type InteractionsRouteOptions } from './interactions.route.ts';
import type { HealthCheck, Readiness } from '../observability/health.ts';
import { analyticsConsent, consentRoutes, type AnalyticsConsent } from './analytics-consent.ts';
import { healthRoutes } from './health.routes.ts';
import { metricsRoutes, type MetricsRoutesOptions } from './metrics.routes.ts';
import { commandsRoutes, type CommandsPageEntry } from './commands.routes.ts';
import { policyRoutes } from './policy.routes.ts';
import { registerRateLimit, type RateLimitSettings } from './rate-limit.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { httpsTimeoutOptions, serverTimeoutOptions, type ServerTimeouts } from './timeouts.ts';
import { httpsServerOptions, type TlsCertificate } from './tls.ts';
import { trustProxyOption, type TrustProxySetting } from './trust-proxy.ts';
import { webLogger } from './web-logger.ts';

export interface WebServerDependencies {
  logger: Logger;
  healthChecks: readonly HealthCheck[];
  /** GET /readyz, apart from /healthz: whether this process takes traffic now. */
  readiness?: (() => Promise<Readiness> | Readiness) | undefined;
  /** The folder of privacy.md and terms.md, served at /privacy and /terms. */
  policiesDirectory?: string | undefined;
  now?: () => number;
  /**
   * GET /metrics on this (public) server, only to requests bearing the token: without one the
   * metrics are on their own listener only (metrics-server.ts).
   */
  metrics?: (MetricsRoutesOptions & { bearerToken: string }) | undefined;
  /** Discord's HTTP interactions, when the application's public key is configured. */
  interactions?: InteractionsRouteOptions | undefined;
  /** Where people reach this server; HSTS is sent only when it is https. Default: plain http. */
  publicUrl?: string | undefined;
  /** Which proxies' X-Forwarded-For to believe for the client's address (default: none). */
  trustProxy?: TrustProxySetting | undefined;
  rateLimit?: RateLimitSettings | undefined;
  timeouts?: Partial<ServerTimeouts> | undefined;
  /** The bot's install link, shown on the home page. */
  inviteUrl?: string | undefined;
  /** Consent-gated analytics (analytics-consent.ts); off when undefined. */
  analytics?: AnalyticsConsent | undefined;
  /** Whether the home page offers Login with Discord (app.ts registers the dashboard when it is configured). */
  loginEnabled?: boolean | undefined;
  /** The slash commands, for the public page at /commands (app.ts reads them from the definitions). */
  commands?: readonly CommandsPageEntry[] | undefined;
  /** Serve HTTPS with this certificate, TLS 1.3 only (tls.ts); plain http without one. */
  tls?: TlsCertificate | undefined;
}

export async function buildWebServer(deps: WebServerDependencies): Promise<FastifyInstance> {
  const { http, ...timeouts } = serverTimeoutOptions(deps.timeouts);
  const options = {
    loggerInstance: webLogger(deps.logger, 'web'),
    // Ids come from us, never from a client's header, so they can be trusted in logs.
    requestIdHeader: false as const,
    bodyLimit: 256 * 1024,
    // request.ip, which the rate limit counts by, is the client behind a trusted proxy.
    trustProxy: trustProxyOption(deps.trustProxy),
    ...timeouts,
  };
  // Over https Fastify's types name another server class; routes and plugins see no difference,
  // and tls.ts is the one place that reaches for what only the https server has.
  const app = deps.tls
    ? (Fastify({ ...options, https: httpsServerOptions(deps.tls, httpsTimeoutOptions(deps.timeouts)) }) as unknown as FastifyInstance)
    : Fastify({ ...options, http });
  // Headers first, so that a 429 or a 404 carries them too.
  const analytics = deps.analytics ?? analyticsConsent(undefined);
  await registerSecurityHeaders(app, { publicUrl: deps.publicUrl ?? 'http://localhost', analytics });
  await registerRateLimit(app, deps.rateLimit);
  await app.register(healthRoutes, { checks: deps.healthChecks, readiness: deps.readiness });
  if (deps.metrics) await app.register(metricsRoutes, deps.metrics);
  if (deps.policiesDirectory) {
    const home = { login: deps.loginEnabled === true, inviteUrl: deps.inviteUrl, commands: deps.commands !== undefined };
    await app.register(policyRoutes, { directory: deps.policiesDirectory, now: deps.now ?? Date.now, home, analytics });
  }
  await app.register(consentRoutes, { enabled: deps.analytics !== undefined, https: (deps.publicUrl ?? '').startsWith('https:') });
  if (deps.commands) await app.register(commandsRoutes, { commands: deps.commands });
  if (deps.interactions) await app.register(interactionsRoute, deps.interactions);
  return app;
}
