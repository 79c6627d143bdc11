// The ceiling of the interactions benchmark: a route that does only what every interaction must
// (verify the Ed25519 signature over the raw body) and answers PONG. It is added by the benchmark
// to the app's own Fastify instance before it listens, so it runs behind the same plugins and
// hooks as POST /interactions (helmet's headers, the rate limit's exemption for signed routes,
// the raw-body parser); the product never registers it.
import type { FastifyInstance } from 'fastify';
import type { SignatureVerifier } from '../src/discord/verify-signature.ts';
import { SIGNATURE_CHECKED } from '../src/web/rate-limit.ts';

export const CEILING_PATH = '/bench/pong';

const MAX_BODY_BYTES = 512 * 1024;

export async function registerCeilingRoute(web: FastifyInstance, verify: SignatureVerifier): Promise<void> {
  await web.register(async (scope) => {
    // As the interactions route does: the signature covers the bytes exactly as sent.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));
    scope.post(CEILING_PATH, { bodyLimit: MAX_BODY_BYTES, config: SIGNATURE_CHECKED }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const timestamp = request.headers['x-signature-timestamp'];
      const signature = request.headers['x-signature-ed25519'];
      if (typeof timestamp !== 'string' || typeof signature !== 'string' || !verify(timestamp, signature, body)) {
        return reply.code(401).send({ error: 'invalid request signature' });
      }
      return reply.code(200).send({ type: 1 });
    });
  });
}
