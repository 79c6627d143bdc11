// Fires prepared requests from a worker thread with a fixed number in flight, and reports
// latency percentiles and throughput.
import { Worker } from 'node:worker_threads';

export interface PreparedRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
}

export async function load(url: string, requests: PreparedRequest[], concurrency: number): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, requests, concurrency } });
  const { latencies, errors, seconds } = await new Promise<{ latencies: number[]; errors: number; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  return {
    requests: requests.length,
    concurrency,
    errors,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: percentile(1),
    requestsPerSecond: Math.round(requests.length / seconds),
  };
}
