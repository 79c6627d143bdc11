// Placeholder until the sandbox page lands: /sandbox answers with a short explanation.
import type { FastifyInstance } from 'fastify';
import type { FakeDiscord } from './fakes/discord.ts';
import type { SandboxWorld } from './world.ts';

export interface SandboxRoutesOptions {
  discord: FakeDiscord;
  world: SandboxWorld;
  interactionsUrl(): string;
}

export async function sandboxRoutes(app: FastifyInstance, _options: SandboxRoutesOptions): Promise<void> {
  app.get('/sandbox', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('AniTrack sandbox'));
}
