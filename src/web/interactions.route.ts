// POST /interactions: Discord's HTTP delivery of interactions. The signature (and how fresh its
// timestamp is) is checked over the raw bytes before anything is parsed; a bad, missing or stale
// signature gets 401, as Discord requires, and so does a request already received.
import type { FastifyInstance } from 'fastify';
import type { SignedInteractions } from '../discord/bot.ts';
import { parseInteraction } from '../discord/interaction-schema.ts';
import { signedAtMs } from '../discord/verify-signature.ts';
import type { Logger } from '../logger.ts';
import { SIGNATURE_CHECKED } from './rate-limit.ts';

export interface InteractionsRouteOptions extends SignedInteractions {
  logger: Logger;
}

// Interactions are small; anything much larger is not from Discord.
const MAX_BODY_BYTES = 512 * 1024;

export async function interactionsRoute(app: FastifyInstance, options: InteractionsRouteOptions): Promise<void> {
  // Keep the body as bytes: the signature covers them exactly as sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.post('/interactions', { bodyLimit: MAX_BODY_BYTES, config: SIGNATURE_CHECKED }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const timestamp = singleHeader(request.headers['x-signature-timestamp']);
    const signature = singleHeader(request.headers['x-signature-ed25519']);
    if (!options.verify(timestamp, signature, body)) {
      return reply.code(401).send({ error: 'invalid request signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'the body is not JSON' });
    }
    const interaction = parseInteraction(json);
    if (!interaction) return reply.code(400).send({ error: 'not an interaction' });
    // The verifier accepted the timestamp, so it is one.
    if (!options.replays.firstSighting(interaction.id, signedAtMs(timestamp) ?? 0)) {
      return reply.code(401).send({ error: 'this interaction was already received' });
    }

    const result = await options.dispatch(interaction);
    const { after } = result;
    if (after) {
      // The deferred answer can only be edited once Discord has our first response. 'close'
      // comes after the response is sent, and also when the connection drops early.
      reply.raw.once('close', () => {
        after().catch((error: unknown) => options.logger.error({ err: error }, 'Could not deliver a deferred answer'));
      });
    }
    return reply.code(200).send(result.response);
  });
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
