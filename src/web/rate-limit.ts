// Flood protection: every route a client can call without proving who it is shares one budget
// per client address (request.ip, which honours TRUST_PROXY). Routes whose requests carry a
// signature we check (Discord's interactions; later webhooks from other services too) opt out with
// `config: SIGNATURE_CHECKED`: a forged request costs one signature check and is refused, and a
// per-address limit would drop real deliveries, which all come from the sender's few addresses.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export interface RateLimitSettings {
  /** Requests one address may make per window, all limited routes together. */
  max: number;
  windowMs: number;
}

// A person reading the pages makes a handful of requests a minute, an uptime check one every few
// seconds, the sandbox page a poll every 2 s: 120 a minute leaves room for all of them.
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { max: 120, windowMs: 60_000 };

/** Route config for a route whose requests are signed and verified: no rate limit. */
export const SIGNATURE_CHECKED = { rateLimit: false } as const;

// Addresses remembered at once (least recently seen forgotten first).
const TRACKED_ADDRESSES = 10_000;

export async function registerRateLimit(app: FastifyInstance, settings: RateLimitSettings = DEFAULT_RATE_LIMIT): Promise<void> {
  // 429 with Retry-After (seconds) once an address is over its budget.
  await app.register(rateLimit, { max: settings.max, timeWindow: settings.windowMs, cache: TRACKED_ADDRESSES });
  // Scanners probe addresses that do not exist: those count against the same budget.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (_request, reply) => reply.code(404).send({ error: 'not found' }));
}
