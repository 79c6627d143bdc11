import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createFakeDiscord } from '@anitrack/discord-emulator';
import { sandboxRoutes } from '../../src/sandbox/sandbox.routes.ts';
import { buildSandboxWorld } from '../../src/sandbox/world.ts';
import { buildWebServer } from '../../src/web/server.ts';

const POLICIES = loadConfig({ env: {}, envFile: join(tmpdir(), 'none') }).POLICIES_DIR;

function site(publicUrl?: string) {
  return buildWebServer({ logger: createLogger({ level: 'silent' }), healthChecks: [], policiesDirectory: POLICIES, publicUrl });
}

/** The one Content-Security-Policy header, as directive name → sources. */
function policyOf(headers: Record<string, unknown>): Map<string, string[]> {
  const header = headers['content-security-policy'];
  expect(typeof header, 'exactly one Content-Security-Policy header').toBe('string');
  return new Map(
    (header as string)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers', () => {
  it.each(['/', '/privacy', '/terms'])('protect %s: no script, no framing, no sniffing, no referrer', async (url) => {
    const response = await (await site()).inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = policyOf(response.headers);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    // No script-src: scripts fall back to default-src 'none'.
    expect(policy.has('script-src')).toBe(false);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('asks browsers for https (HSTS) only when PUBLIC_URL is https', async () => {
    const plain = await (await site('http://127.0.0.1:3000')).inject({ method: 'GET', url: '/' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await (await site('https://anitrack.example')).inject({ method: 'GET', url: '/' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('come with a 404 and a 429 too', async () => {
    const app = await buildWebServer({ logger: createLogger({ level: 'silent' }), healthChecks: [], rateLimit: { max: 1, windowMs: 60_000 } });
    const missing = await app.inject({ method: 'GET', url: '/admin' });
    const limited = await app.inject({ method: 'GET', url: '/admin' });
    expect([missing.statusCode, limited.statusCode]).toEqual([404, 429]);
    for (const response of [missing, limited]) {
      expect(policyOf(response.headers).get('frame-ancestors')).toEqual(["'none'"]);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it("give /sandbox one policy that lets it load its own script, style and API, and nothing else's", async () => {
    const app = await site();
    const discord = createFakeDiscord();
    await app.register(sandboxRoutes, { discord, world: buildSandboxWorld(discord), interactionsUrl: () => 'http://127.0.0.1:1/interactions' });
    const page = await app.inject({ method: 'GET', url: '/sandbox' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="/sandbox/sandbox.js" defer></script>');
    const policy = policyOf(page.headers);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const script = await app.inject({ method: 'GET', url: '/sandbox/sandbox.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });
});
