import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { InteractionsRouteOptions } from '../../src/web/interactions.route.ts';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer, type WebServerDependencies } from '../../src/web/server.ts';
import { startApp, type StartedApp } from './started-app.ts';

const logger = createLogger({ level: 'silent' });
const POLICIES = loadConfig({ env: {}, envFile: join(tmpdir(), 'none') }).POLICIES_DIR;
const BUDGET = 3;

function site(deps: Partial<WebServerDependencies> = {}) {
  return buildWebServer({ logger, healthChecks: [], policiesDirectory: POLICIES, rateLimit: { max: BUDGET, windowMs: 60_000 }, ...deps });
}

describe('flood protection', () => {
  it('answers 429 with Retry-After once an address has used its budget on pages, /healthz and unknown paths', async () => {
    const app = await site();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/privacy' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/no-such-page' })).statusCode).toBe(404);

    const limited = await app.inject({ method: 'GET', url: '/' });
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(429);

    // Another address has its own budget.
    expect((await app.inject({ method: 'GET', url: '/', remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
  });

  it('counts probes of addresses that do not exist', async () => {
    const app = await site();
    for (let probe = 0; probe < BUDGET; probe++) expect((await app.inject({ method: 'GET', url: `/wp-login.php?try=${probe}` })).statusCode).toBe(404);
    const limited = await app.inject({ method: 'POST', url: '/.env' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('never limits POST /interactions, whose signature check is its protection, nor counts it against the pages', async () => {
    // Every signature is refused, so nothing past the check is reached.
    const interactions = { verify: () => false, logger } as unknown as InteractionsRouteOptions;
    const app = await site({ interactions });
    for (let attempt = 0; attempt < BUDGET * 4; attempt++) {
      const forged = await app.inject({ method: 'POST', url: '/interactions', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(forged.statusCode).toBe(401);
    }
    for (let page = 0; page < BUDGET; page++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const app = await site();
    for (let attempt = 0; attempt < BUDGET; attempt++) {
      await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-for': `203.0.113.${attempt}` } });
    }
    expect((await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-for': '203.0.113.99' } })).statusCode).toBe(429);
  });

  it.each([
    ['a list of proxy addresses', ['127.0.0.1']],
    ['a number of hops', 1],
  ] as const)('counts each client behind a trusted proxy (TRUST_PROXY as %s) on its own', async (_kind, trustProxy) => {
    const app = await site({ trustProxy: Array.isArray(trustProxy) ? [...trustProxy] : (trustProxy as number) });
    const viaProxy = (client: string) => app.inject({ method: 'GET', url: '/healthz', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    for (let attempt = 0; attempt < BUDGET; attempt++) expect((await viaProxy('203.0.113.1')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.1')).statusCode).toBe(429);
    expect((await viaProxy('203.0.113.2')).statusCode).toBe(200);
  });

  it('with a number of hops, still counts a client that reaches the port directly by its own address', async () => {
    const app = await site({ trustProxy: 1 });
    const direct = (forged: string) => app.inject({ method: 'GET', url: '/healthz', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': forged } });
    for (let attempt = 0; attempt < BUDGET; attempt++) expect((await direct(`203.0.113.${attempt}`)).statusCode).toBe(200);
    expect((await direct('203.0.113.200')).statusCode).toBe(429);
  });
});

describe('flood protection in the running app', () => {
  let running: StartedApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('gives each client behind the TRUST_PROXY proxy 120 requests a minute', async () => {
    const { app } = (running = await startApp({ TRUST_PROXY: '127.0.0.1' }));
    const fromClient = (client: string) => app.web.inject({ method: 'GET', url: '/no-such-page', headers: { 'x-forwarded-for': client } });
    for (let request = 0; request < 120; request++) expect((await fromClient('203.0.113.1')).statusCode).toBe(404);
    expect((await fromClient('203.0.113.1')).statusCode).toBe(429);
    expect((await fromClient('203.0.113.2')).statusCode).toBe(404);
  });
});
