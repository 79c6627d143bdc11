// Runs in its own thread (its own event loop), so the load generator never waits behind the
// server it measures. Receives ready-made requests and sends them on one of two schedules:
// - closed: one request in flight per connection, the next sent as soon as one returns (finds
//   the maximum rate);
// - open: one every 1/rate seconds whatever the answers do, as independent clients would. Its
//   latency counts from when a request was due, not when it left, so a stalled server (or a
//   generator that fell behind) shows in the figures instead of quietly slowing the arrivals.
// node:http with kept-alive sockets rather than fetch: fetch costs the client about three times
// the CPU per request and would cap the ceiling below what the server can do. Both schedules use
// a pool of at most `connections` sockets, as a real client does: requests due while every
// socket is busy wait for one, and that wait counts in their latency.
import { Agent, request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

const { url, requests, schedule } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: schedule.connections });
const latencies = [];
let errors = 0;
const sockets = new WeakSet();
let connectionsOpened = 0;

function send(request) {
  return new Promise((resolve) => {
    const outgoing = httpRequest(url, { method: 'POST', agent, headers: request.headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode === 200));
      response.once('error', () => resolve(false));
    });
    outgoing.once('error', () => resolve(false));
    outgoing.once('socket', (socket) => {
      if (sockets.has(socket)) return;
      sockets.add(socket);
      connectionsOpened += 1;
    });
    outgoing.end(request.body);
  });
}

async function timed(request, dueAt) {
  const ok = await send(request);
  if (!ok) errors += 1;
  latencies.push(performance.now() - dueAt);
}

async function closedLoop(concurrency) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await timed(requests[next++], performance.now());
    }),
  );
}

async function openLoop(ratePerSecond) {
  const intervalMs = 1000 / ratePerSecond;
  const startAt = performance.now();
  const inFlight = [];
  let maxLagMs = 0;
  for (let next = 0; next < requests.length;) {
    const now = performance.now();
    // Everything already due goes now (timers fire at best every millisecond).
    while (next < requests.length && startAt + next * intervalMs <= now) {
      const dueAt = startAt + next * intervalMs;
      maxLagMs = Math.max(maxLagMs, now - dueAt);
      inFlight.push(timed(requests[next++], dueAt));
    }
    if (next < requests.length) await sleep(Math.max(0, startAt + next * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  return maxLagMs;
}

const started = performance.now();
const senderMaxLagMs = schedule.kind === 'closed' ? await closedLoop(schedule.connections).then(() => 0) : await openLoop(schedule.ratePerSecond);
const seconds = (performance.now() - started) / 1000;
agent.destroy();
parentPort.postMessage({ latencies, errors, seconds, senderMaxLagMs, connectionsOpened });
