// GET /api/oauth2/v2/campaigns/{id}/members: the creator's view of a campaign's members, paged by
// cursor. A cursor names the last member handed out (by its fixed sequence number), so members
// added or removed during a scan neither repeat nor push others off a page. `total` is counted
// afresh on every page; `links.next` is the full URL of the next page on this stand-in, and the
// last page has none (and cursors.next null).
import { forbidden, Included, invalidParameter, notFound } from './json-api.ts';
import type { Model } from './model.ts';
import { readResourceQuery } from './query.ts';
import { memberResource, type MemberRelation } from './resources.ts';
import type { Route } from './server.ts';

const INCLUDABLE: readonly MemberRelation[] = ['user', 'currently_entitled_tiers', 'campaign', 'address'];
export const DEFAULT_PAGE_COUNT = 20;
export const MAX_PAGE_COUNT = 1000;

const encodeCursor = (sequence: number) => Buffer.from(JSON.stringify({ after: sequence })).toString('base64url');

function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'number' && Number.isInteger(after) && after >= 0) return after;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidParameter(`page[cursor] "${cursor}" is not a cursor this API handed out.`);
}

function pageCount(value: string | null): number {
  if (value === null) return DEFAULT_PAGE_COUNT;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalidParameter(`page[count] must be a positive whole number, not "${value}".`);
  return Math.min(Number(value), MAX_PAGE_COUNT);
}

export function membersRoute(model: Model): Route {
  return {
    name: 'members',
    method: 'GET',
    path: /^\/api\/oauth2\/v2\/campaigns\/([^/]+)\/members$/,
    auth: 'bearer',
    handle({ url, origin, grant }, [, campaignId = '']) {
      const campaign = model.campaigns.get(decodeURIComponent(campaignId));
      if (!campaign) throw notFound(`No campaign has the id "${campaignId}".`);
      if (grant?.userId !== campaign.creatorUserId || !grant.scopes.has('campaigns.members')) {
        throw forbidden("Only the campaign's creator, with the campaigns.members scope, may list its members.");
      }
      const query = readResourceQuery(url.searchParams, INCLUDABLE);
      const count = pageCount(url.searchParams.get('page[count]'));
      const after = decodeCursor(url.searchParams.get('page[cursor]'));

      const all = model.membersOf(campaign.id);
      const rest = all.filter((member) => member.sequence > after);
      const page = rest.slice(0, count);
      const last = page.at(-1);
      const next = rest.length > count && last ? encodeCursor(last.sequence) : null;

      const view = { model, origin, fields: query.fields, withholdEmail: !grant.scopes.has('campaigns.members[email]') };
      const included = new Included();
      const relations = new Set(INCLUDABLE.filter((relation) => query.include.has(relation)));
      const data = page.map((member) => memberResource(member, view, relations, included));

      const body: Record<string, unknown> = { data, meta: { pagination: { cursors: { next }, total: all.length } } };
      if (relations.size > 0) body.included = included.list();
      if (next !== null) {
        const nextUrl = new URL(url.pathname + url.search, origin);
        nextUrl.searchParams.set('page[cursor]', next);
        body.links = { next: nextUrl.href };
      }
      return { status: 200, json: body };
    },
  };
}
