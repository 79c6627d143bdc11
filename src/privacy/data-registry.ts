// Every table, and what ties its rows to a server or a member (promises P1 and P2 in docs/promises.md).
// Deletion and export are built on these facts, and a test fails when a migration adds a table
// that is not described here.
import type { Database } from '../store/schema.ts';

export interface TableFacts {
  /** The column naming the server a row belongs to. */
  guildColumn?: string;
  /** Columns naming a member. */
  userColumns?: string[];
  /** Why a table holds nothing about servers or members. */
  noPersonalData?: string;
}

export const DATA_REGISTRY: Record<keyof Database | 'kysely_migration' | 'kysely_migration_lock', TableFacts> = {
  // owner_id: the server owner's user id, kept so the owner action need not ask Discord each time.
  // premium_tier and patreon_tier name a tier, never who pays for it.
  guilds: { guildColumn: 'id', userColumns: ['owner_id'] },
  tracked_anime: { guildColumn: 'guild_id', userColumns: ['added_by'] },
  member_subscriptions: { guildColumn: 'guild_id', userColumns: ['user_id'] },
  command_locks: { guildColumn: 'guild_id' },
  deliveries: { guildColumn: 'guild_id' },
  // Who changed a server's configuration, when and what; user_id is set to null when that member deletes their data.
  audit_log: { guildColumn: 'guild_id', userColumns: ['user_id'] },
  // A dashboard login: the member's id and Discord name, and their Discord tokens (sealed).
  sessions: { userColumns: ['user_id'] },
  // A Patreon supporter: their Patreon ids, the Discord account they connected there, and whether their payments go through.
  patreon_members: { userColumns: ['discord_user_id'] },
  // A member's Patreon account linked from the dashboard, with their Patreon tokens (sealed).
  patreon_links: { userColumns: ['discord_user_id'] },
  // Which server a supporter's premium applies to.
  premium_assignments: { guildColumn: 'guild_id', userColumns: ['discord_user_id'] },
  patreon_webhook_events: { noPersonalData: 'hashes of Patreon webhooks already applied, so a repeated one changes nothing; kept 30 days' },
  // What the server's admins were told about its premium (the text names no member).
  premium_notices: { guildColumn: 'guild_id' },
  media: { noPersonalData: 'AniList data about anime, deleted once the anime has fully aired' },
  airings: { noPersonalData: 'AniList air times, deleted with their anime' },
  catalogue: { noPersonalData: 'public AniList titles of anime airing or announced, for suggestions; deleted once no longer airing and not tracked' },
  worker_heartbeats: { noPersonalData: 'which delivery workers are alive (process ids)' },
  kysely_migration: { noPersonalData: 'which schema migrations have run' },
  kysely_migration_lock: { noPersonalData: 'a lock for running migrations' },
};
