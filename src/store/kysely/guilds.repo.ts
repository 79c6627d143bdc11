import type { Kysely, Selectable } from 'kysely';
import type { TitleLanguage } from '../../domain/media.ts';
import { isPremiumTier, type PremiumTier } from '../../domain/tiers.ts';
import type { GuildSettings, GuildsRepository, NotifyChannel, Webhook } from '../repositories.ts';
import type { Database, GuildsTable } from '../schema.ts';
import type { SecretBox } from '../secrets.ts';
import { groupCommit } from '../group-commit.ts';
import { chunk } from './chunk.ts';
import { compiledOnce } from './compiled-once.ts';
import { insertGuildIfMissing } from './guild-defaults.ts';

/** Associated data for a sealed webhook token: it opens only on its own server's row. */
export function webhookTokenContext(guildId: string): string {
  return `guilds.webhook_token:${guildId}`;
}

// Every command reads its server's settings, and records that the server is in use.
const selectSettings = compiledOnce(['id'], (db, values) => db.selectFrom('guilds').selectAll().where('id', '=', values.id));
const updateLastSeen = compiledOnce(['id', 'now'], (db, values) => db.updateTable('guilds').set({ last_seen_at: values.now }).where('id', '=', values.id));

export function createGuildsRepository(db: Kysely<Database>, secrets: SecretBox): GuildsRepository {
  const ensure = (guildId: string, now: number) => insertGuildIfMissing(db, guildId, now);
  // Servers using commands at the same moment are recorded in one transaction.
  const touch = groupCommit<{ id: string; now: number }>((servers) =>
    db.transaction().execute(async (trx) => {
      for (const server of servers) await updateLastSeen(db, server, trx);
    }),
  );

  const readWebhook = (row: Pick<Selectable<GuildsTable>, 'id' | 'webhook_id' | 'webhook_token'>): Webhook | undefined =>
    row.webhook_id && row.webhook_token ? { id: row.webhook_id, token: secrets.open(row.webhook_token, webhookTokenContext(row.id)) } : undefined;

  const takeWebhook = async (guildId: string) => {
    const row = await db.selectFrom('guilds').select(['id', 'webhook_id', 'webhook_token']).where('id', '=', guildId).executeTakeFirst();
    return row ? readWebhook(row) : undefined;
  };

  return {
    async get(guildId) {
      const [row] = (await selectSettings(db, { id: guildId })).rows;
      return row ? toSettings(row) : undefined;
    },
    async getMany(guildIds) {
      const found: GuildSettings[] = [];
      for (const part of chunk(guildIds, 500)) {
        found.push(...(await db.selectFrom('guilds').selectAll().where('id', 'in', part).execute()).map(toSettings));
      }
      return found;
    },
    ensure,
    async updateSettings(guildId, changes, now) {
      await ensure(guildId, now);
      await db
        .updateTable('guilds')
        .set({
          ...(changes.titleLanguage !== undefined && { title_language: changes.titleLanguage }),
          ...(changes.reminderOffsetMinutes !== undefined && { reminder_offset_minutes: changes.reminderOffsetMinutes }),
          ...(changes.postAirDelayMinutes !== undefined && { post_air_delay_minutes: changes.postAirDelayMinutes }),
          updated_at: now,
        })
        .where('id', '=', guildId)
        .execute();
    },
    async setNotifyChannel(guildId, channel, now) {
      await ensure(guildId, now);
      const previous = await takeWebhook(guildId);
      await db
        .updateTable('guilds')
        .set({
          notify_channel_id: channel.channelId,
          webhook_id: channel.webhook.id,
          webhook_token: secrets.seal(channel.webhook.token, webhookTokenContext(guildId)),
          channel_broken_at: null,
          updated_at: now,
        })
        .where('id', '=', guildId)
        .execute();
      return previous && previous.id !== channel.webhook.id ? previous : undefined;
    },
    async clearNotifyChannel(guildId, now) {
      const previous = await takeWebhook(guildId);
      await db
        .updateTable('guilds')
        .set({ notify_channel_id: null, webhook_id: null, webhook_token: null, channel_broken_at: null, updated_at: now })
        .where('id', '=', guildId)
        .execute();
      return previous;
    },
    async getNotifyChannel(guildId) {
      const row = await db.selectFrom('guilds').select(['id', 'notify_channel_id', 'webhook_id', 'webhook_token']).where('id', '=', guildId).executeTakeFirst();
      const webhook = row && readWebhook(row);
      return row?.notify_channel_id && webhook ? ({ channelId: row.notify_channel_id, webhook } satisfies NotifyChannel) : undefined;
    },
    async getNotifyChannels(guildIds) {
      const found = new Map<string, NotifyChannel>();
      for (const part of chunk([...new Set(guildIds)], 500)) {
        const rows = await db.selectFrom('guilds').select(['id', 'notify_channel_id', 'webhook_id', 'webhook_token']).where('id', 'in', part).execute();
        for (const row of rows) {
          const webhook = readWebhook(row);
          if (row.notify_channel_id && webhook) found.set(row.id, { channelId: row.notify_channel_id, webhook });
        }
      }
      return found;
    },
    async markChannelBroken(guildId, now) {
      await db.updateTable('guilds').set({ channel_broken_at: now, updated_at: now }).where('id', '=', guildId).execute();
    },
    async setPremiumTier(guildId, tier, now) {
      if (tier === null) {
        await db.updateTable('guilds').set({ premium_tier: 'free', premium_since: null, updated_at: now }).where('id', '=', guildId).execute();
        return;
      }
      await ensure(guildId, now);
      // "Since" is when the server got this tier: granting it again must not reset the date.
      await db
        .updateTable('guilds')
        .set({ premium_tier: tier, premium_since: now, updated_at: now })
        .where('id', '=', guildId)
        .where((eb) => eb.or([eb('premium_since', 'is', null), eb('premium_tier', '<>', tier)]))
        .execute();
    },
    async premiumGrants() {
      const rows = await db
        .selectFrom('guilds')
        .select(['id', 'premium_tier', 'premium_since'])
        .where('premium_since', 'is not', null)
        .orderBy('premium_since')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ guildId: row.id, tier: row.premium_tier as PremiumTier, since: Number(row.premium_since) }));
    },
    async setLeftAt(guildId, at) {
      await db.updateTable('guilds').set({ left_at: at }).where('id', '=', guildId).execute();
    },
    touch: (guildId, now) => touch({ id: guildId, now }),
    async abandoned(before) {
      const rows = await db
        .selectFrom('guilds')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('left_at', '<', before),
            eb.and([eb('channel_broken_at', '<', before), eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', eb.ref('channel_broken_at'))])]),
          ]),
        )
        .orderBy('id')
        .execute();
      return rows.map((row) => row.id);
    },
    async setOwner(guildId, ownerId, now) {
      await db.updateTable('guilds').set({ owner_id: ownerId, owner_checked_at: now }).where('id', '=', guildId).execute();
    },
    async guildsOwnedBy(userId) {
      return db.selectFrom('guilds').select(OWNERSHIP).where('owner_id', '=', userId).orderBy('id').execute();
    },
    async ownersToRefresh(before) {
      return db
        .selectFrom('guilds')
        .select(OWNERSHIP)
        .where('notify_channel_id', 'is not', null)
        .where((eb) => eb.or([eb('owner_checked_at', 'is', null), eb('owner_checked_at', '<', before)]))
        .orderBy('id')
        .execute();
    },
    async forgetOwner(userId, guildId) {
      // The check time goes too: an owner we no longer know must be asked for again, not trusted as "nobody".
      let query = db.updateTable('guilds').set({ owner_id: null, owner_checked_at: null }).where('owner_id', '=', userId);
      if (guildId !== undefined) query = query.where('id', '=', guildId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async delete(guildId) {
      await db.deleteFrom('guilds').where('id', '=', guildId).execute();
    },
  };
}

const OWNERSHIP = ['id as guildId', 'owner_id as ownerId', 'owner_checked_at as checkedAt'] as const;

function toSettings(row: Selectable<GuildsTable>): GuildSettings {
  return {
    guildId: row.id,
    notifyChannelId: row.notify_channel_id,
    webhookId: row.webhook_id,
    hasWebhook: row.webhook_token !== null,
    titleLanguage: row.title_language as TitleLanguage,
    reminderOffsetMinutes: row.reminder_offset_minutes,
    postAirDelayMinutes: row.post_air_delay_minutes,
    channelBrokenAt: row.channel_broken_at,
    premiumTier: row.premium_since === null ? null : (row.premium_tier as PremiumTier),
    patreonTier: knownTier(row.patreon_tier),
    leftAt: row.left_at,
  };
}

/** A stored Patreon tier this version does not know (a newer one wrote it) counts as none rather than failing every read. */
export function knownTier(value: string | null): PremiumTier | null {
  return value !== null && isPremiumTier(value) ? value : null;
}
