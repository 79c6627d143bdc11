// Fires prepared requests from a worker thread, closed-loop (a fixed number in flight) or
// open-loop (a fixed arrival rate), and reports latency percentiles and throughput.
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface PreparedRequest {
  headers: Record<string, string>;
  body: string;
}

/** `connections`: the client's pool of kept-alive sockets (closed loop: one request in flight on each). */
export type Schedule = { kind: 'closed'; connections: number } | { kind: 'open'; ratePerSecond: number; connections: number };

export interface LoadResult {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  /**
   * How long the server's event loop was busy per request (it runs on the main thread, the
   * generator does not): the cost of one request, less sensitive to the generator than the rate.
   */
  serverBusyMsPerRequest: number;
  /** Open loop only: how far behind its schedule the generator sent a request, at worst. */
  senderMaxLagMs?: number;
  connectionsOpened: number;
  /**
   * The server's thread during the run: the longest its event loop was held up, and its
   * longest and total garbage-collection pauses. A latency spike with neither is not the
   * server's JavaScript (the kernel, the generator, the machine).
   */
  serverThread: { maxLoopDelayMs: number; maxGcPauseMs: number; gcPauseMs: number };
}

interface WorkerReport {
  latencies: number[];
  errors: number;
  seconds: number;
  senderMaxLagMs: number;
  connectionsOpened: number;
}

export async function load(url: string, requests: PreparedRequest[], schedule: Schedule): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, requests, schedule } });
  // After the constructor, which copies the requests to the worker on this thread.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((entries) => gcPauses.push(...entries.getEntries().map((entry) => entry.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  const busyBefore = performance.eventLoopUtilization();
  const report = await new Promise<WorkerReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const busy = performance.eventLoopUtilization(busyBefore);
  loopDelay.disable();
  gcObserver.disconnect();
  await worker.terminate();
  const latencies = report.latencies.sort((a, b) => a - b);
  const percentile = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  return {
    requests: requests.length,
    errors: report.errors,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: percentile(1),
    requestsPerSecond: Math.round(requests.length / report.seconds),
    serverBusyMsPerRequest: Math.round((busy.active / requests.length) * 1000) / 1000,
    ...(schedule.kind === 'open' && { senderMaxLagMs: round(report.senderMaxLagMs) }),
    connectionsOpened: report.connectionsOpened,
    serverThread: {
      maxLoopDelayMs: round(loopDelay.max / 1e6),
      maxGcPauseMs: round(Math.max(0, ...gcPauses)),
      gcPauseMs: round(gcPauses.reduce((sum, pause) => sum + pause, 0)),
    },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
