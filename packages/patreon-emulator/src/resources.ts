// Records as JSON:API resources. A View says what the reader may see: the fields it asked for
// (or every attribute, for webhook bodies), and whether emails are withheld (Patreon sends them
// only to tokens with an email scope). Relationships appear only for what the request included,
// as v2 answers; the related resources go into `included`.
import { campaignAttributes, memberAttributes, tierAttributes, userAttributes, type Attributes, type ResourceType } from './attributes.ts';
import { Included, sparse, type Relationship, type Resource } from './json-api.ts';
import type { Model } from './model.ts';
import type { ResourceQuery } from './query.ts';
import type { PatreonCampaign, PatreonMember, PatreonTier, PatreonUser } from './records.ts';

export interface View {
  model: Model;
  /** Where links point: this stand-in, in place of https://www.patreon.com. */
  origin: string;
  /** The request's fields[type]; 'all' writes whole resources (webhook bodies). */
  fields: ResourceQuery['fields'] | 'all';
  withholdEmail: boolean;
}

export type MemberRelation = 'user' | 'currently_entitled_tiers' | 'campaign' | 'address';

const EMAIL: ReadonlySet<string> = new Set(['email']);

function attributesFor(view: View, type: ResourceType, full: Attributes): Attributes {
  const withheld = view.withholdEmail ? EMAIL : new Set<string>();
  if (view.fields === 'all') return sparse(full, Object.keys(full), withheld);
  return sparse(full, view.fields[type], withheld);
}

export const apiLink = (view: View, path: string) => `${view.origin}/api/oauth2/v2${path}`;

export const userResource = (user: PatreonUser, view: View): Resource => ({
  type: 'user',
  id: user.id,
  attributes: attributesFor(view, 'user', userAttributes(user, view.model)),
});

export const tierResource = (tier: PatreonTier, view: View): Resource => ({
  type: 'tier',
  id: tier.id,
  attributes: attributesFor(view, 'tier', tierAttributes(tier, view.model)),
});

export const campaignResource = (campaign: PatreonCampaign, view: View): Resource => ({
  type: 'campaign',
  id: campaign.id,
  attributes: attributesFor(view, 'campaign', campaignAttributes(campaign, view.model)),
});

/** The member, with a relationship (and an included resource) for each relation asked for. */
export function memberResource(member: PatreonMember, view: View, relations: ReadonlySet<MemberRelation>, included: Included): Resource {
  const relationships: Record<string, Relationship> = {};
  if (relations.has('address')) relationships.address = { data: null };
  if (relations.has('campaign')) {
    const campaign = view.model.campaign(member.campaignId);
    relationships.campaign = { data: included.add(campaignResource(campaign, view)), links: { related: apiLink(view, `/campaigns/${campaign.id}`) } };
  }
  if (relations.has('currently_entitled_tiers')) {
    relationships.currently_entitled_tiers = {
      data: member.tierIds.map((tierId) => included.add(tierResource(view.model.tiers.get(tierId)!, view))),
    };
  }
  if (relations.has('user')) {
    const user = view.model.user(member.userId);
    relationships.user = { data: included.add(userResource(user, view)), links: { related: apiLink(view, `/user/${user.id}`) } };
  }
  const resource: Resource = { type: 'member', id: member.id, attributes: attributesFor(view, 'member', memberAttributes(member)) };
  if (relations.size > 0) resource.relationships = relationships;
  return resource;
}
