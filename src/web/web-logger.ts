import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from '../logger.ts';

/**
 * The logger a web server hands to Fastify. Per-request lines ("incoming request", "request
 * completed") only when debugging: a health check or a scrape every few seconds would otherwise
 * drown the log.
 */
export function webLogger(logger: Logger, component: string): FastifyBaseLogger {
  const child = logger.child({ component });
  if (!logger.isLevelEnabled('debug')) child.level = 'warn';
  return child;
}
