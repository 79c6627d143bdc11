// Patreon's JSON:API documents, parsed at the edge. Everything is optional that Patreon may leave
// out (v2 sends only the fields asked for, and null where a member has no value); unknown fields
// are ignored so a new attribute on Patreon's side breaks nothing.
import { z } from 'zod';
import type { PatreonMemberReport } from '../store/repositories.ts';

const reference = z.object({ id: z.string().min(1), type: z.string() });
const toOne = z.object({ data: reference.nullable().optional() }).optional();
const toMany = z.object({ data: z.array(reference).nullable().optional() }).optional();

const memberAttributes = z
  .object({
    patron_status: z.string().nullable().optional(),
    last_charge_status: z.string().nullable().optional(),
    last_charge_date: z.string().nullable().optional(),
    currently_entitled_amount_cents: z.number().int().nullable().optional(),
  })
  .default({});

export const memberResource = z.object({
  type: z.literal('member'),
  id: z.string().min(1),
  attributes: memberAttributes,
  relationships: z.object({ user: toOne, campaign: toOne, currently_entitled_tiers: toMany }).default({}),
});

const includedResource = z.object({
  type: z.string(),
  id: z.string().min(1),
  attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  // Kept so an included membership (the identity's) still names its campaign and tiers.
  relationships: z.record(z.string(), z.unknown()).optional(),
});

const socialConnections = z
  .object({
    social_connections: z
      .object({ discord: z.object({ user_id: z.string().nullable().optional() }).nullable().optional() })
      .nullable()
      .optional(),
  })
  .optional();

export const membersPageSchema = z.object({
  data: z.array(memberResource),
  included: z.array(includedResource).optional(),
  links: z.object({ next: z.string().nullable().optional() }).optional(),
  meta: z
    .object({ pagination: z.object({ cursors: z.object({ next: z.string().nullable().optional() }).optional(), total: z.number().optional() }).optional() })
    .optional(),
});

export const memberDocumentSchema = z.object({ data: memberResource, included: z.array(includedResource).optional() });

export const identitySchema = z.object({
  data: z.object({ type: z.literal('user'), id: z.string().min(1), attributes: z.record(z.string(), z.unknown()).nullable().optional() }),
  included: z.array(includedResource).optional(),
});

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});

export const errorsSchema = z.object({
  errors: z.array(
    z.object({ code_name: z.string().nullable().optional(), detail: z.string().nullable().optional(), retry_after_seconds: z.number().optional() }),
  ),
});

type Member = z.infer<typeof memberResource>;
type Included = z.infer<typeof includedResource>;

const SNOWFLAKE = /^\d{17,20}$/;

/** The Discord account a Patreon user connected, from an included user resource. */
export function discordUserIdOf(user: Included | undefined): string | null {
  const parsed = socialConnections.safeParse(user?.attributes ?? undefined);
  const id = parsed.success ? parsed.data?.social_connections?.discord?.user_id : undefined;
  return id && SNOWFLAKE.test(id) ? id : null;
}

/** What a member resource (with its included user) says, in the shape the store keeps. */
export function memberReport(member: Member, included: readonly Included[]): PatreonMemberReport | undefined {
  const userId = member.relationships.user?.data?.id;
  if (!userId) return undefined;
  const user = included.find((resource) => resource.type === 'user' && resource.id === userId);
  const chargeDate = member.attributes.last_charge_date ? Date.parse(member.attributes.last_charge_date) : Number.NaN;
  return {
    id: member.id,
    patreonUserId: userId,
    discordUserId: discordUserIdOf(user),
    patronStatus: member.attributes.patron_status ?? null,
    lastChargeStatus: member.attributes.last_charge_status ?? null,
    lastChargeAt: Number.isFinite(chargeDate) ? chargeDate : null,
    entitledCents: member.attributes.currently_entitled_amount_cents ?? 0,
    tierIds: (member.relationships.currently_entitled_tiers?.data ?? []).filter((tier) => tier.type === 'tier').map((tier) => tier.id),
  };
}
