// The member's own data: the export (GET /api/v1/me/data) and the deletion's report.
import { z } from 'zod';
import { snowflake } from './schemas.ts';

const iso = z.string().describe('ISO 8601');

export const myDataAnswer = z.object({
  userId: snowflake,
  exportedAt: iso,
  subscriptions: z.array(z.object({ guildId: snowflake, anilistId: z.number().int(), since: iso })),
  animeAdded: z.array(z.object({ guildId: snowflake, anilistId: z.number().int(), nickname: z.string(), addedAt: iso })),
  serversOwned: z.array(z.object({ guildId: snowflake, checkedAt: iso.nullable() })),
  dashboardLogins: z.array(z.object({ username: z.string(), startedAt: iso, expiresAt: iso })).describe('Open logins; their Discord tokens are never exported'),
  configurationChanges: z.array(z.object({ guildId: snowflake, at: iso, source: z.string(), action: z.string(), details: z.unknown() })),
  patreon: z.object({
    link: z.object({ patreonUserId: z.string(), linkedAt: iso }).nullable().describe('The Patreon account linked here; its tokens are never exported'),
    premiumServer: z.object({ guildId: snowflake, since: iso }).nullable().describe('The server your premium applies to'),
    memberRecords: z
      .array(
        z.object({
          memberId: z.string(),
          patreonUserId: z.string(),
          patronStatus: z.string().nullable(),
          lastChargeStatus: z.string().nullable(),
          lastChargeAt: iso.nullable(),
          entitledCents: z.number().int(),
          declinedSince: iso.nullable(),
          updatedAt: iso,
        }),
      )
      .describe("Patreon's records of your membership, as AniTrack last read them"),
  }),
});

export const deletedAnswer = z.object({
  deleted: z.object({
    subscriptions: z.number().int(),
    attributions: z.number().int().describe('Anime that no longer name you as who added them'),
    ownerships: z.number().int().describe('Servers AniTrack no longer records you as owning'),
    auditEntries: z.number().int().describe("Changes in servers' audit logs that no longer name you"),
    sessions: z.number().int().describe('Dashboard logins ended (this one included); their Discord tokens were revoked'),
    patreonLink: z.boolean().describe('Whether your linked Patreon account was unlinked (its tokens deleted)'),
    premiumServer: z.boolean().describe('Whether the server your premium applied to was let go'),
    patreonMembers: z.number().int().describe('Patreon membership records that no longer name your Discord account'),
  }),
  message: z.string(),
});
