// The privacy policy and terms, written in Markdown files the operator edits (docs/policies/),
// and the home page, which points to a changed policy for 30 days after its date (promise P11 in docs/promises.md).
// The Markdown's raw HTML is shown as text (safe-markdown.ts) and the site's security headers,
// its Content-Security-Policy among them, apply to these pages like any other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnalyticsConsent } from './analytics-consent.ts';
import { renderMarkdown } from './safe-markdown.ts';

export interface PolicyDocument {
  /** The date on the document's first line ("Last updated: 2026-11-26"), epoch ms. */
  updatedAt: number;
  html: string;
}

const NOTICE_DAYS = 30;

export function loadPolicy(directory: string, name: 'privacy' | 'terms'): PolicyDocument {
  const text = readFileSync(join(directory, `${name}.md`), 'utf8');
  const match = /^Last updated: (\d{4}-\d{2}-\d{2})\s*$/m.exec(text.split('\n')[0] ?? '');
  if (!match) throw new Error(`docs/policies/${name}.md must start with "Last updated: YYYY-MM-DD"`);
  return { updatedAt: Date.parse(`${match[1]}T00:00:00Z`), html: renderMarkdown(text) };
}

/** A page of the site; `commandsPage`: whether /commands exists, so the footer links to it; `extra`: the analytics banner or script. */
export function page(title: string, body: string, commandsPage = false, extra = ''): string {
  const commands = commandsPage ? ' · <a href="/commands">Commands</a>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main>${body}</main><footer><a href="/">Home</a>${commands} · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></footer>${extra}</body></html>`;
}

export interface HomeLinks {
  /** The bot's install link ("Add to Discord"). */
  inviteUrl?: string | undefined;
  /** Whether Login with Discord is on (the dashboard is configured). */
  login: boolean;
  /** Whether the site has its commands page (commands.routes.ts). */
  commands?: boolean | undefined;
}

export async function policyRoutes(
  app: FastifyInstance,
  options: { directory: string; now(): number; home: HomeLinks; analytics: AnalyticsConsent },
): Promise<void> {
  const privacy = loadPolicy(options.directory, 'privacy');
  const terms = loadPolicy(options.directory, 'terms');
  const commandsPage = options.home.commands === true;
  const send = (title: string, html: string) => (request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(page(title, html, commandsPage, options.analytics.pageHtml(request)));
  app.get('/privacy', send('AniTrack privacy policy', privacy.html));
  app.get('/terms', send('AniTrack terms of use', terms.html));
  app.get('/', async (request, reply) => {
    const changedRecently = options.now() - privacy.updatedAt < NOTICE_DAYS * 24 * 3_600_000;
    const date = new Date(privacy.updatedAt).toISOString().slice(0, 10);
    const notice = changedRecently ? `<p role="status" class="notice">Our <a href="/privacy">privacy policy</a> changed on ${date}.</p>` : '';
    const actions = [
      options.home.inviteUrl ? `<a class="button" href="${options.home.inviteUrl.replace(/&/g, '&amp;')}">Add to Discord</a>` : '',
      options.home.login ? '<a class="button" href="/auth/discord/login">Log in with Discord</a>' : '',
      commandsPage ? '<a href="/commands">See every command</a>' : '',
    ].join(' ');
    const intro =
      '<p>AniTrack posts to your Discord server when an episode of the anime your community follows airs, and pings the members who asked for it. Add anime with <code>/anime add</code> or from the dashboard.</p>';
    return reply
      .type('text/html; charset=utf-8')
      .send(page('AniTrack', `${notice}<h1>AniTrack</h1>${intro}<p class="actions">${actions}</p>`, commandsPage, options.analytics.pageHtml(request)));
  });
}
