// The stand-in's records and the inputs a test gives to create or change them, in the test's
// words (camelCase); attributes.ts turns them into Patreon's attribute names.

export type PatronStatus = 'active_patron' | 'declined_patron' | 'former_patron' | null;
export type ChargeStatus =
  'Paid' | 'Declined' | 'Deleted' | 'Pending' | 'Refunded' | 'Refunded by Patreon' | 'Partially Refunded' | 'Fraud' | 'Free Trial' | 'Other' | null;
export type DateInput = string | Date | null;

export interface PatreonUser {
  id: string;
  fullName: string;
  email: string;
  imageUrl: string;
  vanity: string | null;
  /** The Discord account connected on Patreon (social_connections.discord.user_id), or null. */
  discordUserId: string | null;
  createdAt: string;
}

export interface PatreonCampaign {
  id: string;
  creatorUserId: string;
  vanity: string;
  creationName: string;
  discordServerId: string | null;
  createdAt: string;
}

export interface PatreonTier {
  id: string;
  campaignId: string;
  title: string;
  amountCents: number;
  discordRoleIds: string[];
  published: boolean;
  description: string;
  createdAt: string;
}

export interface PatreonMember {
  id: string;
  campaignId: string;
  userId: string;
  patronStatus: PatronStatus;
  lastChargeStatus: ChargeStatus;
  lastChargeDate: string | null;
  nextChargeDate: string | null;
  pledgeRelationshipStart: string | null;
  entitledCents: number;
  willPayCents: number;
  lifetimeSupportCents: number;
  tierIds: string[];
  pledgeCadence: number | null;
  isFollower: boolean;
  isFreeTrial: boolean;
  isGifted: boolean;
  note: string;
  email: string;
  fullName: string;
  /** Paging order: fixed when added, never reused. */
  sequence: number;
  removed: boolean;
}

export interface AddUserInput {
  fullName: string;
  discordUserId?: string | null;
  email?: string;
  imageUrl?: string;
  vanity?: string | null;
}

export interface AddCampaignInput {
  creatorName?: string;
  vanity?: string;
  creationName?: string;
  discordServerId?: string | null;
}

export interface AddTierInput {
  title: string;
  amountCents: number;
  campaignId?: string;
  discordRoleIds?: string[];
  published?: boolean;
  description?: string;
}

export interface MemberPatch {
  patronStatus?: PatronStatus;
  lastChargeStatus?: ChargeStatus;
  lastChargeDate?: DateInput;
  nextChargeDate?: DateInput;
  pledgeRelationshipStart?: DateInput;
  entitledCents?: number;
  willPayCents?: number;
  lifetimeSupportCents?: number;
  tierIds?: string[];
  pledgeCadence?: number | null;
  isFollower?: boolean;
  isFreeTrial?: boolean;
  isGifted?: boolean;
  note?: string;
  email?: string;
  fullName?: string;
}

export interface AddMemberInput extends MemberPatch {
  userId: string;
  /** Default: the stand-in's own campaign. */
  campaignId?: string;
}

/** Patreon writes dates as "2024-01-31T20:46:10.000+00:00". */
export function patreonDate(input: string | Date): string {
  const date = typeof input === 'string' ? new Date(input) : input;
  if (Number.isNaN(date.getTime())) throw new Error(`Patreon stand-in: "${String(input)}" is not a date`);
  return date.toISOString().replace('Z', '+00:00');
}
