// GET /api/oauth2/v2/identity for a patron's own token: the user, their memberships and campaigns
// with only the fields asked for, and what the scopes hide (other creators' memberships without
// identity.memberships, emails without identity[email]).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatreonEmulator, PatreonUser } from '../src/index.ts';
import { approvedCode, exchangeCode, get, startPatreon } from './helpers.ts';

let patreon: PatreonEmulator;
let aiko: PatreonUser;
beforeEach(async () => {
  patreon = await startPatreon();
  aiko = patreon.addUser({ fullName: 'Aiko Tanaka', discordUserId: '296385262794178570' });
});
afterEach(() => patreon.stop());

const exchange = (code: string) => exchangeCode(patreon, code);
const codeFor = (userId: string, extra: Record<string, string> = {}) => approvedCode(patreon, userId, extra);

describe('identity', () => {
  const IDENTITY =
    '/api/oauth2/v2/identity?include=memberships,memberships.campaign&fields%5Buser%5D=full_name,email,image_url,social_connections' +
    '&fields%5Bmember%5D=patron_status,currently_entitled_amount_cents,last_charge_status,pledge_relationship_start&fields%5Bcampaign%5D=vanity';

  function supportTwoCampaigns() {
    const ours = patreon.addMember({ userId: aiko.id, entitledCents: 500 });
    const other = patreon.addCampaign({ vanity: 'another-creator' });
    const theirs = patreon.addMember({ userId: aiko.id, campaignId: other.id, entitledCents: 100 });
    return { ours, theirs, other };
  }

  it('returns the user with their memberships and campaigns, only the fields asked for', async () => {
    const { ours, theirs, other } = supportTwoCampaigns();
    const tokens = await exchange(codeFor(aiko.id, { scope: 'identity identity[email] identity.memberships' }));
    const { status, body } = await get(patreon, IDENTITY, tokens.access_token);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      type: 'user',
      id: aiko.id,
      attributes: {
        full_name: 'Aiko Tanaka',
        email: aiko.email,
        image_url: aiko.imageUrl,
        social_connections: expect.objectContaining({ discord: { url: null, user_id: '296385262794178570' } }),
      },
      relationships: {
        memberships: {
          data: [
            { type: 'member', id: ours.id },
            { type: 'member', id: theirs.id },
          ],
        },
      },
    });
    const member = body.included!.find((resource) => resource.id === ours.id);
    expect(member).toMatchObject({
      type: 'member',
      attributes: {
        patron_status: 'active_patron',
        currently_entitled_amount_cents: 500,
        last_charge_status: 'Paid',
        pledge_relationship_start: expect.any(String),
      },
      relationships: { campaign: { data: { type: 'campaign', id: patreon.campaignId } } },
    });
    expect(body.included!.filter((resource) => resource.type === 'campaign')).toEqual([
      { type: 'campaign', id: patreon.campaignId, attributes: { vanity: 'anitrack' } },
      { type: 'campaign', id: other.id, attributes: { vanity: 'another-creator' } },
    ]);
  });

  it('without identity.memberships shows only the membership in the client owner’s campaign, and no email without identity[email]', async () => {
    const { ours } = supportTwoCampaigns();
    const tokens = await exchange(codeFor(aiko.id, { scope: 'identity' }));
    const { body } = await get(patreon, IDENTITY, tokens.access_token);
    expect(body.data).toMatchObject({ relationships: { memberships: { data: [{ type: 'member', id: ours.id }] } } });
    expect((body.data as { attributes: object }).attributes).not.toHaveProperty('email');
    expect(body.included!.map((resource) => resource.type).sort()).toEqual(['campaign', 'member']);
  });

  it('answers the creator token with the creator, and no token with 401', async () => {
    expect((await get(patreon, '/api/oauth2/v2/identity?fields[user]=full_name')).body.data).toEqual({
      type: 'user',
      id: patreon.creatorUserId,
      attributes: { full_name: 'AniTrack' },
    });
    expect((await get(patreon, '/api/oauth2/v2/identity', null)).status).toBe(401);
  });
});
