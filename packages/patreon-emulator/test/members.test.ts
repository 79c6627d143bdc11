// The creator's rescan endpoint as a client meets it: includes and sparse fields (nothing unasked
// for), cursor paging through links.next that survives members joining mid-scan, and the
// refusals (401 without a valid token, 404 for an unknown campaign, 400 for unknown names).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatreonEmulator } from '../src/index.ts';
import { get, membersPath, startPatreon, type JsonApiDocument, type Resource } from './helpers.ts';

let patreon: PatreonEmulator;
beforeEach(async () => {
  patreon = await startPatreon();
});
afterEach(() => patreon.stop());

const RESCAN =
  'include=user,currently_entitled_tiers&fields%5Bmember%5D=patron_status,last_charge_status,last_charge_date,currently_entitled_amount_cents' +
  '&fields%5Buser%5D=social_connections&fields%5Btier%5D=amount_cents,title';

function addPatrons(count: number, tierId: string) {
  return Array.from({ length: count }, (_, index) => {
    const user = patreon.addUser({ fullName: `Patron ${index}`, discordUserId: `29638526279417${String(index).padStart(4, '0')}` });
    return patreon.addMember({ userId: user.id, tierIds: [tierId], lastChargeDate: '2024-01-31T20:46:10Z' });
  });
}

/** Follows links.next from the first page to the last; returns every page's body. */
async function scan(firstQuery: string, between?: (page: number) => void): Promise<JsonApiDocument[]> {
  const pages: JsonApiDocument[] = [];
  let next: string | undefined = membersPath(patreon, firstQuery);
  while (next) {
    const response = await get(patreon, next);
    expect(response.status).toBe(200);
    pages.push(response.body);
    between?.(pages.length);
    next = response.body.links?.next;
  }
  return pages;
}

describe('includes and sparse fields', () => {
  it('answers only the requested attributes, with tiers and users included once each', async () => {
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300, discordRoleIds: ['1234'] });
    const [first] = addPatrons(2, tier.id);
    const { status, body } = await get(patreon, membersPath(patreon, RESCAN));
    expect(status).toBe(200);
    const data = body.data as Resource[];
    expect(data).toHaveLength(2);
    expect(data[0]).toEqual({
      type: 'member',
      id: first!.id,
      attributes: {
        patron_status: 'active_patron',
        last_charge_status: 'Paid',
        last_charge_date: '2024-01-31T20:46:10.000+00:00',
        currently_entitled_amount_cents: 300,
      },
      relationships: {
        currently_entitled_tiers: { data: [{ id: tier.id, type: 'tier' }] },
        user: { data: { id: first!.userId, type: 'user' }, links: { related: `${patreon.url}/api/oauth2/v2/user/${first!.userId}` } },
      },
    });
    expect(data[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const tiers = body.included!.filter((resource) => resource.type === 'tier');
    expect(tiers).toEqual([{ type: 'tier', id: tier.id, attributes: { amount_cents: 300, title: 'Supporter' } }]);
    const user = body.included!.find((resource) => resource.id === first!.userId);
    expect(user?.attributes).toEqual({ social_connections: expect.objectContaining({ discord: { url: null, user_id: '296385262794170000' }, twitch: null }) });
    expect(body.included).toHaveLength(3);
  });

  it('sends no attributes and no relationships nobody asked for, whichever order include lists them in', async () => {
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300 });
    addPatrons(1, tier.id);
    const bare = await get(patreon, membersPath(patreon, ''));
    expect(bare.body.data).toEqual([{ type: 'member', id: expect.any(String), attributes: {} }]);
    expect(bare.body).not.toHaveProperty('included');

    const usersOnly = await get(patreon, membersPath(patreon, 'include=user&fields[member]=patron_status'));
    const [member] = usersOnly.body.data as Resource[];
    expect(Object.keys(member!.relationships ?? {})).toEqual(['user']);
    expect(usersOnly.body.included!.map((resource) => [resource.type, resource.attributes])).toEqual([['user', {}]]);

    const reversed = await get(patreon, membersPath(patreon, 'include=currently_entitled_tiers,user'));
    expect(Object.keys((reversed.body.data as Resource[])[0]!.relationships ?? {}).sort()).toEqual(['currently_entitled_tiers', 'user']);
  });

  it('refuses unknown includes and fields with a 400 JSON:API error', async () => {
    for (const query of ['include=pledges', 'fields[member]=patron_status,amount', 'fields[pledge]=amount_cents', 'page[count]=ten']) {
      const { status, body } = await get(patreon, membersPath(patreon, query));
      expect([query, status]).toEqual([query, 400]);
      expect(body.errors).toEqual([expect.objectContaining({ status: '400', code_name: 'ParameterInvalid', id: expect.any(String) })]);
    }
  });
});

