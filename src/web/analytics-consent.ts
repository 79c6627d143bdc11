// Optional analytics, only with the visitor's consent. Off unless the operator sets
// ANALYTICS_SCRIPT_URL; then pages show a banner, and the script is loaded (and allowed by the
// Content-Security-Policy) only for a browser whose visitor pressed Accept. Before that nothing
// is loaded and no cookie is set; Decline sets nothing either (the banner simply asks again).
import type { IncomingMessage } from 'node:http';
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CONSENT_COOKIE = 'anitrack_analytics_consent';
const ONE_YEAR_S = 365 * 24 * 3600;

export interface AnalyticsConsent {
  /** The banner or the script tag a page includes for this request; '' when analytics are off. */
  pageHtml(request: FastifyRequest | IncomingMessage): string;
  /** Origins the page policy must allow for scripts and their requests, for this request. */
  allowedOrigin(request: FastifyRequest | IncomingMessage): string | undefined;
}

function consented(request: FastifyRequest | IncomingMessage): boolean {
  const header = request.headers.cookie ?? '';
  return header.split(';').some((pair) => pair.trim() === `${CONSENT_COOKIE}=granted`);
}

export function analyticsConsent(scriptUrl: string | undefined): AnalyticsConsent {
  if (!scriptUrl) return { pageHtml: () => '', allowedOrigin: () => undefined };
  const origin = new URL(scriptUrl).origin;
  const escaped = scriptUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return {
    pageHtml: (request) =>
      consented(request)
        ? `<script src="${escaped}" defer></script>`
        : `<form class="consent" method="post" action="/consent" data-testid="consent"><input type="hidden" name="back" value="${pathOf(request.url)}"><p>This site would like to count visits with an analytics service. Nothing is loaded until you agree; see the <a href="/privacy">privacy policy</a>.</p><button type="submit" name="choice" value="accept">Accept</button> <button type="submit" name="choice" value="decline" class="secondary">No thanks</button></form>`,
    allowedOrigin: (request) => (consented(request) ? origin : undefined),
  };
}

export async function consentRoutes(app: FastifyInstance, options: { enabled: boolean; https: boolean }): Promise<void> {
  if (!options.enabled) return;
  await app.register(formBody);
  app.post('/consent', async (request: FastifyRequest<{ Body?: { choice?: string; back?: string } }>, reply) => {
    const back = pathOf(request.body?.back);
    if (request.body?.choice === 'accept') {
      const secure = options.https ? '; Secure' : '';
      reply.header('set-cookie', `${CONSENT_COOKIE}=granted; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure}`);
    }
    return reply.redirect(back, 303);
  });
}

// Back to the page the banner was on: a path on this site only.
function pathOf(url: string | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.includes('\\') || url.length > 512) return '/';
  return url.replace(/[^\w\-./?=&%~]/g, '');
}
