// The separate listener for Prometheus (METRICS_HOST:METRICS_PORT, loopback by default), so the
// metrics are not on the public port; the composition root decides when it listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { serverTimeoutOptions, type ServerTimeouts } from './timeouts.ts';
import { webLogger } from './web-logger.ts';

export interface MetricsServerDependencies {
  logger: Logger;
  registry: Registry;
  timeouts?: Partial<ServerTimeouts> | undefined;
}

export async function buildMetricsServer(deps: MetricsServerDependencies): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: webLogger(deps.logger, 'metrics'), requestIdHeader: false, ...serverTimeoutOptions(deps.timeouts) });
  await app.register(metricsRoutes, { registry: deps.registry });
  return app;
}
