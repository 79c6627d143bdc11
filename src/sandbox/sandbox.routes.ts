// The /sandbox page and its JSON API (under /sandbox/api/), registered only by startSandbox: a
// pretend Discord server whose channels show what AniTrack's webhooks posted, and a command box
// that sends real signed interactions to the product's POST /interactions as a chosen member.
import { readFileSync } from 'node:fs';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { contentSecurityPolicy } from '../web/security-headers.ts';
import type { FakeDiscord } from '@anitrack/discord-emulator';
import { createSandboxApi, InteractionFailedError, SandboxInputError } from './sandbox-api.ts';
import type { SandboxWorld } from './world.ts';

export interface SandboxRoutesOptions {
  discord: FakeDiscord;
  world: SandboxWorld;
  interactionsUrl(): string;
}

const UI = new URL('./ui/', import.meta.url);
const STATIC_FILES = {
  'sandbox.js': 'text/javascript; charset=utf-8',
  'sandbox.css': 'text/css; charset=utf-8',
} as const;

// Everything the page loads comes from this server: no CDN, font or remote image (promise P10 in docs/promises.md:
// no third-party calls). Links the member clicks (AniList, streaming sites) are their choice.
// The site's policy (security-headers.ts), plus the page's own script, its API and data: icons.
const PAGE_POLICY = contentSecurityPolicy({ scriptSrc: ["'self'"], connectSrc: ["'self'"], imgSrc: ["'self'", 'data:'] });

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord id');
const optionValue = z.union([z.string().max(6000), z.number(), z.boolean()]);
const commandBody = z.strictObject({
  userId: snowflake,
  name: z.string().regex(/^[-_a-z0-9]{1,32}$/, 'must be a command name'),
  /** "" for a command without subcommands, "add", "admin setchannel"… */
  path: z.string().max(65).default(''),
  options: z.record(z.string().min(1).max(32), optionValue).default({}),
});
const autocompleteBody = commandBody.extend({ focused: z.string().min(1).max(32) });
const buttonBody = z.strictObject({ userId: snowflake, customId: z.string().min(1).max(100), messageId: snowflake, channelId: snowflake });

export async function sandboxRoutes(app: FastifyInstance, options: SandboxRoutesOptions): Promise<void> {
  const api = createSandboxApi(options);
  const page = readFileSync(new URL('index.html', UI), 'utf8');
  const files = Object.entries(STATIC_FILES).map(([name, type]) => ({ name, type, text: readFileSync(new URL(name, UI), 'utf8') }));

  // nosniff, no-referrer and the rest come with every answer (security-headers.ts).
  app.get('/sandbox', { helmet: PAGE_POLICY }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
  );
  app.get('/sandbox/', async (_request, reply) => reply.redirect('/sandbox'));
  for (const file of files) {
    app.get(`/sandbox/${file.name}`, async (_request, reply) => reply.header('cache-control', 'no-cache').type(file.type).send(file.text));
  }

  const json = (reply: FastifyReply, body: unknown) => reply.header('cache-control', 'no-store').send(body);
  app.get('/sandbox/api/state', async (_request, reply) => json(reply, api.state()));
  app.get('/sandbox/api/commands', async (_request, reply) => json(reply, api.commands()));
  app.post('/sandbox/api/command', async (request, reply) => json(reply, await api.command(commandBody.parse(request.body))));
  app.post('/sandbox/api/autocomplete', async (request, reply) => json(reply, await api.autocomplete(autocompleteBody.parse(request.body))));
  app.post('/sandbox/api/button', async (request, reply) => json(reply, await api.button(buttonBody.parse(request.body))));

  // This plugin's own errors (Fastify keeps the handler to these routes): plain words for the page.
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    if (error instanceof z.ZodError) return json(reply.code(400), { error: describeIssues(error) });
    if (error instanceof SandboxInputError) return json(reply.code(400), { error: error.message });
    if (error instanceof InteractionFailedError) return json(reply.code(502), { error: error.message });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return json(reply.code(status), { error: error.message });
    request.log.error({ err: error }, 'sandbox request failed');
    return json(reply.code(500), { error: 'The sandbox failed to handle that; the log says why.' });
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`).join('; ');
}
