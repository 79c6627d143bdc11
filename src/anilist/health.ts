// Lets /healthz show an AniList outage, as "degraded" rather than unhealthy: a load balancer
// should not drop a web node because AniList is down.
import type { HealthCheck } from '../observability/health.ts';
import type { AniListClient } from './client.ts';

export function aniListHealthCheck(client: Pick<AniListClient, 'status'>): HealthCheck {
  return { name: 'anilist', critical: false, check: () => client.status() };
}
