// The image's HEALTHCHECK runs docker/healthcheck.js: healthy only when the process's private
// metrics listener answers /healthz with 200. Run here as Docker runs it, against a listener
// that answers as told.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) await new Promise((resolve) => running.close(resolve));
});

async function listener(status: number): Promise<{ port: number; asked: string[] }> {
  const asked: string[] = [];
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    response.writeHead(status).end(status === 200 ? 'ok' : 'failing');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, asked };
}

function check(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['docker/healthcheck.js'], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 10_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe('the container health check', () => {
  it('is healthy when /healthz answers 200, asking loopback when the listener is on every address', async () => {
    const { port, asked } = await listener(200);
    expect(await check({ METRICS_HOST: '0.0.0.0', METRICS_PORT: String(port) })).toEqual({ code: 0, stderr: '' });
    expect(asked).toEqual(['/healthz']);
  });

  it('is unhealthy when /healthz answers 503', async () => {
    const { port } = await listener(503);
    expect(await check({ METRICS_PORT: String(port) })).toEqual({ code: 1, stderr: `http://127.0.0.1:${port}/healthz answered 503\n` });
  });

  it('is unhealthy when nothing listens', async () => {
    const port = await freePort();
    const result = await check({ METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`http://127.0.0.1:${port}/healthz cannot be reached: connect ECONNREFUSED`);
  });
});
