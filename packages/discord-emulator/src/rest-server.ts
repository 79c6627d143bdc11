// The REST side of the fake: everything under /api/v10 (and /api unversioned, as Discord's own
// OAuth2 URLs are written), plus the few pages a browser visits at the site root. One pipeline
// for every route: find the route (404/405), injected faults, the credential the route needs
// (401), rate limits (429), then the handler, whose refusals are ApiErrors (or OAuthErrors on
// the OAuth2 endpoints), so no route can forget a step. Every request is recorded with its
// answer; the Authorization header keeps only its scheme.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, methodNotAllowed, notFound, unauthorized } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import type { Faults } from './faults.ts';
import { parseBody, parseForm, readRaw, recordableHeaders, redactPathTokens, sendHtml, sendJson } from './http-io.ts';
import { OAuthError } from './oauth-errors.ts';
import type { BucketChoice, RateLimiter } from './rate-limits.ts';
import { findRoute, type HttpMethod, type Route, type RouteMatch } from './router.ts';

export const API_PREFIX = '/api/v10';

/** The route path of an API request: after /api/v10, or after /api when no version is given. */
export function apiPath(pathname: string): string | null {
  if (pathname.startsWith(`${API_PREFIX}/`)) return pathname.slice(API_PREFIX.length);
  if (pathname.startsWith('/api/') && !/^\/api\/v\d+\//.test(pathname)) return pathname.slice('/api'.length);
  return null;
}

export interface RecordedRequest {
  method: string;
  /** The path after /api/v10 (or /api; the full path for a site page), with webhook and interaction tokens replaced by "[token]". */
  path: string;
  /** The route that answered, e.g. "POST /webhooks/:webhookId/:token"; null when none matched. */
  route: string | null;
  query: Record<string, string>;
  /** Lower-case names; Authorization keeps only its scheme ("Bot [redacted]"). */
  headers: Record<string, string>;
  /** The parsed JSON body (payload_json for multipart; the fields of a form, as sent), undefined when none was sent. */
  body: unknown;
  /** The status answered; null while the request is in progress. */
  status: number | null;
  at: number;
  /** The address the request came from, which the global limit of webhook executions is counted by. */
  from: string;
}

export interface RestServerDeps {
  context: FakeDiscordContext;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: Faults;
  botToken: string;
  /** Whether a Bearer token is a live OAuth2 access token (not unknown, expired or revoked). */
  bearerIsLive(token: string): boolean;
  requests: RecordedRequest[];
}

export function createRestHandler(deps: RestServerDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { context, routes, limiter, faults, requests } = deps;

  const apiRoutes = routes.filter((route) => !route.site);
  const siteRoutes = routes.filter((route) => route.site);

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const api = apiPath(url.pathname);
    const path = api ?? url.pathname;
    const raw = await readRaw(request);
    const record: RecordedRequest = {
      method,
      path: redactPathTokens(path),
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers: recordableHeaders(request),
      body: undefined,
      status: null,
      at: context.now(),
      from: request.socket.remoteAddress ?? '',
    };
    requests.push(record);
    let headers: Record<string, string> = {};
    const answer = (status: number, body?: unknown, html?: string) => {
      record.status = status;
      if (html !== undefined) sendHtml(response, status, html, headers);
      else sendJson(response, status, body, headers);
    };

    try {
      const lookup = findRoute(api === null ? siteRoutes : apiRoutes, method, path);
      if (lookup.kind === 'none') throw notFound();
      if (lookup.kind === 'wrong-method') throw methodNotAllowed();
      const { route, params } = lookup.match;
      record.route = `${route.method} ${route.path}`;
      const contentType = request.headers['content-type'];
      const parsed =
        route.body === 'form'
          ? { ...parseForm(raw, contentType), json: undefined, files: [] }
          : { ...(await parseBody(raw, contentType)), form: null, recorded: undefined };
      record.body = route.body === 'form' ? parsed.recorded : parsed.json;

      const failure = faults.takeFailure(method, path);
      if (failure) return answer(failure.status, failure.body);

      const authorization = request.headers.authorization;
      const botAuthorized = authorization === `Bot ${deps.botToken}`;
      const presented = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const bearerToken = presented !== undefined && deps.bearerIsLive(presented) ? presented : null;
      const callerKey = botAuthorized ? 'bot' : bearerToken !== null ? `bearer ${bearerToken}` : `address ${request.socket.remoteAddress ?? ''}`;
      const choice = route.site ? null : bucketChoice(context, lookup.match, callerKey, bearerToken);
      const now = context.now();
      const forced = choice ? faults.takeRateLimit(method, path) : undefined;
      if (forced && choice) {
        const verdict = limiter.forced(choice, forced.retryAfterMs, forced.global, now);
        headers = verdict.headers;
        return answer(429, verdict.allowed ? undefined : verdict.body);
      }
      if (!authorized(route, botAuthorized, bearerToken)) {
        headers = choice ? limiter.peek(choice, now) : {};
        throw unauthorized();
      }
      if (choice) {
        const verdict = limiter.check(choice, now);
        headers = verdict.headers;
        if (!verdict.allowed) return answer(429, verdict.body);
      }

      const result = await route.handle({
        method: method as HttpMethod,
        path,
        query: url.searchParams,
        body: parsed.json,
        files: parsed.files,
        form: parsed.form,
        authorization,
        botAuthorized,
        bearerToken,
        param(name) {
          const value = params.get(name);
          if (value === undefined) throw new Error(`fake Discord: route ${route.path} has no :${name}`);
          return value;
        },
      });
      headers = { ...headers, ...result.headers };
      return answer(result.status, result.body, result.html);
    } catch (error) {
      if (error instanceof ApiError) return answer(error.status, error.body);
      if (error instanceof OAuthError) {
        // RFC 6749 §5.1: nothing from the token endpoint may be cached, errors included.
        headers = { ...headers, ...error.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' };
        return answer(error.status, error.body);
      }
      return answer(500, { message: `fake Discord failed: ${error instanceof Error ? error.message : String(error)}`, code: 0 });
    }
  };
}

function authorized(route: Route, bot: boolean, bearer: string | null): boolean {
  switch (route.auth) {
    case 'none':
      return true;
    case 'bot':
      return bot;
    case 'bearer':
      return bearer !== null;
    case 'bot-or-bearer':
      return bot || bearer !== null;
  }
}

/**
 * Discord keys per-route limits on the top-level resource (webhook id + token, channel, guild),
 * counts requests against the global limit of the bot (or of the address, without a bot token),
 * and exempts interaction endpoints (callbacks, and follow-ups on an interaction token) from it.
 * Requests made with an OAuth2 token are limited "per route but for a particular user"
 * (discord-api-docs#647), so their routes without a resource are kept per token.
 */
function bucketChoice(context: FakeDiscordContext, { route, params }: RouteMatch, globalKey: string, bearer: string | null): BucketChoice {
  const name = `${route.method} ${route.path}`;
  if (route.path === '/users/@me/guilds') return { kind: 'userGuilds', name, major: bearer ?? 'bot', globalKey };
  if (route.path.startsWith('/webhooks/:webhookId/:token')) {
    const webhookId = params.get('webhookId') ?? '';
    const token = params.get('token') ?? '';
    const forInteraction = webhookId === context.applicationId && context.interactions.byToken(token) !== undefined;
    return { kind: 'webhook', name: 'webhook', major: `${webhookId}/${token}`, globalKey: forInteraction ? null : globalKey };
  }
  if (route.path.startsWith('/interactions/')) return { kind: 'route', name, major: params.get('interactionId') ?? '', globalKey: null };
  const [, top] = route.path.split('/');
  const major =
    top === 'channels' ? params.get('channelId') : top === 'guilds' ? params.get('guildId') : top === 'webhooks' ? params.get('webhookId') : undefined;
  return { kind: 'route', name, major: major ?? bearer ?? 'global', globalKey };
}
