// Builds the Fastify app without opening a port, so tests can call it with `inject` and the
// composition root decides where it listens.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import { interactionsRoute, type InteractionsRouteOptions } from '../discord/interactions.route.ts';
import type { Registry } from 'prom-client';
import { healthRoutes, type HealthCheck } from './health.routes.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { policyRoutes } from './policy.routes.ts';

export interface WebServerDependencies {
  logger: Logger;
  healthChecks: readonly HealthCheck[];
  /** The folder of privacy.md and terms.md, served at /privacy and /terms. */
  policiesDirectory?: string | undefined;
  now?: () => number;
  /** Prometheus registry served at GET /metrics. */
  metrics?: Registry | undefined;
  /** Discord's HTTP interactions, when the application's public key is configured. */
  interactions?: InteractionsRouteOptions | undefined;
}

export async function buildWebServer(deps: WebServerDependencies): Promise<FastifyInstance> {
  // Per-request lines ("incoming request", "request completed") only when debugging: a health
  // check every few seconds would otherwise drown the log.
  const webLogger = deps.logger.child({ component: 'web' });
  if (!deps.logger.isLevelEnabled('debug')) webLogger.level = 'warn';
  const app = Fastify({
    loggerInstance: webLogger as FastifyBaseLogger,
    // Ids come from us, never from a client's header, so they can be trusted in logs.
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
  });
  await app.register(healthRoutes, { checks: deps.healthChecks });
  if (deps.metrics) await app.register(metricsRoutes, { registry: deps.metrics });
  if (deps.policiesDirectory) await app.register(policyRoutes, { directory: deps.policiesDirectory, now: deps.now ?? Date.now });
  if (deps.interactions) await app.register(interactionsRoute, deps.interactions);
  return app;
}
