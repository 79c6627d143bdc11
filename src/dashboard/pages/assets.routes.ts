// The dashboard's stylesheet and scripts, and htmx itself from its npm package: all served from
// this site, so no page loads anything from a CDN.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const OURS = fileURLToPath(new URL('../assets/', import.meta.url));
const HTMX = dirname(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'));

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: OURS, prefix: '/assets/', index: false, list: false, maxAge: '1h' });
  app.get('/assets/htmx.min.js', (_request, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('htmx.min.js', HTMX));
}
