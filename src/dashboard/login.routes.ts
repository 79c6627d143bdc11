// Login with Discord: the OAuth2 authorization code flow with PKCE (S256) and a state bound to
// the browser that started it (both kept in short-lived cookies by @fastify/oauth2 and
// checked at the callback, then cleared), scopes identify and guilds. A successful callback
// starts a new session with a new id; logging out revokes Discord's tokens and deletes it.
import oauthPlugin, { type OAuth2Namespace } from '@fastify/oauth2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.ts';
import type { DashboardSession } from '../store/repositories.ts';
import type { DiscordTokens, DiscordUserApi } from './discord-user-api.ts';
import { sameOriginPath } from './same-origin-path.ts';
import type { SessionCookie } from './session-cookie.ts';
import { csrfTokenMatches, type Sessions } from './sessions.ts';
import { messagePage } from './message-page.ts';
import { LOGIN_RATE_LIMIT } from './rate-limits.ts';

export interface LoginOptions {
  clientId: string;
  clientSecret: string;
  /** Discord's consent page (DISCORD_AUTHORIZE_URL). */
  authorizeUrl: string;
  /** Discord's REST base without the version (DISCORD_API_URL). */
  apiUrl: string;
  /** Where people reach the site; a function, since with PORT=0 it is known only once the server listens. */
  publicUrl(): string;
  sessions: Sessions;
  cookie: SessionCookie;
  userApi: DiscordUserApi;
  logger: Logger;
  now(): number;
  /** Called when a user logs out or in again, so cached rights are not reused. */
  forgetUser(userId: string): void;
}

const NEXT_COOKIE = 'anitrack_login_next';

declare module 'fastify' {
  interface FastifyInstance {
    discordOAuth2: OAuth2Namespace;
  }
}

/** The OAuth2 client, for refreshing tokens outside the login routes. */
export type TokenRefresher = (session: DashboardSession) => Promise<DashboardSession>;

const tokensFrom = (token: { access_token: string; refresh_token?: string; expires_in?: number }, now: number, previousRefresh?: string): DiscordTokens => ({
  accessToken: token.access_token,
  refreshToken: token.refresh_token ?? previousRefresh ?? '',
  tokenExpiresAt: now + (token.expires_in ?? 604_800) * 1000,
});

/** Registers the OAuth2 client (app.discordOAuth2) in `app`'s scope: the login routes and token refreshes use it. */
export async function registerDiscordOAuth(
  app: FastifyInstance,
  options: Pick<LoginOptions, 'clientId' | 'clientSecret' | 'authorizeUrl' | 'apiUrl' | 'publicUrl'>,
): Promise<void> {
  const https = new URL(options.publicUrl()).protocol === 'https:';
  const authorize = new URL(options.authorizeUrl);
  const api = new URL(options.apiUrl);
  const apiPath = api.pathname.replace(/\/$/, '');
  await app.register(oauthPlugin, {
    name: 'discordOAuth2',
    scope: ['identify', 'guilds'],
    credentials: {
      client: { id: options.clientId, secret: options.clientSecret },
      auth: {
        authorizeHost: authorize.origin,
        authorizePath: authorize.pathname,
        tokenHost: api.origin,
        tokenPath: `${apiPath}/v10/oauth2/token`,
        revokePath: `${apiPath}/v10/oauth2/token/revoke`,
      },
      options: { authorizationMethod: 'header' },
    },
    callbackUri: () => `${options.publicUrl()}/auth/discord/callback`,
    pkce: 'S256',
    hostPrefixedCookies: https,
    cookie: { secure: https, sameSite: 'lax', httpOnly: true, path: '/' },
  });
}

