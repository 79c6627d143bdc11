// GET /healthz: what a load balancer or an operator's uptime check polls. Each part of the
// system contributes a named check; any failing check makes the answer 503.
import type { FastifyInstance } from 'fastify';

export interface HealthReport {
  ok: boolean;
  detail?: string;
}

export interface HealthCheck {
  name: string;
  check(): Promise<HealthReport> | HealthReport;
}

export async function healthRoutes(app: FastifyInstance, options: { checks: readonly HealthCheck[] }): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    const results = await Promise.all(
      options.checks.map(async (check) => {
        try {
          return [check.name, await check.check()] as const;
        } catch (error) {
          return [check.name, { ok: false, detail: error instanceof Error ? error.message : 'check failed' }] as const;
        }
      }),
    );
    const ok = results.every(([, result]) => result.ok);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unhealthy', checks: Object.fromEntries(results) });
  });
}
