// One API route as data: its method, path, schemas and handler. The same list registers the
// Fastify routes and writes the OpenAPI document, so the two cannot drift apart. Every route
// needs a session; one that changes something also needs the session's CSRF token in the
// x-csrf-token header. Bad input is a 400 naming the field, a server the user may not manage
// is a 404 like one that does not exist.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DashboardSession } from '../../store/repositories.ts';
import { csrfTokenMatches } from '../sessions.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Sent with the answer (a 429's retry-after). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NOT_FOUND = () => new ApiError(404, 'No such server, or you may not manage it.');

export interface ApiRoute<P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, A extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Fastify style (`:id`); the OpenAPI document spells it `{id}`. */
  url: string;
  summary: string;
  params?: P;
  /** The query string's parameters (an object schema; all optional, as a query's are). */
  query?: Q;
  body?: B;
  /** The answer's schema; none for 204. */
  answer?: A;
  status: 200 | 201 | 204;
  handle(input: { session: DashboardSession; params: z.output<P>; query: z.output<Q>; body: z.output<B> }): Promise<z.input<A> | undefined>;
}

export const defineRoute = <P extends z.ZodType, B extends z.ZodType, A extends z.ZodType, Q extends z.ZodType = z.ZodType>(route: ApiRoute<P, B, A, Q>) =>
  route as unknown as ApiRoute;

const changesState = (method: string) => method !== 'GET';

function parsed<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  throw new ApiError(400, `${field}: ${issue.message}`);
}

export function registerApiRoutes(
  app: FastifyInstance,
  routes: readonly ApiRoute[],
  findSession: (request: FastifyRequest) => Promise<DashboardSession | undefined>,
  config: Record<string, unknown> = {},
): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const session = await findSession(request);
        if (!session) return reply.code(401).send({ message: 'Log in with Discord first.' });
        if (changesState(route.method) && !csrfTokenMatches(session, request.headers['x-csrf-token'])) {
          return reply.code(403).send({ message: 'This request is missing its CSRF token (x-csrf-token). Reload the page and try again.' });
        }
        const params = parsed(route.params, request.params, 'path');
        const query = parsed(route.query, request.query ?? {}, 'query');
        const body = parsed(route.body, request.body ?? {}, 'body');
        const answer = await route.handle({ session, params, query, body });
        if (route.status === 204) return reply.code(204).send();
        return reply.code(route.status).send(answer);
      },
    });
  }
}
