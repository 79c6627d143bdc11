// Analytics are off unless the operator sets a script, and then nothing is loaded, allowed by
// the page's policy, or stored in a cookie until the visitor presses Accept.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { analyticsConsent } from '../../src/web/analytics-consent.ts';
import { buildWebServer } from '../../src/web/server.ts';

const POLICIES = loadConfig({ env: {}, envFile: join(tmpdir(), 'none') }).POLICIES_DIR;
const SCRIPT = 'https://stats.example/script.js';

const site = (analytics?: string) =>
  buildWebServer({
    logger: createLogger({ level: 'silent' }),
    healthChecks: [],
    policiesDirectory: POLICIES,
    publicUrl: 'https://anitrack.example',
    analytics: analytics ? analyticsConsent(analytics) : undefined,
  });

describe('analytics with consent', () => {
  it('are off by default: no banner, no script, no consent route', async () => {
    const app = await site();
    const home = await app.inject({ url: '/' });
    expect(home.body).not.toContain('data-testid="consent"');
    expect(home.body).not.toContain('stats.example');
    expect(
      (await app.inject({ method: 'POST', url: '/consent', payload: 'choice=accept', headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
        .statusCode,
    ).toBe(404);
  });

  it('ask first, load nothing before Accept, and load the script (allowed by the policy) after it', async () => {
    const app = await site(SCRIPT);
    const before = await app.inject({ url: '/privacy' });
    expect(before.body).toContain('data-testid="consent"');
    expect(before.body).not.toContain(SCRIPT);
    expect(before.headers['set-cookie']).toBeUndefined();
    expect(before.headers['content-security-policy']).not.toContain('stats.example');

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const declined = await app.inject({ method: 'POST', url: '/consent', payload: 'choice=decline&back=/privacy', headers: form });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers['set-cookie']).toBeUndefined();

    const accepted = await app.inject({ method: 'POST', url: '/consent', payload: 'choice=accept&back=//evil.example', headers: form });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/');
    const cookie = String(accepted.headers['set-cookie']);
    expect(cookie).toMatch(/^anitrack_analytics_consent=granted;.*HttpOnly; SameSite=Lax; Secure$/);

    const after = await app.inject({ url: '/privacy', headers: { cookie: cookie.split(';')[0]! } });
    expect(after.body).toContain(`<script src="${SCRIPT}" defer></script>`);
    expect(after.body).not.toContain('data-testid="consent"');
    expect(after.headers['content-security-policy']).toMatch(/script-src [^;]*https:\/\/stats\.example/);
  });
});
