// Slow clients, over a real TCP socket: a request trickled in a byte at a time (slowloris) or a
// connection left open in silence must be cut off, not held for as long as the client likes.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer } from '../../src/web/server.ts';
import type { ServerTimeouts } from '../../src/web/timeouts.ts';

interface SlowClientRun {
  /** From the first byte sent to the server closing the connection. */
  closedAfterMs: number;
  received: string;
}

/** Sends `opening`, then `trickle` every 100 ms (so the socket is never idle) until the server hangs up. */
function slowClient(port: number, opening: string, trickle?: string, giveUpMs = 5_000): Promise<SlowClientRun> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('connect', () => {
      startedAt = Date.now();
      socket.write(opening);
      if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle), 100);
    });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - startedAt, received });
    });
  });
}

describe('slow clients', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function listen(timeouts: Partial<ServerTimeouts>): Promise<number> {
    app = await buildWebServer({ logger: createLogger({ level: 'silent' }), healthChecks: [], timeouts: { checkIntervalMs: 50, ...timeouts } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return (app.server.address() as AddressInfo).port;
  }

  it('cuts off a client that trickles its headers in, past the headers timeout', async () => {
    const port = await listen({ headersMs: 300, requestMs: 2_000 });
    const run = await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n');
    expect(run.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(run.closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(run.closedAfterMs).toBeLessThan(1_500);
  });

  it('cuts off a client that trickles its body in, past the request timeout', async () => {
    const port = await listen({ headersMs: 300, requestMs: 600 });
    const run = await slowClient(port, 'POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n', 'a');
    expect(run.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(run.closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(run.closedAfterMs).toBeLessThan(2_000);
  });

  it('closes a kept-alive connection that sends no next request', async () => {
    const port = await listen({ keepAliveMs: 300 });
    const run = await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    expect(run.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(run.closedAfterMs).toBeGreaterThanOrEqual(250);
    // Node gives a kept-alive socket about a second of grace past keepAliveTimeout.
    expect(run.closedAfterMs).toBeLessThan(3_000);
  });
});
