import type { Kysely, Selectable } from 'kysely';
import type { PatreonMember, PatreonMemberReport, PatreonRepositories } from '../patreon-repositories.ts';
import type { Database, PatreonMembersTable } from '../schema.ts';
import type { SecretBox } from '../secrets.ts';
import { insertGuildIfMissing } from './guild-defaults.ts';
import { knownTier } from './guilds.repo.ts';

// A sealed token opens only on the link (and column) it was sealed for.
export const patreonTokenContext = (column: 'access_token' | 'refresh_token', discordUserId: string) => `patreon_links.${column}:${discordUserId}`;

export function createPatreonRepositories(db: Kysely<Database>, secrets: SecretBox): PatreonRepositories {
  return {
    members: {
      async apply(report, now, options = {}) {
        return db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('patreon_members').selectAll().where('id', '=', report.id).executeTakeFirst();
          const stored = row && toMember(row);
          if (options.ifNotOlder && stored && isOlder(report, stored)) return false;
          const values = memberRow(report, stored, now);
          await trx
            .insertInto('patreon_members')
            .values(values)
            .onConflict((oc) => oc.column('id').doUpdateSet(values))
            .execute();
          return true;
        });
      },
      async remove(memberId) {
        await db.deleteFrom('patreon_members').where('id', '=', memberId).execute();
      },
      async removeAllExcept(memberIds) {
        const stored = await db.selectFrom('patreon_members').select('id').execute();
        const gone = stored.map((row) => row.id).filter((id) => !memberIds.has(id));
        if (gone.length === 0) return 0;
        await db.deleteFrom('patreon_members').where('id', 'in', gone).execute();
        return gone.length;
      },
      async all() {
        return (await db.selectFrom('patreon_members').selectAll().orderBy('id').execute()).map(toMember);
      },
      async ofSupporter(discordUserId, linkedPatreonUserId) {
        const rows = await db
          .selectFrom('patreon_members')
          .selectAll()
          .where((eb) =>
            linkedPatreonUserId === undefined
              ? eb('discord_user_id', '=', discordUserId)
              : eb.or([eb('discord_user_id', '=', discordUserId), eb('patreon_user_id', '=', linkedPatreonUserId)]),
          )
          .orderBy('id')
          .execute();
        return rows.map(toMember);
      },
      async forgetDiscordUser(discordUserId) {
        const result = await db.updateTable('patreon_members').set({ discord_user_id: null }).where('discord_user_id', '=', discordUserId).executeTakeFirst();
        return Number(result.numUpdatedRows);
      },
    },
    links: {
      async get(discordUserId) {
        const row = await db.selectFrom('patreon_links').selectAll().where('discord_user_id', '=', discordUserId).executeTakeFirst();
        return (
          row && {
            discordUserId: row.discord_user_id,
            patreonUserId: row.patreon_user_id,
            accessToken: secrets.open(row.access_token, patreonTokenContext('access_token', row.discord_user_id)),
            refreshToken: secrets.open(row.refresh_token, patreonTokenContext('refresh_token', row.discord_user_id)),
            tokenExpiresAt: Number(row.token_expires_at),
            linkedAt: Number(row.linked_at),
          }
        );
      },
      async all() {
        const rows = await db.selectFrom('patreon_links').select(['discord_user_id', 'patreon_user_id']).execute();
        return rows.map((row) => ({ discordUserId: row.discord_user_id, patreonUserId: row.patreon_user_id }));
      },
      async save(link) {
        await db.transaction().execute(async (trx) => {
          // One Patreon account per Discord user and the other way round: a new link replaces both.
          await trx
            .deleteFrom('patreon_links')
            .where((eb) => eb.or([eb('discord_user_id', '=', link.discordUserId), eb('patreon_user_id', '=', link.patreonUserId)]))
            .execute();
          await trx
            .insertInto('patreon_links')
            .values({
              discord_user_id: link.discordUserId,
              patreon_user_id: link.patreonUserId,
              access_token: secrets.seal(link.accessToken, patreonTokenContext('access_token', link.discordUserId)),
              refresh_token: secrets.seal(link.refreshToken, patreonTokenContext('refresh_token', link.discordUserId)),
              token_expires_at: link.tokenExpiresAt,
              linked_at: link.linkedAt,
            })
            .execute();
        });
      },
      async delete(discordUserId) {
        const link = await this.get(discordUserId);
        if (link) await db.deleteFrom('patreon_links').where('discord_user_id', '=', discordUserId).execute();
        return link;
      },
    },
    assignments: {
      async get(discordUserId) {
        const row = await db.selectFrom('premium_assignments').selectAll().where('discord_user_id', '=', discordUserId).executeTakeFirst();
        return row && { discordUserId: row.discord_user_id, guildId: row.guild_id, assignedAt: Number(row.assigned_at) };
      },
      async all() {
        const rows = await db.selectFrom('premium_assignments').selectAll().orderBy('assigned_at').execute();
        return rows.map((row) => ({ discordUserId: row.discord_user_id, guildId: row.guild_id, assignedAt: Number(row.assigned_at) }));
      },
      async forGuild(guildId) {
        const rows = await db.selectFrom('premium_assignments').selectAll().where('guild_id', '=', guildId).orderBy('assigned_at').execute();
        return rows.map((row) => ({ discordUserId: row.discord_user_id, guildId: row.guild_id, assignedAt: Number(row.assigned_at) }));
      },
      async assign(discordUserId, guildId, now) {
        return db.transaction().execute(async (trx) => {
          const before = await trx.selectFrom('premium_assignments').select('guild_id').where('discord_user_id', '=', discordUserId).executeTakeFirst();
          const values = { discord_user_id: discordUserId, guild_id: guildId, assigned_at: now };
          await trx
            .insertInto('premium_assignments')
            .values(values)
            .onConflict((oc) => oc.column('discord_user_id').doUpdateSet({ guild_id: guildId, assigned_at: now }))
            .execute();
          return before && before.guild_id !== guildId ? before.guild_id : undefined;
        });
      },
      async unassign(discordUserId) {
        const row = await db.deleteFrom('premium_assignments').where('discord_user_id', '=', discordUserId).returning('guild_id').executeTakeFirst();
        return row?.guild_id;
      },
    },
    webhookEvents: {
      async firstSighting(bodyHash, trigger, now) {
        const result = await db
          .insertInto('patreon_webhook_events')
          .values({ body_hash: bodyHash, trigger, received_at: now })
          .onConflict((oc) => oc.column('body_hash').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      },
      async forget(bodyHash) {
        await db.deleteFrom('patreon_webhook_events').where('body_hash', '=', bodyHash).execute();
      },
      async deleteOlderThan(before) {
        const result = await db.deleteFrom('patreon_webhook_events').where('received_at', '<', before).executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    },
    notices: {
      async add(guildId, kind, text, now) {
        await db.insertInto('premium_notices').values({ guild_id: guildId, kind, text, created_at: now, sent_at: null }).execute();
      },
      async unsent() {
        const rows = await db.selectFrom('premium_notices').selectAll().where('sent_at', 'is', null).orderBy('id').execute();
        return rows.map(toNotice);
      },
      async markSent(id, now) {
        await db.updateTable('premium_notices').set({ sent_at: now }).where('id', '=', id).execute();
      },
      async latest(guildId, limit) {
        const rows = await db.selectFrom('premium_notices').selectAll().where('guild_id', '=', guildId).orderBy('id', 'desc').limit(limit).execute();
        return rows.map(toNotice);
      },
    },
    async guildStates() {
      const rows = await db
        .selectFrom('guilds')
        .select(['id', 'patreon_tier', 'patreon_grace_until'])
        .where((eb) => eb.or([eb('patreon_tier', 'is not', null), eb('patreon_grace_until', 'is not', null)]))
        .execute();
      return rows.map((row) => toGuildState(row.id, row));
    },
    async guildState(guildId) {
      const row = await db.selectFrom('guilds').select(['patreon_tier', 'patreon_grace_until']).where('id', '=', guildId).executeTakeFirst();
      return toGuildState(guildId, row ?? { patreon_tier: null, patreon_grace_until: null });
    },
    async setGuildState(state, now) {
      await insertGuildIfMissing(db, state.guildId, now);
      await db
        .updateTable('guilds')
        .set({ patreon_tier: state.patreonTier, patreon_grace_until: state.graceUntil, updated_at: now })
        .where('id', '=', state.guildId)
        .execute();
    },
  };
}

