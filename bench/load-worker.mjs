// Runs in its own thread (its own event loop), so the load generator never waits behind the
// server it measures. Receives ready-made requests, sends them with a fixed number in flight,
// and posts back each request's latency.
import { parentPort, workerData } from 'node:worker_threads';

const { url, requests, concurrency } = workerData;
const latencies = [];
let errors = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const at = performance.now();
      try {
        const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - at);
    }
  }),
);
parentPort.postMessage({ latencies, errors, seconds: (performance.now() - started) / 1000 });
