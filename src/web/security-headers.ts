// Security headers on every answer (helmet), and the one Content-Security-Policy of each page.
// A page gets the site's policy (nothing but our own stylesheets and images, no script at all)
// unless its route asks for more with `helmet: contentSecurityPolicy({...})`, as the sandbox does
// for its script. Either way the page has exactly one policy.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { AnalyticsConsent } from './analytics-consent.ts';

type Directives = Record<string, string[]>;

const SITE_DIRECTIVES: Directives = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  // No other site may frame ours (clickjacking).
  frameAncestors: ["'none'"],
};

/** The site's policy with `allow` replacing or adding directives, as a route's helmet option. */
export function contentSecurityPolicy(allow: Directives = {}): { contentSecurityPolicy: { useDefaults: false; directives: Directives } } {
  return { contentSecurityPolicy: { useDefaults: false, directives: { ...SITE_DIRECTIVES, ...allow } } };
}

const ONE_YEAR_S = 365 * 24 * 3600;

/** The policy with `origin` allowed to run scripts, and to be sent requests and images (the consented analytics). */
export function allowingOrigin(policy: string, origin: string): string {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  for (const name of ['script-src', 'connect-src', 'img-src']) {
    const index = directives.findIndex((directive) => directive.split(/\s+/)[0] === name);
    if (index < 0) directives.push(`${name} ${origin}`);
    else directives[index] = `${directives[index]!.replace(/\s'none'/, '')} ${origin}`;
  }
  return directives.join(';');
}

export async function registerSecurityHeaders(app: FastifyInstance, options: { publicUrl: string; analytics: AnalyticsConsent }): Promise<void> {
  // Only for a visitor who agreed to analytics (analytics-consent.ts) does a page's policy allow its origin.
  app.addHook('onSend', async (request, reply) => {
    const origin = options.analytics.allowedOrigin(request);
    const policy = reply.getHeader('content-security-policy');
    if (origin && typeof policy === 'string') reply.header('content-security-policy', allowingOrigin(policy, origin));
  });
  // Over plain http a browser ignores HSTS anyway, and a local or test install must not tell a
  // browser to insist on https for its host.
  const https = new URL(options.publicUrl).protocol === 'https:';
  await app.register(helmet, {
    ...contentSecurityPolicy(),
    strictTransportSecurity: https ? { maxAge: ONE_YEAR_S, includeSubDomains: true } : false,
    // The legacy header agrees with frame-ancestors 'none' for browsers that ignore CSP.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