function toGuildState(guildId: string, row: { patreon_tier: string | null; patreon_grace_until: number | null }) {
  return { guildId, patreonTier: knownTier(row.patreon_tier), graceUntil: row.patreon_grace_until === null ? null : Number(row.patreon_grace_until) };
}

function toMember(row: Selectable<PatreonMembersTable>): PatreonMember {
  return {
    id: row.id,
    patreonUserId: row.patreon_user_id,
    discordUserId: row.discord_user_id,
    patronStatus: row.patron_status,
    lastChargeStatus: row.last_charge_status,
    lastChargeAt: row.last_charge_at === null ? null : Number(row.last_charge_at),
    entitledCents: Number(row.entitled_cents),
    tierIds: row.tier_ids === '' ? [] : row.tier_ids.split(','),
    declinedSince: row.declined_since === null ? null : Number(row.declined_since),
    updatedAt: Number(row.updated_at),
  };
}

function toNotice(row: Selectable<Database['premium_notices']>) {
  return {
    id: Number(row.id),
    guildId: row.guild_id,
    kind: row.kind,
    text: row.text,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

// A webhook describing an earlier charge than the one stored arrived late: it is history.
function isOlder(report: PatreonMemberReport, stored: PatreonMember): boolean {
  return report.lastChargeAt !== null && stored.lastChargeAt !== null && report.lastChargeAt < stored.lastChargeAt;
}

function memberRow(report: PatreonMemberReport, stored: PatreonMember | undefined, now: number) {
  const declined = report.patronStatus === 'declined_patron';
  // Patreon may report nothing entitled once a payment failed; the grace period keeps what was paid for.
  const keepsEntitlement = declined && report.entitledCents === 0 && report.tierIds.length === 0 && stored !== undefined;
  const entitledCents = keepsEntitlement ? stored.entitledCents : report.entitledCents;
  const tierIds = keepsEntitlement ? stored.tierIds : report.tierIds;
  const failedChargeAt = report.lastChargeStatus === 'Declined' ? report.lastChargeAt : null;
  const declinedSince = declined ? (stored?.declinedSince ?? failedChargeAt ?? now) : null;
  return {
    id: report.id,
    patreon_user_id: report.patreonUserId,
    discord_user_id: report.discordUserId,
    patron_status: report.patronStatus,
    last_charge_status: report.lastChargeStatus,
    last_charge_at: report.lastChargeAt,
    entitled_cents: entitledCents,
    tier_ids: tierIds.join(','),
    declined_since: declinedSince,
    updated_at: now,
  };
}
