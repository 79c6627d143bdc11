// The separate listener for Prometheus (METRICS_HOST:METRICS_PORT, loopback by default), so the
// metrics are not on the public port; the composition root decides when it listens. Every
// process has one, whatever its roles, so it also answers /healthz and /readyz: a worker or a
// scheduler serves no public port for a container's health check to ask.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import type { HealthCheck, Readiness } from '../observability/health.ts';
import { healthRoutes } from './health.routes.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { serverTimeoutOptions, type ServerTimeouts } from './timeouts.ts';
import { webLogger } from './web-logger.ts';

export interface MetricsServerDependencies {
  logger: Logger;
  registry: Registry;
  healthChecks?: readonly HealthCheck[];
  readiness?: () => Promise<Readiness> | Readiness;
  timeouts?: Partial<ServerTimeouts> | undefined;
}

export async function buildMetricsServer(deps: MetricsServerDependencies): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: webLogger(deps.logger, 'metrics'), requestIdHeader: false, ...serverTimeoutOptions(deps.timeouts) });
  await app.register(metricsRoutes, { registry: deps.registry });
  await app.register(healthRoutes, { checks: deps.healthChecks ?? [], readiness: deps.readiness });
  return app;
}
