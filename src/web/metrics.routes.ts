// GET /metrics (Prometheus). On its own listener it is open: that listener is bound to a private
// address. On the public server it is served only to `Authorization: Bearer <METRICS_TOKEN>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';

export interface MetricsRoutesOptions {
  registry: Registry;
  /** When set, a request must bear this token. */
  bearerToken?: string | undefined;
}

export async function metricsRoutes(app: FastifyInstance, options: MetricsRoutesOptions): Promise<void> {
  const authorized = options.bearerToken === undefined ? () => true : bearerCheck(options.bearerToken);
  app.get('/metrics', async (request, reply) => {
    if (!authorized(request)) return refuse(reply);
    return reply.header('content-type', options.registry.contentType).send(await options.registry.metrics());
  });
}

function bearerCheck(token: string): (request: FastifyRequest) => boolean {
  // Comparing digests keeps the comparison's time independent of where, or whether in length,
  // the given header differs from the expected one.
  const expected = digest(`Bearer ${token}`);
  return (request) => timingSafeEqual(digest(request.headers.authorization ?? ''), expected);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function refuse(reply: FastifyReply): FastifyReply {
  return reply.code(401).header('www-authenticate', 'Bearer').header('cache-control', 'no-store').send({ error: 'a valid bearer token is required' });
}
