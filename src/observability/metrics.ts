// Prometheus metrics, on a registry of our own (not the global one) so each app instance and
// each test has its own counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  deliveries: Counter<'outcome'>;
  deliveryLateness: Histogram;
  queueDepth: Gauge;
  discordRateLimited: Gauge;
  deliveriesFailed: Gauge;
  deliveriesStuck: Gauge;
  outboundAddressesHeld: Gauge;
}

export interface MetricSources {
  queueDepth(): Promise<number>;
  discordRateLimited(): number;
  deliveryTroubles(): Promise<{ failed: number; stuck: number }>;
  /** Outbound addresses the delivery worker of this process sends from now. */
  outboundAddressesHeld(): number;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'anitrack_' });
  return {
    registry,
    deliveries: new Counter({ name: 'anitrack_deliveries_total', help: 'Notifications handled, by outcome', labelNames: ['outcome'], registers: [registry] }),
    deliveryLateness: new Histogram({
      name: 'anitrack_delivery_lateness_seconds',
      help: 'Time from a notification being due to it reaching Discord',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 21600],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'anitrack_delivery_queue_depth',
      help: 'Notifications due now and not yet sent',
      registers: [registry],
      async collect() {
        this.set(await sources.queueDepth());
      },
    }),
    discordRateLimited: new Gauge({
      name: 'anitrack_discord_rate_limited_total',
      help: '429 answers received from Discord since start',
      registers: [registry],
      collect() {
        this.set(sources.discordRateLimited());
      },
    }),
    deliveriesFailed: new Gauge({
      name: 'anitrack_deliveries_failed',
      help: 'Notifications that failed for good in the last 24 hours',
      registers: [registry],
      async collect() {
        this.set((await sources.deliveryTroubles()).failed);
      },
    }),
    deliveriesStuck: new Gauge({
      name: 'anitrack_deliveries_stuck',
      help: 'Notifications due over 10 minutes ago and not sent, or held by a worker past its lease',
      registers: [registry],
      async collect() {
        this.set((await sources.deliveryTroubles()).stuck);
      },
    }),
    outboundAddressesHeld: new Gauge({
      name: 'anitrack_outbound_addresses_held',
      help: 'Outbound addresses this process sends notifications from now (each is used by one process at a time)',
      registers: [registry],
      collect() {
        this.set(sources.outboundAddressesHeld());
      },
    }),
  };
}
