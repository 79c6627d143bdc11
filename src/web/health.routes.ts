// GET /healthz: what a load balancer or an operator's uptime check polls. Each part of the
// system contributes a named check. A failing critical check (the database) makes the answer
// 503; a failing outside service (AniList down) only marks the answer "degraded": a load
// balancer must not take a web node out of service because AniList is.
import type { FastifyInstance } from 'fastify';

export interface HealthReport {
  ok: boolean;
  detail?: string;
}

export interface HealthCheck {
  name: string;
  /** Default true: when this check fails, the process is unhealthy (HTTP 503). */
  critical?: boolean;
  check(): Promise<HealthReport> | HealthReport;
}

export async function healthRoutes(app: FastifyInstance, options: { checks: readonly HealthCheck[] }): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    const results = await Promise.all(
      options.checks.map(async (check) => {
        try {
          return { check, result: await check.check() };
        } catch (error) {
          return { check, result: { ok: false, detail: error instanceof Error ? error.message : 'check failed' } };
        }
      }),
    );
    const failing = results.filter(({ result }) => !result.ok);
    const unhealthy = failing.some(({ check }) => check.critical !== false);
    return reply
      .code(unhealthy ? 503 : 200)
      .header('cache-control', 'no-store')
      .send({
        status: unhealthy ? 'unhealthy' : failing.length > 0 ? 'degraded' : 'ok',
        checks: Object.fromEntries(results.map(({ check, result }) => [check.name, result])),
      });
  });
}
