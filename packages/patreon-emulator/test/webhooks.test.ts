// The webhook sender against a receiver that checks signatures the way a product must: HMAC-MD5
// of the raw bytes with the webhook secret, lowercase hex, before parsing. A forged signature does
// not verify; a replay carries the very same bytes and headers.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_TRIGGERS, type PatreonEmulator } from '../src/index.ts';
import { startPatreon, type Resource } from './helpers.ts';

const SECRET = 'webhook-secret-from-the-patreon-portal';

interface Received {
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  verified: boolean;
}

let patreon: PatreonEmulator;
let receiver: Server;
let receiverUrl: string;
let received: Received[];

beforeEach(async () => {
  patreon = await startPatreon({ discordServerId: '120000000000000001' });
  received = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = createHmac('md5', SECRET).update(raw).digest();
      const given = Buffer.from(String(request.headers['x-patreon-signature'] ?? ''), 'hex');
      const verified = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ raw, headers: request.headers, verified });
      response.writeHead(verified ? 200 : 401).end(verified ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/patreon`;
});
afterEach(async () => {
  await patreon.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function aPatron() {
  const tier = patreon.addTier({ title: 'Supporter+', amountCents: 500, discordRoleIds: ['130000000000000009'] });
  const user = patreon.addUser({ fullName: 'Aiko Tanaka', discordUserId: '296385262794178570' });
  return { tier, user, member: patreon.addMember({ userId: user.id, tierIds: [tier.id], lastChargeDate: '2024-01-31T20:46:10Z' }) };
}

describe('sendWebhook', () => {
  it('signs the raw body with HMAC-MD5 of the secret, lowercase hex, and names the trigger', async () => {
    const { member } = aPatron();
    const delivery = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:pledge:create', memberId: member.id, secret: SECRET });
    expect([delivery.status, delivery.body]).toEqual([200, 'ok']);
    const [got] = received;
    expect(got?.verified).toBe(true);
    expect(got?.raw.toString('utf8')).toBe(delivery.rawBody);
    expect(got?.headers['x-patreon-event']).toBe('members:pledge:create');
    expect(got?.headers['x-patreon-signature']).toMatch(/^[0-9a-f]{32}$/);
    expect(got?.headers['content-type']).toBe('application/json');
    // The textbook HMAC-MD5 example, so the algorithm and the encoding are Patreon's, not merely self-consistent.
    expect(patreon.signWebhook('The quick brown fox jumps over the lazy dog', 'key')).toBe('80070713463e7749b90c2dc24911e275');
  });

  it('carries the member document: all member attributes, its relationships, and campaign, user and tiers included', async () => {
    const { member, user, tier } = aPatron();
    const { rawBody } = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:update', memberId: member.id, secret: SECRET });
    const document = JSON.parse(rawBody) as { data: Resource; included: Resource[]; links: { self: string } };
    expect(document.data).toMatchObject({
      type: 'member',
      id: member.id,
      attributes: {
        patron_status: 'active_patron',
        currently_entitled_amount_cents: 500,
        last_charge_status: 'Paid',
        last_charge_date: '2024-01-31T20:46:10.000+00:00',
        full_name: 'Aiko Tanaka',
        will_pay_amount_cents: 500,
      },
      relationships: {
        address: { data: null },
        campaign: { data: { id: patreon.campaignId, type: 'campaign' } },
        currently_entitled_tiers: { data: [{ id: tier.id, type: 'tier' }] },
        user: { data: { id: user.id, type: 'user' } },
      },
    });
    const byType = Object.fromEntries(document.included.map((resource) => [resource.type, resource]));
    expect(byType.user?.attributes).toMatchObject({ full_name: 'Aiko Tanaka', social_connections: { discord: { url: null, user_id: '296385262794178570' } } });
    expect(byType.tier?.attributes).toMatchObject({ amount_cents: 500, title: 'Supporter+', discord_role_ids: ['130000000000000009'] });
    expect(byType.campaign?.attributes).toMatchObject({ discord_server_id: '120000000000000001', vanity: 'anitrack', is_monthly: true });
    expect(document.links.self).toBe(`${patreon.url}/api/oauth2/v2/members/${member.id}`);
  });

  it('refuses nothing itself: a forged or hand-written signature reaches the receiver, which rejects it', async () => {
    const { member } = aPatron();
    const forged = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:update', memberId: member.id, secret: SECRET, signature: 'forged' });
    expect(forged.status).toBe(401);
    expect(forged.headers['X-Patreon-Signature']).toMatch(/^[0-9a-f]{32}$/);
    const written = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:update', memberId: member.id, secret: SECRET, signature: '0'.repeat(32) });
    expect(written.status).toBe(401);
    const otherSecret = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:update', memberId: member.id, secret: 'a-different-secret' });
    expect(otherSecret.status).toBe(401);
    expect(received.map((delivery) => delivery.verified)).toEqual([false, false, false]);
  });

  it('replays the exact bytes and headers, and still describes a member after removal (members:delete)', async () => {
    const { member } = aPatron();
    const first = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:pledge:update', memberId: member.id, secret: SECRET });
    patreon.updateMember(member.id, { patronStatus: 'declined_patron', lastChargeStatus: 'Declined' });
    const replay = await patreon.resendWebhook(first.rawBody, first.headers, receiverUrl);
    expect(replay.status).toBe(200);
    expect(received[1]?.raw.equals(received[0]!.raw)).toBe(true);
    expect(received[1]?.headers['x-patreon-signature']).toBe(received[0]?.headers['x-patreon-signature']);

    patreon.removeMember(member.id);
    const deleted = await patreon.sendWebhook({ url: receiverUrl, trigger: 'members:delete', memberId: member.id, secret: SECRET });
    expect(deleted.status).toBe(200);
    expect(JSON.parse(deleted.rawBody)).toMatchObject({ data: { id: member.id, attributes: { patron_status: 'declined_patron' } } });
    expect(WEBHOOK_TRIGGERS).toEqual([
      'members:create',
      'members:update',
      'members:delete',
      'members:pledge:create',
      'members:pledge:update',
      'members:pledge:delete',
    ]);
  });
});
