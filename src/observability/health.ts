// A health check is a named question about one part of the system. Parts contribute checks; the
// web server asks them on GET /healthz and decides what the answer means for a load balancer.
export interface HealthReport {
  ok: boolean;
  /** Why it fails, for the operator's log (never shown to whoever polls /healthz). */
  detail?: string;
}

export interface HealthCheck {
  name: string;
  /** Default true: when this check fails, the process is unhealthy (HTTP 503). */
  critical?: boolean;
  check(): Promise<HealthReport> | HealthReport;
}

/**
 * Whether this process should get traffic now (`/readyz`), apart from whether it is alive
 * (`/healthz`): a process starting up or draining for a stop is alive but not ready.
 */
export interface Readiness {
  ready: boolean;
  /** What each of the process's roles is doing ("sending", "standing by"), for the operator. */
  roles: Record<string, string>;
}