describe('cursor paging', () => {
  it('walks every member once through links.next, with total and a null cursor on the last page', async () => {
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300 });
    const members = addPatrons(5, tier.id);
    const pages = await scan(`${RESCAN}&page%5Bcount%5D=2`);
    expect(pages.map((page) => (page.data as Resource[]).length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((page) => (page.data as Resource[]).map((member) => member.id))).toEqual(members.map((member) => member.id));
    expect(pages.map((page) => page.meta?.pagination.total)).toEqual([5, 5, 5]);
    expect(pages[0]!.meta?.pagination.cursors.next).toEqual(expect.any(String));
    expect(pages[2]!.meta?.pagination.cursors.next).toBeNull();
    expect(pages[2]).not.toHaveProperty('links');
    const next = new URL(pages[0]!.links!.next!);
    expect(next.origin).toBe(patreon.url);
    expect(next.searchParams.get('page[cursor]')).toBe(pages[0]!.meta?.pagination.cursors.next);
    expect(next.searchParams.get('include')).toBe('user,currently_entitled_tiers');
    // Each page brings the users of its own members.
    expect(pages[1]!.included!.filter((resource) => resource.type === 'user').map((user) => user.id)).toEqual([members[2]!.userId, members[3]!.userId]);
  });

  it('neither repeats nor skips anyone when members join or leave during a scan', async () => {
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300 });
    const members = addPatrons(4, tier.id);
    let late: string | undefined;
    const pages = await scan('page[count]=2', (page) => {
      if (page !== 1) return;
      patreon.removeMember(members[0]!.id);
      const user = patreon.addUser({ fullName: 'Late Patron' });
      late = patreon.addMember({ userId: user.id, tierIds: [tier.id] }).id;
    });
    const seen = pages.flatMap((page) => (page.data as Resource[]).map((member) => member.id));
    expect(seen).toEqual([...members.map((member) => member.id), late]);
    expect(pages.map((page) => page.meta?.pagination.total)).toEqual([4, 4, 4]);
  });

  it('defaults to 20 a page and caps page[count] at 1000', async () => {
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300 });
    addPatrons(21, tier.id);
    expect((await get(patreon, membersPath(patreon, ''))).body.data).toHaveLength(20);
    expect((await get(patreon, membersPath(patreon, 'page[count]=5000'))).body.data).toHaveLength(21);
    const bad = await get(patreon, membersPath(patreon, 'page[cursor]=not-a-cursor'));
    expect(bad.status).toBe(400);
  });
});

describe('refusals', () => {
  it('answers 401 with a JSON:API error to a missing or wrong token', async () => {
    for (const token of [null, 'wrong-token']) {
      const { status, body } = await get(patreon, membersPath(patreon, ''), token);
      expect(status).toBe(401);
      expect(body).toEqual({
        errors: [expect.objectContaining({ status: '401', code_name: 'Unauthorized', detail: expect.any(String), id: expect.any(String) })],
      });
    }
    expect(patreon.requests().map((request) => [request.route, request.status, request.auth])).toEqual([
      ['members', 401, null],
      ['members', 401, null],
    ]);
  });

  it('answers 404 for an unknown campaign and 403 for a campaign that is not the token owner’s', async () => {
    const unknown = await get(patreon, '/api/oauth2/v2/campaigns/123/members');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]).toMatchObject({ status: '404' });
    const other = patreon.addCampaign({ vanity: 'someone-else' });
    const foreign = await get(patreon, `/api/oauth2/v2/campaigns/${other.id}/members`);
    expect(foreign.status).toBe(403);
  });

  it('records who asked: the creator token by its user and client', async () => {
    await get(patreon, membersPath(patreon, 'fields%5Bmember%5D=patron_status'));
    expect(patreon.requests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/api/oauth2/v2/campaigns/${patreon.campaignId}/members`,
        route: 'members',
        query: { 'fields[member]': 'patron_status' },
        auth: { kind: 'creator', userId: patreon.creatorUserId, clientId: 'test-client-id' },
        status: 200,
      }),
    ]);
  });
});
