import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer } from '../../src/web/server.ts';

const DAY = 24 * 3_600_000;

async function site(now: number, directory = loadConfig({ env: {}, envFile: join(tmpdir(), 'none') }).POLICIES_DIR) {
  return buildWebServer({ logger: createLogger({ level: 'silent' }), healthChecks: [], policiesDirectory: directory, now: () => now });
}

describe('policy pages', () => {
  it('serves the shipped privacy policy and terms as HTML', async () => {
    const app = await site(Date.now());
    const privacy = await app.inject({ method: 'GET', url: '/privacy' });
    expect(privacy.statusCode).toBe(200);
    expect(privacy.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(privacy.body).toContain('<h1>Privacy policy</h1>');
    expect(privacy.body).toMatch(/Last updated: \d{4}-\d{2}-\d{2}/);
    expect(privacy.body).toContain('Nothing from MyAnimeList is kept');
    expect((await app.inject({ method: 'GET', url: '/terms' })).body).toContain('<h1>Terms of use</h1>');
  });

  it('shows a notice on the home page for 30 days after the policy changed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'anitrack-policies-'));
    writeFileSync(join(directory, 'privacy.md'), 'Last updated: 2026-11-01\n\n# Privacy\n');
    writeFileSync(join(directory, 'terms.md'), 'Last updated: 2026-01-01\n\n# Terms\n');
    const changed = Date.parse('2026-11-01T00:00:00Z');
    const soon = await (await site(changed + 29 * DAY, directory)).inject({ method: 'GET', url: '/' });
    expect(soon.body).toContain('Our <a href="/privacy">privacy policy</a> changed on 2026-11-01.');
    const later = await (await site(changed + 31 * DAY, directory)).inject({ method: 'GET', url: '/' });
    expect(later.body).not.toContain('privacy policy</a> changed');
    expect(later.body).toContain('<h1>AniTrack</h1>');
  });

  it("shows raw HTML and script links from a policy file as text, under the site's Content-Security-Policy", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'anitrack-policies-'));
    writeFileSync(
      join(directory, 'privacy.md'),
      [
        'Last updated: 2026-01-01',
        '',
        '# Privacy',
        '',
        '<script>document.title = "owned"</script>',
        '',
        'Inline <img src=x onerror=alert(1)> and an unclosed <img src=x onerror=alert(2) to the end',
        '',
        '[click](javascript:alert(3)) [again](JavaScript&#58;alert(4)) <javascript:alert(5)> [data](data:text/html,hi)',
        '',
        '[AniList](https://anilist.co/terms) and [terms](/terms)',
      ].join('\n'),
    );
    writeFileSync(join(directory, 'terms.md'), 'Last updated: 2026-01-01\n\n<iframe src="https://evil.example"></iframe>\n');
    const app = await site(Date.now(), directory);
    const privacy = await app.inject({ method: 'GET', url: '/privacy' });
    expect(privacy.statusCode).toBe(200);
    const main = /<main>([\s\S]*)<\/main>/.exec(privacy.body)![1]!;
    // Not one live tag but the ones Markdown itself makes, and no handler or script address.
    expect(main.match(/<[a-z][a-z0-9]*/g)).toEqual(['<p', '<h1', '<p', '<p', '<p', '<a', '<p', '<a', '<a']);
    expect(main).not.toMatch(/<(script|img|iframe)/i);
    expect(main).not.toMatch(/href="(javascript|data):/i);
    expect(main).toContain('&#60;script&#62;document.title');
    expect(main).toContain('<a href="https://anilist.co/terms">AniList</a> and <a href="/terms">terms</a>');
    expect(privacy.headers['content-security-policy']).toContain("default-src 'none'");

    const terms = await app.inject({ method: 'GET', url: '/terms' });
    expect(terms.body).not.toContain('<iframe');
    expect(terms.body).toContain('&#60;iframe');
  });

  it('refuses to start with a policy that has no date', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'anitrack-policies-'));
    writeFileSync(join(directory, 'privacy.md'), '# Privacy\n');
    writeFileSync(join(directory, 'terms.md'), 'Last updated: 2026-01-01\n');
    await expect(site(Date.now(), directory)).rejects.toThrow('must start with "Last updated: YYYY-MM-DD"');
  });
});
