// GET /healthz: what a load balancer or an operator's uptime check polls. Each part of the
// system contributes a named check. A failing critical check (the database) makes the answer
// 503; a failing outside service (AniList down) only marks the answer "degraded": a load
// balancer must not take a web node out of service because AniList is.
//
// Anyone can call it, so it says only "ok" or "failing" per check; why a check fails (its
// detail, or the error it threw) goes to the log, where the operator looks.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { HealthCheck, Readiness } from '../observability/health.ts';

type Outcome = { ok: true } | { ok: false; detail?: string | undefined; error?: unknown };

export interface HealthRoutesOptions {
  checks: readonly HealthCheck[];
  /** GET /readyz: 503 while the process starts up or drains for a stop. */
  readiness?: (() => Promise<Readiness> | Readiness) | undefined;
}

export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): Promise<void> {
  const log = failureLog(app.log);
  const { readiness } = options;
  if (readiness) {
    app.get('/readyz', async (_request, reply) => {
      const { ready, roles } = await readiness();
      return reply
        .code(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ready ? 'ready' : 'not ready', roles });
    });
  }
  app.get('/healthz', async (_request, reply) => {
    const results = await Promise.all(
      options.checks.map(async (check) => {
        let outcome: Outcome;
        try {
          const report = await check.check();
          outcome = report.ok ? { ok: true } : { ok: false, detail: report.detail };
        } catch (error) {
          outcome = { ok: false, error };
        }
        log(check.name, outcome);
        return { check, ok: outcome.ok };
      }),
    );
    const failing = results.filter(({ ok }) => !ok);
    const unhealthy = failing.some(({ check }) => check.critical !== false);
    return reply
      .code(unhealthy ? 503 : 200)
      .header('cache-control', 'no-store')
      .send({
        status: unhealthy ? 'unhealthy' : failing.length > 0 ? 'degraded' : 'ok',
        checks: Object.fromEntries(results.map(({ check, ok }) => [check.name, ok ? 'ok' : 'failing'])),
      });
  });
}

// One warning when a check starts failing or fails for a new reason, not one per poll: during an
// outage an uptime check (or someone calling /healthz in a loop) would otherwise flood the log.
function failureLog(log: FastifyBaseLogger): (name: string, outcome: Outcome) => void {
  const lastReason = new Map<string, string>();
  return (name, outcome) => {
    if (outcome.ok) {
      lastReason.delete(name);
      return;
    }
    const reason = outcome.detail ?? (outcome.error instanceof Error ? outcome.error.message : String(outcome.error ?? 'failing'));
    if (lastReason.get(name) === reason) return;
    lastReason.set(name, reason);
    if (outcome.error !== undefined) log.warn({ check: name, err: outcome.error }, `Health check ${name} is failing`);
    else log.warn({ check: name, detail: outcome.detail }, `Health check ${name} is failing`);
  };
}
