// GET /api/oauth2/v2/identity: the user a token belongs to. With include=memberships, their
// member records come along in `included` (and campaigns with memberships.campaign). Without the
// identity.memberships scope only memberships in the client owner's own campaigns are shown, as
// Patreon's docs say; without identity[email] the email attributes are left out.
import { forbidden, Included, type Relationship } from './json-api.ts';
import type { Model } from './model.ts';
import type { OAuthClient } from './oauth-request.ts';
import { readResourceQuery } from './query.ts';
import { apiLink, campaignResource, memberResource, userResource, type MemberRelation } from './resources.ts';
import type { Route } from './server.ts';

const INCLUDABLE = ['memberships', 'memberships.campaign', 'memberships.currently_entitled_tiers', 'campaign'];

export function identityRoute(model: Model, client: OAuthClient): Route {
  return {
    name: 'identity',
    method: 'GET',
    path: /^\/api\/oauth2\/v2\/identity$/,
    auth: 'bearer',
    handle({ url, origin, grant }) {
      if (!grant?.scopes.has('identity')) throw forbidden('This token lacks the identity scope.');
      const query = readResourceQuery(url.searchParams, INCLUDABLE);
      const user = model.user(grant.userId);
      const view = { model, origin, fields: query.fields, withholdEmail: !grant.scopes.has('identity[email]') };
      const included = new Included();
      const relationships: Record<string, Relationship> = {};

      if (query.include.has('memberships')) {
        const visible = (campaignId: string) => grant.scopes.has('identity.memberships') || model.campaign(campaignId).creatorUserId === client.ownerUserId;
        const relations = new Set<MemberRelation>();
        if (query.include.has('memberships.campaign')) relations.add('campaign');
        if (query.include.has('memberships.currently_entitled_tiers')) relations.add('currently_entitled_tiers');
        const memberships = model.membershipsOf(user.id).filter((member) => visible(member.campaignId));
        relationships.memberships = { data: memberships.map((member) => included.add(memberResource(member, view, relations, included))) };
      }
      if (query.include.has('campaign')) {
        const own = [...model.campaigns.values()].find((campaign) => campaign.creatorUserId === user.id);
        relationships.campaign = own
          ? { data: included.add(campaignResource(own, view)), links: { related: apiLink(view, `/campaigns/${own.id}`) } }
          : { data: null };
      }

      const data = { ...userResource(user, view), ...(query.include.size > 0 ? { relationships } : {}) };
      const body: Record<string, unknown> = { data, links: { self: apiLink(view, `/user/${user.id}`) } };
      if (query.include.size > 0) body.included = included.list();
      return { status: 200, json: body };
    },
  };
}