export async function loginRoutes(app: FastifyInstance, options: LoginOptions): Promise<void> {
  const https = new URL(options.publicUrl()).protocol === 'https:';
  const revoke = loginRevoker(app, options.logger);

  app.get('/auth/discord/login', { config: LOGIN_RATE_LIMIT }, async (request: FastifyRequest<{ Querystring: { next?: string } }>, reply) => {
    const next = sameOriginPath(request.query.next, options.publicUrl());
    if (next) reply.setCookie(NEXT_COOKIE, next, { httpOnly: true, sameSite: 'lax', secure: https, path: '/auth/discord', maxAge: 600 });
    const uri = await app.discordOAuth2.generateAuthorizationUri(request, reply);
    return reply.redirect(uri);
  });

  app.get('/auth/discord/callback', { config: LOGIN_RATE_LIMIT }, async (request: FastifyRequest<{ Querystring: { error?: string } }>, reply) => {
    if (typeof request.query.error === 'string') {
      return sendPage(reply, 400, 'Login cancelled', 'Discord did not log you in (you may have pressed Cancel). You can try again.');
    }
    let tokens: DiscordTokens;
    try {
      const { token } = await app.discordOAuth2.getAccessTokenFromAuthorizationCodeFlow(request, reply);
      tokens = tokensFrom(token, options.now());
    } catch (error) {
      // A forged or stale state, a missing verifier, a code used twice: nothing to tell an attacker.
      request.log.info({ reason: error instanceof Error ? error.message : String(error) }, 'A login callback was refused');
      return sendPage(reply, 400, 'Login failed', 'This login link has expired or was already used. Start again from the login button.');
    }
    const user = await options.userApi.me(tokens.accessToken);
    const previous = request.cookies[options.cookie.name];
    if (previous) await options.sessions.end(previous);
    options.forgetUser(user.id);
    const { id } = await options.sessions.start({ id: user.id, username: user.global_name ?? user.username }, tokens);
    reply.setCookie(options.cookie.name, id, options.cookie.options);
    const next = sameOriginPath(request.cookies[NEXT_COOKIE], options.publicUrl()) ?? '/servers';
    reply.clearCookie(NEXT_COOKIE, { path: '/auth/discord' });
    return reply.redirect(next, 303);
  });

  app.post('/auth/logout', { config: LOGIN_RATE_LIMIT }, async (request: FastifyRequest<{ Body?: { csrf?: string } }>, reply) => {
    const id = request.cookies[options.cookie.name];
    const session = await options.sessions.find(id);
    if (!session) return reply.code(401).send({ message: 'You are not logged in.' });
    const sent = request.headers['x-csrf-token'] ?? request.body?.csrf;
    if (!csrfTokenMatches(session, sent)) return reply.code(403).send({ message: 'This request is missing its CSRF token. Reload the page and try again.' });
    await options.sessions.end(id!);
    options.forgetUser(session.userId);
    reply.clearCookie(options.cookie.name, { path: '/' });
    await revoke(session);
    return reply.redirect('/', 303);
  });
}

/** Revokes a login's tokens at Discord (which ends the authorization they belong to). */
export type LoginRevoker = (tokens: Pick<DashboardSession, 'accessToken' | 'refreshToken'>) => Promise<void>;

/** Revokes through the registered OAuth2 client. Best effort: the session is already gone either way, so a failure is only logged. */
export function loginRevoker(app: FastifyInstance, logger: Logger): LoginRevoker {
  return async (tokens) => {
    await app.discordOAuth2
      .revokeAllToken({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer' } as never, undefined)
      .catch((error: unknown) => logger.warn({ err: error }, 'Could not revoke a Discord login'));
  };
}

/** Refreshes a session's Discord tokens through the registered OAuth2 client and stores them. */
export function tokenRefresher(app: FastifyInstance, sessions: Sessions, now: () => number): TokenRefresher {
  return async (session) => {
    const { token } = await app.discordOAuth2.getNewAccessTokenUsingRefreshToken(
      { access_token: session.accessToken, refresh_token: session.refreshToken, token_type: 'Bearer' } as never,
      {},
    );
    return sessions.saveTokens(session, tokensFrom(token, now(), session.refreshToken));
  };
}

function sendPage(reply: FastifyReply, status: number, title: string, text: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(messagePage(title, text));
}
