// Row types of every table, as Kysely sees them. The migrations in ./migrations create exactly
// these columns; times are Unix epoch milliseconds in BIGINT columns, booleans are 0/1 integers
// so that SQLite and PostgreSQL hold the same values.
import type { Generated } from 'kysely';

export interface GuildsTable {
  id: string;
  notify_channel_id: string | null;
  webhook_id: string | null;
  /** Sealed with AES-256-GCM (see secrets.ts); never plaintext. */
  webhook_token: string | null;
  title_language: string;
  reminder_offset_minutes: number | null;
  post_air_delay_minutes: number;
  channel_broken_at: number | null;
  /** The tier granted by the operator; meaningful only while premium_since is set ("free" otherwise). */
  premium_tier: string;
  /** When the operator granted premium_tier; null: no grant, the server is on DEFAULT_TIER. */
  premium_since: number | null;
  /** The tier a Patreon supporter gives the server (written by the Patreon part); null: none. A grant wins over it. */
  patreon_tier: string | null;
  /** When the bot was removed from the server; null while it is there. */
  left_at: number | null;
  /** When a member last used a command there (updated at most daily). */
  last_seen_at: number | null;
  /** The server owner's user id, as Discord last reported it (a member's id: see the data registry). */
  owner_id: string | null;
  /** When owner_id was last learned from Discord; null when never asked or forgotten. */
  owner_checked_at: number | null;
  /** While the server's Patreon supporter's payment failed: when its grace period ends (what its admins were told). */
  patreon_grace_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface TrackedAnimeTable {
  guild_id: string;
  media_id: number;
  nickname: string;
  /** Lower-cased, trimmed nickname: what makes two nicknames "the same". */
  nickname_key: string;
  added_by: string;
  added_at: number;
  /** Set when the anime finished airing and its AniList data was deleted. */
  finished_at: number | null;
  /** When the server paused it: nothing is planned or sent for it until it is resumed (null). */
  paused_at: number | null;
  /** When the server's tier limit paused it (the list outgrew the tier); cleared when it fits again. */
  limit_paused_at: number | null;
}

export interface MemberSubscriptionsTable {
  guild_id: string;
  media_id: number;
  user_id: string;
  created_at: number;
}

export interface CommandLocksTable {
  guild_id: string;
  command: string;
  role_id: string;
  created_at: number;
}

export interface MediaTable {
  id: number;
  id_mal: number | null;
  title_romaji: string | null;
  title_english: string | null;
  title_native: string | null;
  format: string | null;
  status: string | null;
  episodes: number | null;
  duration: number | null;
  season: string | null;
  season_year: number | null;
  description: string | null;
  cover_image: string | null;
  cover_color: string | null;
  banner_image: string | null;
  site_url: string | null;
  is_adult: number;
  /** JSON array of genre names. */
  genres: string;
  /** JSON array of {site, url} streaming links. */
  streaming_links: string;
  fetched_at: number;
}

export interface AiringsTable {
  media_id: number;
  episode: number;
  /** AniList's AiringSchedule id; may change when AniList re-creates a schedule entry. */
  anilist_id: number;
  airing_at: number;
  cancelled_at: number | null;
  updated_at: number;
}

export interface DeliveriesTable {
  id: Generated<number>;
  guild_id: string;
  media_id: number;
  episode: number;
  kind: string;
  due_at: number;
  status: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  message_id: string | null;
  /** Messages of this delivery already sent (mentions split over several). */
  parts_sent: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface WorkerHeartbeatsTable {
  /** The delivery worker's lease owner id. */
  owner: string;
  started_at: number;
  seen_at: number;
}

export interface CatalogueTable {
  media_id: number;
  title_romaji: string | null;
  title_english: string | null;
  title_native: string | null;
  /** JSON array of other names. */
  synonyms: string;
  format: string | null;
  season: string | null;
  season_year: number | null;
  status: string | null;
  is_adult: number;
  popularity: number;
  cover_image: string | null;
  next_episode: number | null;
  next_airing_at: number | null;
  /** The refresh that last wrote the row; rows an entire refresh did not write are gone from AniList's list. */
  refreshed_at: number;
}

/** A dashboard login; the browser's cookie holds the id whose SHA-256 is `id_hash`. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  username: string;
  csrf_token: string;
  /** Sealed. */
  access_token: string;
  /** Sealed. */
  refresh_token: string;
  token_expires_at: number;
  created_at: number;
  expires_at: number;
}

/** One change to a server's configuration (see domain/audit.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  guild_id: string;
  /** Who made it; null once they had their data deleted. */
  user_id: string | null;
  /** 'discord' or 'dashboard'. */
  source: string;
  action: string;
  /** JSON: the change's details, without secrets or member ids. */
  details: string;
  created_at: number;
}

/** A member of the Patreon campaign, as Patreon last described them. */
export interface PatreonMembersTable {
  /** Patreon's member id (a UUID). */
  id: string;
  patreon_user_id: string;
  /** The Discord account connected on Patreon, if any. */
  discord_user_id: string | null;
  patron_status: string | null;
  last_charge_status: string | null;
  last_charge_at: number | null;
  /** What the member was last entitled to while paying (kept through a declined payment). */
  entitled_cents: number;
  /** Comma-separated Patreon tier ids of that entitlement. */
  tier_ids: string;
  /** When the payment failed (the grace period counts from it); null while paid up. */
  declined_since: number | null;
  updated_at: number;
}

/** A Discord user's Patreon account, linked from the dashboard. */
export interface PatreonLinksTable {
  discord_user_id: string;
  patreon_user_id: string;
  /** Sealed. */
  access_token: string;
  /** Sealed. */
  refresh_token: string;
  token_expires_at: number;
  linked_at: number;
}

/** The one server a supporter's premium applies to. */
export interface PremiumAssignmentsTable {
  discord_user_id: string;
  guild_id: string;
  assigned_at: number;
}

/** A Patreon webhook already applied, by the SHA-256 of its bytes. */
export interface PatreonWebhookEventsTable {
  body_hash: string;
  trigger: string;
  received_at: number;
}

/** A message owed to (or sent to) a server's admins about its premium. */
export interface PremiumNoticesTable {
  id: Generated<number>;
  guild_id: string;
  kind: string;
  text: string;
  created_at: number;
  sent_at: number | null;
}

export interface Database {
  guilds: GuildsTable;
  tracked_anime: TrackedAnimeTable;
  member_subscriptions: MemberSubscriptionsTable;
  command_locks: CommandLocksTable;
  media: MediaTable;
  airings: AiringsTable;
  deliveries: DeliveriesTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  catalogue: CatalogueTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  patreon_members: PatreonMembersTable;
  patreon_links: PatreonLinksTable;
  premium_assignments: PremiumAssignmentsTable;
  patreon_webhook_events: PatreonWebhookEventsTable;
  premium_notices: PremiumNoticesTable;
}
