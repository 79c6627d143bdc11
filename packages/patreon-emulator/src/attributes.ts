// Every attribute the stand-in can send for each resource type, under API v2's names. Routes
// never send these whole: v2 answers only the attributes a request names in fields[type], and
// a name that is not in these lists is refused (so a typo in a client shows up in its tests).
// The webhook sender is the exception: Patreon's webhook bodies carry full resources.
import type { Model } from './model.ts';
import type { PatreonCampaign, PatreonMember, PatreonTier, PatreonUser } from './records.ts';

export type ResourceType = 'member' | 'user' | 'tier' | 'campaign';
export type Attributes = Record<string, unknown>;

/** social_connections as Patreon spells it: every network present, null when not connected. */
export function socialConnections(user: PatreonUser) {
  const none = Object.fromEntries(
    ['deviantart', 'facebook', 'google', 'instagram', 'reddit', 'spotify', 'twitch', 'twitter', 'vimeo', 'youtube'].map((name) => [name, null]),
  );
  return { ...none, discord: user.discordUserId === null ? null : { url: null, user_id: user.discordUserId } };
}

export function memberAttributes(member: PatreonMember): Attributes {
  return {
    campaign_lifetime_support_cents: member.lifetimeSupportCents,
    currently_entitled_amount_cents: member.entitledCents,
    email: member.email,
    full_name: member.fullName,
    is_follower: member.isFollower,
    is_free_trial: member.isFreeTrial,
    is_gifted: member.isGifted,
    last_charge_date: member.lastChargeDate,
    last_charge_status: member.lastChargeStatus,
    lifetime_support_cents: member.lifetimeSupportCents,
    next_charge_date: member.nextChargeDate,
    note: member.note,
    patron_status: member.patronStatus,
    pledge_cadence: member.pledgeCadence,
    pledge_relationship_start: member.pledgeRelationshipStart,
    will_pay_amount_cents: member.willPayCents,
  };
}

export function userAttributes(user: PatreonUser, model: Model): Attributes {
  const [first = '', ...rest] = user.fullName.split(' ');
  return {
    about: null,
    can_see_nsfw: false,
    created: user.createdAt,
    email: user.email,
    first_name: first,
    full_name: user.fullName,
    hide_pledges: false,
    image_url: user.imageUrl,
    is_creator: [...model.campaigns.values()].some((campaign) => campaign.creatorUserId === user.id),
    is_email_verified: true,
    last_name: rest.join(' '),
    like_count: 0,
    social_connections: socialConnections(user),
    thumb_url: user.imageUrl,
    url: `https://www.patreon.com/${user.vanity ?? `user?u=${user.id}`}`,
    vanity: user.vanity,
  };
}

export function tierAttributes(tier: PatreonTier, model: Model): Attributes {
  const patrons = [...model.members.values()].filter(
    (member) => !member.removed && member.patronStatus === 'active_patron' && member.tierIds.includes(tier.id),
  );
  return {
    amount_cents: tier.amountCents,
    created_at: tier.createdAt,
    description: tier.description,
    discord_role_ids: tier.discordRoleIds,
    edited_at: tier.createdAt,
    image_url: null,
    patron_count: patrons.length,
    post_count: 0,
    published: tier.published,
    published_at: tier.published ? tier.createdAt : null,
    remote_role_ids: tier.discordRoleIds,
    requires_shipping: false,
    title: tier.title,
    unpublished_at: null,
    url: `/checkout/${model.campaign(tier.campaignId).vanity}?rid=${tier.id}`,
    user_limit: null,
  };
}

export function campaignAttributes(campaign: PatreonCampaign, model: Model): Attributes {
  const patrons = model.membersOf(campaign.id).filter((member) => member.patronStatus === 'active_patron');
  return {
    created_at: campaign.createdAt,
    creation_name: campaign.creationName,
    discord_server_id: campaign.discordServerId,
    image_small_url: null,
    image_url: null,
    is_charged_immediately: true,
    is_monthly: true,
    is_nsfw: false,
    one_liner: null,
    patron_count: patrons.length,
    pay_per_name: 'month',
    pledge_url: `/checkout/${campaign.vanity}`,
    published_at: campaign.createdAt,
    show_earnings: false,
    summary: null,
    thanks_msg: null,
    url: `https://www.patreon.com/${campaign.vanity}`,
    vanity: campaign.vanity,
  };
}

/** The names fields[type] may ask for: exactly the keys the functions above write. */
export const ATTRIBUTE_NAMES: Record<ResourceType, ReadonlySet<string>> = {
  member: new Set([
    'campaign_lifetime_support_cents',
    'currently_entitled_amount_cents',
    'email',
    'full_name',
    'is_follower',
    'is_free_trial',
    'is_gifted',
    'last_charge_date',
    'last_charge_status',
    'lifetime_support_cents',
    'next_charge_date',
    'note',
    'patron_status',
    'pledge_cadence',
    'pledge_relationship_start',
    'will_pay_amount_cents',
  ]),
  user: new Set([
    'about',
    'can_see_nsfw',
    'created',
    'email',
    'first_name',
    'full_name',
    'hide_pledges',
    'image_url',
    'is_creator',
    'is_email_verified',
    'last_name',
    'like_count',
    'social_connections',
    'thumb_url',
    'url',
    'vanity',
  ]),
  tier: new Set([
    'amount_cents',
    'created_at',
    'description',
    'discord_role_ids',
    'edited_at',
    'image_url',
    'patron_count',
    'post_count',
    'published',
    'published_at',
    'remote_role_ids',
    'requires_shipping',
    'title',
    'unpublished_at',
    'url',
    'user_limit',
  ]),
  campaign: new Set([
    'created_at',
    'creation_name',
    'discord_server_id',
    'image_small_url',
    'image_url',
    'is_charged_immediately',
    'is_monthly',
    'is_nsfw',
    'one_liner',
    'patron_count',
    'pay_per_name',
    'pledge_url',
    'published_at',
    'show_earnings',
    'summary',
    'thanks_msg',
    'url',
    'vanity',
  ]),
};
