// The fake's route table: each route is a method, a path template with `:name` segments (the
// same shape @discordjs/rest uses for its buckets), which credential it needs, and a handler.
// Matching is by segments so `/users/@me` and `/webhooks/:id/:token` never collide with each
// other's parameters. Most routes are API routes (under /api/v10 or /api); a few are pages a
// browser visits at the site root (the OAuth2 consent page), which answer HTML or redirects.
import type { AttachedFile } from './http-io.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  method: HttpMethod;
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: AttachedFile[];
  /** For `body: 'form'` routes: the fields of an application/x-www-form-urlencoded body; null for any other content type. */
  form: URLSearchParams | null;
  /** The Authorization header as sent. */
  authorization: string | undefined;
  /** True when the request carried `Authorization: Bot <the configured token>`. */
  botAuthorized: boolean;
  /** The token of `Authorization: Bearer <token>` when it is a live OAuth2 access token, else null. */
  bearerToken: string | null;
  /** A path parameter by name; the template guarantees it exists. */
  param(name: string): string;
}

export interface RouteResponse {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as text/html instead of `body` (browser pages). */
  html?: string;
  headers?: Record<string, string>;
}

/**
 * Which credential a route needs before its handler runs (else 401): the bot token, a live
 * OAuth2 access token, either of them, or none.
 */
export type RouteAuth = 'bot' | 'bearer' | 'bot-or-bearer' | 'none';

export interface Route {
  method: HttpMethod;
  path: string;
  auth: RouteAuth;
  /** 'form': the body is application/x-www-form-urlencoded (OAuth2), read into `form` rather than parsed as JSON. */
  body?: 'json' | 'form';
  /** A page at the site root (e.g. /oauth2/authorize), not an API route; never rate limited. */
  site?: boolean;
  handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

export interface RouteMatch {
  route: Route;
  params: Map<string, string>;
}

export type RouteLookup = { kind: 'match'; match: RouteMatch } | { kind: 'wrong-method' } | { kind: 'none' };

export function findRoute(routes: readonly Route[], method: string, path: string): RouteLookup {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchTemplate(route.path, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'match', match: { route, params } };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
}

export function matchTemplate(template: string, path: string): Map<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params = new Map<string, string>();
  for (const [index, segment] of want.entries()) {
    // Clients percent-encode segments (@discordjs/rest sends /users/%40me); Discord decodes them.
    const actual = safeDecode(got[index] ?? '');
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      params.set(segment.slice(1), actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Which requests a fault applies to: `'POST /webhooks/:id/:token'`, a bare path template
 * (any method), a RegExp tested against `'METHOD /path'`, or a predicate.
 */
export type RequestMatcher = string | RegExp | ((request: { method: string; path: string }) => boolean);

export function compileMatcher(matcher: RequestMatcher): (method: string, path: string) => boolean {
  if (typeof matcher === 'function') return (method, path) => matcher({ method, path });
  if (matcher instanceof RegExp) return (method, path) => matcher.test(`${method} ${path}`);
  const [first, ...rest] = matcher.trim().split(/\s+/);
  const hasMethod = rest.length > 0;
  const wantMethod = hasMethod ? first?.toUpperCase() : undefined;
  const template = hasMethod ? rest.join(' ') : (first ?? '');
  return (method, path) => (wantMethod === undefined || wantMethod === method) && matchTemplate(template, path) !== null;
}
