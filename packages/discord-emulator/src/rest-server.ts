// The REST side of the fake: everything under /api/v10. One pipeline for every route: find the
// route (404/405), injected faults, the bot token (401), rate limits (429), then the handler,
// whose refusals are ApiErrors, so no route can forget a step. Every request is recorded with
// its answer; credentials are never kept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, methodNotAllowed, notFound, unauthorized } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import type { Faults } from './faults.ts';
import { parseBody, readRaw, recordableHeaders, redactPathTokens, sendJson } from './http-io.ts';
import type { BucketChoice, RateLimiter } from './rate-limits.ts';
import { findRoute, type HttpMethod, type Route, type RouteMatch } from './router.ts';

export const API_PREFIX = '/api/v10';

export interface RecordedRequest {
  method: string;
  /** The path after /api/v10, with webhook and interaction tokens replaced by "[token]". */
  path: string;
  /** The route that answered, e.g. "POST /webhooks/:webhookId/:token"; null when none matched. */
  route: string | null;
  query: Record<string, string>;
  /** Lower-case names; Authorization keeps only its scheme ("Bot [redacted]"). */
  headers: Record<string, string>;
  /** The parsed JSON body (payload_json for multipart), undefined when none was sent. */
  body: unknown;
  /** The status answered; null while the request is in progress. */
  status: number | null;
  at: number;
}

export interface RestServerDeps {
  context: FakeDiscordContext;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: Faults;
  botToken: string;
  requests: RecordedRequest[];
}

export function createRestHandler(deps: RestServerDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { context, routes, limiter, faults, requests } = deps;

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
    const raw = await readRaw(request);
    const record: RecordedRequest = {
      method,
      path: redactPathTokens(path ?? url.pathname),
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers: recordableHeaders(request),
      body: undefined,
      status: null,
      at: context.now(),
    };
    requests.push(record);
    let headers: Record<string, string> = {};
    const answer = (status: number, body?: unknown) => {
      record.status = status;
      sendJson(response, status, body, headers);
    };

    try {
      if (path === null) throw notFound();
      const lookup = findRoute(routes, method, path);
      if (lookup.kind === 'none') throw notFound();
      if (lookup.kind === 'wrong-method') throw methodNotAllowed();
      const { route, params } = lookup.match;
      record.route = `${route.method} ${route.path}`;
      const parsed = await parseBody(raw, request.headers['content-type']);
      record.body = parsed.json;

      const failure = faults.takeFailure(method, path);
      if (failure) return answer(failure.status, failure.body);

      const botAuthorized = request.headers.authorization === `Bot ${deps.botToken}`;
      const choice = bucketChoice(context, lookup.match, botAuthorized ? 'bot' : `address ${request.socket.remoteAddress ?? ''}`);
      const now = context.now();
      const forced = faults.takeRateLimit(method, path);
      if (forced) {
        const verdict = limiter.forced(choice, forced.retryAfterMs, forced.global, now);
        headers = verdict.headers;
        return answer(429, verdict.allowed ? undefined : verdict.body);
      }
      if (route.auth === 'bot' && !botAuthorized) {
        headers = limiter.peek(choice, now);
        throw unauthorized();
      }
      const verdict = limiter.check(choice, now);
      headers = verdict.headers;
      if (!verdict.allowed) return answer(429, verdict.body);

      const result = await route.handle({
        method: method as HttpMethod,
        path,
        query: url.searchParams,
        body: parsed.json,
        files: parsed.files,
        botAuthorized,
        param(name) {
          const value = params.get(name);
          if (value === undefined) throw new Error(`fake Discord: route ${route.path} has no :${name}`);
          return value;
        },
      });
      return answer(result.status, result.body);
    } catch (error) {
      if (error instanceof ApiError) return answer(error.status, error.body);
      return answer(500, { message: `fake Discord failed: ${error instanceof Error ? error.message : String(error)}`, code: 0 });
    }
  };
}

/**
 * Discord keys per-route limits on the top-level resource (webhook id + token, channel, guild),
 * counts requests against the global limit of the bot (or of the address, without a bot token),
 * and exempts interaction endpoints (callbacks, and follow-ups on an interaction token) from it.
 */
function bucketChoice(context: FakeDiscordContext, { route, params }: RouteMatch, globalKey: string): BucketChoice {
  const name = `${route.method} ${route.path}`;
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
  return { kind: 'route', name, major: major ?? 'global', globalKey };
}
