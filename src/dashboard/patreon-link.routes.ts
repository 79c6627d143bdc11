// Link Patreon: for a patron whose Patreon account names no Discord account. The OAuth2 code
// flow (scopes identity identity.memberships) with a random state kept in a short-lived HttpOnly
// cookie for this browser and its logged-in member, compared in constant time at the callback.
// The callback stores the link (the repository seals its tokens) and the patron's memberships in
// our campaign, so they count at once, then works the servers' tiers out again. Anything refused
// (Deny on Patreon, a state that does not match, a code Patreon will not exchange) stores nothing.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DashboardSession, Repositories } from '../store/repositories.ts';
import type { Billing, PatreonDashboardOptions } from './billing.ts';
import { supportWords } from './billing-words.ts';
import type { FindSession } from './pages/page-access.ts';
import { checkFormCsrf } from './pages/page-access.ts';
import { backToBilling } from './pages/billing.routes.ts';
import { LOGIN_RATE_LIMIT } from './rate-limits.ts';

export interface PatreonLinkOptions {
  patreon: PatreonDashboardOptions | undefined;
  billing: Billing;
  repositories: Repositories;
  findSession: FindSession;
  publicUrl(): string;
  now(): number;
}

const STATE_COOKIE = 'anitrack_patreon_state';
const STATE_PATH = '/patreon';
const SCOPES = 'identity identity.memberships';

function stateMatches(cookie: string | undefined, session: DashboardSession, state: unknown): boolean {
  if (!cookie || typeof state !== 'string') return false;
  const expected = Buffer.from(`${session.userId}.${state}`);
  const kept = Buffer.from(cookie);
  return expected.length === kept.length && timingSafeEqual(expected, kept);
}

const refused = (text: string) => ({ text, error: true });

export async function patreonLinkRoutes(app: FastifyInstance, options: PatreonLinkOptions): Promise<void> {
  const { patreon, repositories, findSession } = options;
  const oauth = patreon?.oauth;
  const https = () => new URL(options.publicUrl()).protocol === 'https:';
  const redirectUri = () => `${options.publicUrl()}/patreon/callback`;
  const NOT_SET_UP = refused('Linking a Patreon account is not set up on this AniTrack.');

  app.get('/patreon/link', { config: LOGIN_RATE_LIMIT }, async (request, reply) => {
    const session = await findSession(request);
    if (!session) return reply.redirect(`/auth/discord/login?next=${encodeURIComponent('/billing')}`);
    if (!oauth) return backToBilling(reply, NOT_SET_UP);
    const state = randomBytes(32).toString('base64url');
    reply.setCookie(STATE_COOKIE, `${session.userId}.${state}`, { httpOnly: true, sameSite: 'lax', secure: https(), path: STATE_PATH, maxAge: 600 });
    const consent = new URL(oauth.authorizeUrl);
    consent.search = new URLSearchParams({ response_type: 'code', client_id: oauth.clientId, redirect_uri: redirectUri(), scope: SCOPES, state }).toString();
    return reply.redirect(consent.href);
  });

  app.get(
    '/patreon/callback',
    { config: LOGIN_RATE_LIMIT },
    async (request: FastifyRequest<{ Querystring: { code?: unknown; state?: unknown; error?: unknown } }>, reply) => {
      const kept = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
      const session = await findSession(request);
      if (!session) return reply.redirect(`/auth/discord/login?next=${encodeURIComponent('/billing')}`);
      if (!patreon || !oauth) return backToBilling(reply, NOT_SET_UP);
      const { code, state, error } = request.query;
      if (typeof error === 'string') {
        return backToBilling(
          reply,
          refused(
            error === 'access_denied'
              ? 'You did not allow AniTrack on Patreon, so nothing was linked. You can try again at any time.'
              : 'Patreon did not link your account, so nothing was stored. Try again in a moment.',
          ),
        );
      }
      if (!stateMatches(kept, session, state)) {
        return backToBilling(
          reply,
          refused('This Patreon link was not started here or has expired (10 minutes), so nothing was stored. Press "Link Patreon" again.'),
        );
      }
      if (typeof code !== 'string' || code.length === 0 || code.length > 512) {
        return backToBilling(reply, refused('Patreon sent back no code, so nothing was stored. Press "Link Patreon" again.'));
      }
      let identity: Awaited<ReturnType<typeof patreon.api.identity>>;
      let tokens: Awaited<ReturnType<typeof patreon.api.exchangeCode>>;
      try {
        tokens = await patreon.api.exchangeCode(
          { code, redirectUri: redirectUri(), clientId: oauth.clientId, clientSecret: oauth.clientSecret },
          options.now(),
        );
        identity = await patreon.api.identity(tokens.accessToken);
      } catch (failure) {
        request.log.info({ reason: failure instanceof Error ? failure.message : String(failure) }, 'A Patreon link was refused');
        return backToBilling(
          reply,
          refused('Patreon did not confirm the link (the code may have expired or been used), so nothing was stored. Press "Link Patreon" again.'),
        );
      }
      const at = options.now();
      await repositories.patreon.links.save({
        discordUserId: session.userId,
        patreonUserId: identity.patreonUserId,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenExpiresAt: tokens.expiresAt,
        linkedAt: at,
      });
      // Memberships of other creators' campaigns are none of our business.
      for (const { campaignId, ...member } of identity.members) {
        if (patreon.campaignId !== undefined && campaignId === patreon.campaignId) await repositories.patreon.members.apply(member, at);
      }
      await patreon.premium.recompute();
      const linked = await options.billing.state(session);
      return backToBilling(reply, { text: `Your Patreon account is linked. ${supportWords(linked)}`, error: false });
    },
  );

  app.post('/patreon/unlink', { config: LOGIN_RATE_LIMIT }, async (request: FastifyRequest<{ Body?: { csrf?: string } }>, reply) => {
    const session = await findSession(request);
    if (!session) return reply.redirect(`/auth/discord/login?next=${encodeURIComponent('/billing')}`);
    checkFormCsrf(request, session);
    // Patreon offers no way to revoke a token: deleting ours ends AniTrack's access for good.
    const removed = await repositories.patreon.links.delete(session.userId);
    if (!removed) return backToBilling(reply, refused('No Patreon account was linked here.'));
    await patreon?.premium.recompute();
    const after = await options.billing.state(session);
    return backToBilling(reply, { text: `Your Patreon account is unlinked. ${supportWords(after)}`, error: false });
  });
}
