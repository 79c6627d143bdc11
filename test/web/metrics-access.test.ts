import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { startApp, type StartedApp } from './started-app.ts';

const logger = createLogger({ level: 'silent' });
const TOKEN = 'scrape-token-0123456789';

function registry(): Registry {
  const registry = new Registry();
  new Counter({ name: 'anitrack_test_scrapes_total', help: 'A metric to find in the scrape', registers: [registry] }).inc(3);
  return registry;
}

describe('/metrics on the public server', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const web = await buildWebServer({ logger, healthChecks: [] });
    expect((await web.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('answers only a request bearing the token', async () => {
    const web = await buildWebServer({ logger, healthChecks: [], metrics: { registry: registry(), bearerToken: TOKEN } });
    const scrape = (authorization?: string) => web.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

    for (const refused of [
      await scrape(),
      await scrape(`Bearer ${TOKEN}x`),
      await scrape(`Bearer ${TOKEN.slice(0, -1)}`),
      await scrape(TOKEN),
      await scrape(`Basic ${TOKEN}`),
    ]) {
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer');
      expect(refused.body).not.toContain('anitrack_');
    }
    const allowed = await scrape(`Bearer ${TOKEN}`);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('anitrack_test_scrapes_total 3');
  });
});

describe('/metrics of the running app', () => {
  let running: StartedApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('is served on its own listener, and not on the public port', async () => {
    const { app, address } = (running = await startApp());
    expect(app.metricsAddress()).not.toBe(address);
    const scraped = await fetch(`${app.metricsAddress()}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('anitrack_deliveries_total');
    expect((await fetch(`${address}/metrics`)).status).toBe(404);
  });

  it('is also served on the public port to the METRICS_TOKEN', async () => {
    const { address } = (running = await startApp({ METRICS_TOKEN: TOKEN }));
    expect((await fetch(`${address}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${address}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('anitrack_deliveries_total');
  });
});
