// /api/v1/openapi.json, written from the same route list and schemas the server uses.
import { z } from 'zod';
import type { ApiRoute } from './api-route.ts';
import { problem } from './schemas.ts';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });

export function openApiDocument(routes: readonly ApiRoute[], publicUrl: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...(route.params
        ? Object.keys((route.params as unknown as z.ZodObject).shape).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))
        : []),
      ...(route.query
        ? Object.entries((route.query as unknown as z.ZodObject).shape).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
          }))
        : []),
    ];
    const responses: Record<string, unknown> = {
      [route.status]: route.answer ? { description: 'OK', content: json(route.answer) } : { description: 'Done' },
      '400': { description: 'Bad input', content: json(problem) },
      '401': { description: 'No session', content: json(problem) },
      ...(route.method !== 'GET' && { '403': { description: 'Missing or wrong CSRF token', content: json(problem) } }),
      ...(route.params && { '404': { description: 'No such server, or the user may not manage it', content: json(problem) } }),
    };
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        summary: route.summary,
        parameters,
        ...(route.body && { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) } } } }),
        responses,
        security: [{ session: [] }],
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'AniTrack dashboard API', version: '1' },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'anitrack_session',
          description: 'Log in at /auth/discord/login; on https the cookie is __Host-anitrack_session',
        },
      },
    },
    paths,
  };
}
