// POST /webhooks/patreon: Patreon's news of a member between rescans. The signature (HMAC-MD5 of
// the raw body with the webhook's secret, hex) is checked over the bytes before anything is
// parsed, in constant time; a bad one gets 401 and changes nothing. A webhook seen before (a
// retry, or someone replaying one) and one about an older charge than we have change nothing
// either, and still get 200 so Patreon stops resending.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';
import { SIGNATURE_CHECKED } from '../web/rate-limit.ts';
import type { PatreonPremium } from './patreon-premium.ts';
import { memberDocumentSchema, memberReport } from './patreon-schemas.ts';

export interface PatreonWebhookOptions {
  secret: string;
  /** Only this campaign's members count (when known). */
  campaignId: string | undefined;
  premium: Pick<PatreonPremium, 'applyMember'>;
  repositories: Pick<Repositories, 'patreon'>;
  logger: Logger;
  now(): number;
}

const MAX_BODY_BYTES = 256 * 1024;
const MEMBER_TRIGGERS = new Set([
  'members:create',
  'members:update',
  'members:delete',
  'members:pledge:create',
  'members:pledge:update',
  'members:pledge:delete',
]);

export function signatureMatches(secret: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-fA-F]{32}$/.test(signature)) return false;
  const expected = createHmac('md5', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

export async function patreonWebhookRoute(app: FastifyInstance, options: PatreonWebhookOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.post('/webhooks/patreon', { bodyLimit: MAX_BODY_BYTES, config: SIGNATURE_CHECKED }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers['x-patreon-signature'];
    if (!signatureMatches(options.secret, body, typeof signature === 'string' ? signature : undefined)) {
      return reply.code(401).send({ error: 'invalid signature' });
    }
    const trigger = request.headers['x-patreon-event'];
    if (typeof trigger !== 'string' || !trigger) return reply.code(400).send({ error: 'the X-Patreon-Event header is missing' });
    // Posts and other news are not about premium: taken, and left alone.
    if (!MEMBER_TRIGGERS.has(trigger)) return reply.code(200).send({ ok: true, applied: false });

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'the body is not JSON' });
    }
    const parsed = memberDocumentSchema.safeParse(json);
    const report = parsed.success ? memberReport(parsed.data.data, parsed.data.included ?? []) : undefined;
    if (!parsed.success || !report) return reply.code(400).send({ error: 'the body is not a Patreon member document' });
    const campaignId = parsed.data.data.relationships.campaign?.data?.id;
    if (options.campaignId && campaignId && campaignId !== options.campaignId) {
      return reply.code(200).send({ ok: true, applied: false });
    }

    const bodyHash = createHash('sha256').update(body).digest('hex');
    const { webhookEvents } = options.repositories.patreon;
    if (!(await webhookEvents.firstSighting(bodyHash, trigger, options.now()))) {
      return reply.code(200).send({ ok: true, applied: false });
    }
    let applied: boolean;
    try {
      applied = await options.premium.applyMember(trigger, report);
    } catch (error) {
      // Not applied: Patreon's retry of it must not be taken for a replay.
      await webhookEvents.forget(bodyHash);
      throw error;
    }
    options.logger.info(
      { trigger, memberId: report.id, applied },
      applied ? 'Applied a Patreon webhook' : 'A Patreon webhook was older than what is stored; left alone',
    );
    return reply.code(200).send({ ok: true, applied });
  });
}
