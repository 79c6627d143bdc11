// The store behind every route: users, campaigns, their tiers and the memberships (members)
// that tie a user to a campaign. Ids look like Patreon's: numbers as strings for users,
// campaigns and tiers, UUIDs for members. Every member carries a sequence number fixed when it
// was added; the members endpoint pages in that order, so members added during a scan land
// after every cursor already handed out instead of shifting the pages. Removed members are kept
// (marked) so a members:delete webhook can still describe them.
import { randomUUID } from 'node:crypto';
import {
  patreonDate,
  type AddCampaignInput,
  type AddMemberInput,
  type AddTierInput,
  type AddUserInput,
  type DateInput,
  type MemberPatch,
  type PatreonCampaign,
  type PatreonMember,
  type PatreonTier,
  type PatreonUser,
} from './records.ts';

const dateOrNull = (input: DateInput) => (input === null ? null : patreonDate(input));

export function createModel(now: () => number) {
  const users = new Map<string, PatreonUser>();
  const campaigns = new Map<string, PatreonCampaign>();
  const tiers = new Map<string, PatreonTier>();
  const members = new Map<string, PatreonMember>();
  let nextUser = 70_000_001;
  let nextTier = 8_000_001;
  let nextCampaign = 9_000_001;
  let nextSequence = 1;
  const today = () => patreonDate(new Date(now()));

  function need<T>(map: Map<string, T>, id: string, what: string): T {
    const found = map.get(id);
    if (!found) throw new Error(`Patreon stand-in: no ${what} ${id}`);
    return found;
  }

  function applyPatch(member: PatreonMember, patch: MemberPatch): void {
    for (const tierId of patch.tierIds ?? []) need(tiers, tierId, 'tier');
    const { lastChargeDate, nextChargeDate, pledgeRelationshipStart, ...plain } = patch;
    Object.assign(member, Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined)));
    if (lastChargeDate !== undefined) member.lastChargeDate = dateOrNull(lastChargeDate);
    if (nextChargeDate !== undefined) member.nextChargeDate = dateOrNull(nextChargeDate);
    if (pledgeRelationshipStart !== undefined) member.pledgeRelationshipStart = dateOrNull(pledgeRelationshipStart);
    if (patch.tierIds) member.tierIds = [...patch.tierIds];
  }

  const model = {
    users,
    campaigns,
    tiers,
    members,
    user: (id: string) => need(users, id, 'user'),
    campaign: (id: string) => need(campaigns, id, 'campaign'),
    member: (id: string) => need(members, id, 'member'),

    addUser(input: AddUserInput): PatreonUser {
      const id = String(nextUser++);
      const user: PatreonUser = {
        id,
        fullName: input.fullName,
        email: input.email ?? `patron${id}@example.com`,
        imageUrl: input.imageUrl ?? `https://c8.patreon.com/3/200/${id}`,
        vanity: input.vanity ?? null,
        discordUserId: input.discordUserId ?? null,
        createdAt: today(),
      };
      users.set(id, user);
      return user;
    },
    updateUser(id: string, patch: Partial<AddUserInput>): PatreonUser {
      const user = need(users, id, 'user');
      Object.assign(user, Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)));
      return user;
    },
    addCampaign(input: AddCampaignInput, id = String(nextCampaign++)): PatreonCampaign {
      const creator = model.addUser({ fullName: input.creatorName ?? `Creator of ${id}` });
      const campaign: PatreonCampaign = {
        id,
        creatorUserId: creator.id,
        vanity: input.vanity ?? `campaign${id}`,
        creationName: input.creationName ?? 'things worth supporting',
        discordServerId: input.discordServerId ?? null,
        createdAt: today(),
      };
      campaigns.set(id, campaign);
      return campaign;
    },
    addTier(input: AddTierInput, campaignId: string): PatreonTier {
      need(campaigns, campaignId, 'campaign');
      const tier: PatreonTier = {
        id: String(nextTier++),
        campaignId,
        title: input.title,
        amountCents: input.amountCents,
        discordRoleIds: [...(input.discordRoleIds ?? [])],
        published: input.published ?? true,
        description: input.description ?? '',
        createdAt: today(),
      };
      tiers.set(tier.id, tier);
      return tier;
    },
    addMember(input: AddMemberInput, campaignId: string): PatreonMember {
      const user = need(users, input.userId, 'user');
      need(campaigns, campaignId, 'campaign');
      const tierAmounts = (input.tierIds ?? []).map((tierId) => need(tiers, tierId, 'tier').amountCents);
      const patronStatus = input.patronStatus === undefined ? 'active_patron' : input.patronStatus;
      const active = patronStatus === 'active_patron';
      // A declined patron was charged and refused: Patreon reports the failed charge.
      const charged = active || patronStatus === 'declined_patron';
      const entitledCents = input.entitledCents ?? Math.max(0, ...tierAmounts);
      const member: PatreonMember = {
        id: randomUUID(),
        campaignId,
        userId: user.id,
        patronStatus,
        lastChargeStatus: active ? 'Paid' : charged ? 'Declined' : null,
        lastChargeDate: charged ? today() : null,
        nextChargeDate: null,
        pledgeRelationshipStart: patronStatus === null ? null : today(),
        entitledCents,
        willPayCents: input.willPayCents ?? entitledCents,
        lifetimeSupportCents: active ? entitledCents : 0,
        tierIds: [],
        pledgeCadence: patronStatus === null ? null : 1,
        isFollower: patronStatus === null,
        isFreeTrial: false,
        isGifted: false,
        note: '',
        email: user.email,
        fullName: user.fullName,
        sequence: nextSequence++,
        removed: false,
      };
      const { userId: _userId, campaignId: _campaignId, ...patch } = input;
      applyPatch(member, patch);
      members.set(member.id, member);
      return member;
    },
    updateMember(id: string, patch: MemberPatch): PatreonMember {
      const member = need(members, id, 'member');
      applyPatch(member, patch);
      return member;
    },
    removeMember(id: string): void {
      need(members, id, 'member').removed = true;
    },
    /** A campaign's present members in paging order. */
    membersOf: (campaignId: string) =>
      [...members.values()].filter((member) => member.campaignId === campaignId && !member.removed).sort((a, b) => a.sequence - b.sequence),
    membershipsOf: (userId: string) => [...members.values()].filter((member) => member.userId === userId && !member.removed),
  };
  return model;
}

export type Model = ReturnType<typeof createModel>;
