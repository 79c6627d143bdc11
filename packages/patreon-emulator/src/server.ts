// One pipeline for every request: find the route (404/405 otherwise), scheduled failures, the
// bearer token the API routes need (401), rate limits (429), then the handler, whose refusals
// are JsonApiErrors (or OAuthErrors from the token endpoint). Every request is logged with its
// answer and who made it; secrets in forms are never kept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults, RouteName } from './faults.ts';
import { JsonApiError, unauthorized } from './json-api.ts';
import type { Grant, OAuthStore } from './oauth-store.ts';
import type { RateLimiter } from './rate-limits.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  route: RouteName | null;
  /** Decoded names: "fields[member]" however the brackets were sent. */
  query: Record<string, string>;
  /** Whose token it was (null without a valid one). */
  auth: { kind: Grant['kind']; userId: string; clientId: string } | null;
  /** A POST's form fields; client_secret, code and refresh_token are replaced by "[redacted]". */
  form: Record<string, string> | undefined;
  status: number | null;
  at: number;
}

export interface RouteRequest {
  url: URL;
  origin: string;
  form: URLSearchParams | null;
  /** The bearer token's grant; always set on routes with auth 'bearer'. */
  grant: Grant | null;
}

export interface RouteResult {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  path: RegExp;
  auth: 'bearer' | 'none';
  handle(request: RouteRequest, match: readonly string[]): RouteResult;
}

/** RFC 6749 §5.2 bodies for the token endpoint: {"error", "error_description"?}. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(`${status} ${error}`);
  }
}

const SECRET_FIELDS = new Set(['client_secret', 'code', 'refresh_token']);

export interface ServerDeps {
  routes: readonly Route[];
  faults: Faults;
  limiter: RateLimiter;
  oauth: OAuthStore;
  /** The client a token request names, when it is the registered one (for its rate limit). */
  knownClient(clientId: string | null): string | null;
  requests: RecordedRequest[];
  now(): number;
  origin(): string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createHandler(deps: ServerDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', deps.origin());
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);
    const isForm = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
    const form = method === 'POST' && isForm ? new URLSearchParams(raw) : null;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      route: null,
      query: Object.fromEntries(url.searchParams),
      auth: null,
      form: form ? Object.fromEntries([...form].map(([name, value]) => [name, SECRET_FIELDS.has(name) ? '[redacted]' : value])) : undefined,
      status: null,
      at: deps.now(),
    };
    deps.requests.push(record);
    const answer = (result: RouteResult) => {
      record.status = result.status;
      const type = result.html !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
      response.writeHead(result.status, { ...result.headers, 'Content-Type': type });
      response.end(result.html ?? JSON.stringify(result.json ?? null));
    };

    try {
      const onPath = deps.routes.map((route) => ({ route, match: route.path.exec(url.pathname) })).filter((entry) => entry.match !== null);
      const found = onPath.find((entry) => entry.route.method === method);
      if (!found) {
        if (onPath.length > 0) throw new JsonApiError(405, 'MethodNotAllowed', 'Method not allowed', `${method} is not allowed on ${url.pathname}.`);
        throw new JsonApiError(404, 'ResourceMissing', 'Not found', `The stand-in has nothing at ${url.pathname}.`);
      }
      const { route, match } = found;
      record.route = route.name;

      const failure = deps.faults.take(route.name, method, url.pathname);
      if (failure) return answer({ status: failure.status, json: failure.body, headers: failure.headers });

      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
      const grant = token === null ? null : (deps.oauth.grant(token) ?? null);
      if (grant) record.auth = { kind: grant.kind, userId: grant.userId, clientId: grant.clientId };
      if (route.auth === 'bearer') {
        if (!grant) throw unauthorized();
        deps.limiter.take({ token, clientId: grant.clientId });
      } else if (route.name === 'token') {
        deps.limiter.take({ token: null, clientId: deps.knownClient(form?.get('client_id') ?? null) });
      }
      return answer(route.handle({ url, origin: deps.origin(), form, grant: route.auth === 'bearer' ? grant : null }, match ?? []));
    } catch (error) {
      if (error instanceof JsonApiError) return answer({ status: error.status, json: error.body, headers: error.headers });
      if (error instanceof OAuthError) {
        const body = error.description === undefined ? { error: error.error } : { error: error.error, error_description: error.description };
        return answer({ status: error.status, json: body, headers: { 'Cache-Control': 'no-store' } });
      }
      const detail = error instanceof Error ? error.message : String(error);
      return answer({ status: 500, json: new JsonApiError(500, 'InternalError', 'The stand-in failed', detail).body });
    }
  };
}
