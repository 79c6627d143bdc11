// What the rest of AniTrack may ask of storage. Callers depend on these interfaces only, so a
// different backend (the original bot ran on MongoDB) can be added beside ./kysely without
// touching them. Times are epoch milliseconds.
import type { AuditChange, AuditEntry, AuditSource } from '../domain/audit.ts';
import type { Airing, CatalogueEntry, Media, MediaStatus, TitleLanguage } from '../domain/media.ts';
import type { PremiumTier } from '../domain/tiers.ts';
import type { PatreonRepositories } from './patreon-repositories.ts';

export type * from './patreon-repositories.ts';

export interface GuildSettings {
  guildId: string;
  notifyChannelId: string | null;
  webhookId: string | null;
  hasWebhook: boolean;
  titleLanguage: TitleLanguage;
  reminderOffsetMinutes: number | null;
  postAirDelayMinutes: number;
  channelBrokenAt: number | null;
  /** The tier the operator granted this server; null: none, so DEFAULT_TIER applies (see domain/tiers.ts). */
  premiumTier: PremiumTier | null;
  /** The tier a Patreon supporter gives this server; null: none. Below a grant, above DEFAULT_TIER only when higher. */
  patreonTier: PremiumTier | null;
  leftAt: number | null;
}

/** A tier the operator granted a server with `anitrack premium set`, and since when. */
export interface PremiumGrant {
  guildId: string;
  tier: PremiumTier;
  since: number;
}

export interface Webhook {
  id: string;
  token: string;
}

export interface NotifyChannel {
  channelId: string;
  webhook: Webhook;
}

/** Who owns a server, as Discord last told us, and when (null: never asked, or forgotten). */
export interface GuildOwnership {
  guildId: string;
  ownerId: string | null;
  checkedAt: number | null;
}

export interface GuildsRepository {
  get(guildId: string): Promise<GuildSettings | undefined>;
  getMany(guildIds: readonly string[]): Promise<GuildSettings[]>;
  /** Creates the server's row with default settings if it has none yet. */
  ensure(guildId: string, now: number): Promise<void>;
  updateSettings(
    guildId: string,
    changes: Partial<Pick<GuildSettings, 'titleLanguage' | 'reminderOffsetMinutes' | 'postAirDelayMinutes'>>,
    now: number,
  ): Promise<void>;
  /** Stores the channel and its webhook (token sealed); returns the webhook it replaced, if any. */
  setNotifyChannel(guildId: string, channel: NotifyChannel, now: number): Promise<Webhook | undefined>;
  /** Forgets the channel; returns its webhook so the caller can delete it in Discord. */
  clearNotifyChannel(guildId: string, now: number): Promise<Webhook | undefined>;
  getNotifyChannel(guildId: string): Promise<NotifyChannel | undefined>;
  /** The working channels of these servers (those with one), by server id; one query per 500. */
  getNotifyChannels(guildIds: readonly string[]): Promise<Map<string, NotifyChannel>>;
  markChannelBroken(guildId: string, now: number): Promise<void>;
  /** Grants the server `tier` (creating its row if needed), or takes its grant away (null). Granting the tier it already has keeps its date. */
  setPremiumTier(guildId: string, tier: PremiumTier | null, now: number): Promise<void>;
  /** Every server with a grant, oldest grant first. */
  premiumGrants(): Promise<PremiumGrant[]>;
  /** The bot was removed from the server (`at`), or is back (null). Unknown servers are ignored. */
  setLeftAt(guildId: string, at: number | null): Promise<void>;
  /** Records that the server used a command at `now`. */
  touch(guildId: string, now: number): Promise<void>;
  /** Servers gone for good: removed before `before`, or whose webhook broke before `before` with no command used since. */
  abandoned(before: number): Promise<string[]>;
  /** Records the server's owner as Discord reported it at `now`. Unknown servers are ignored. */
  setOwner(guildId: string, ownerId: string | null, now: number): Promise<void>;
  /** Servers whose stored owner is `userId` (however old the check). */
  guildsOwnedBy(userId: string): Promise<GuildOwnership[]>;
  /** Servers with a notification channel whose owner is unknown or was checked before `before`. */
  ownersToRefresh(before: number): Promise<GuildOwnership[]>;
  /** Clears `userId` as owner (in one server, or everywhere) so the row no longer names them. */
  forgetOwner(userId: string, guildId?: string): Promise<number>;
  /** Deletes the server and, through the foreign keys, everything it owns. */
  delete(guildId: string): Promise<void>;
}

export interface TrackedAnime {
  guildId: string;
  mediaId: number;
  nickname: string;
  addedBy: string;
  addedAt: number;
  /** When the anime finished airing; the server has not been told yet while the row remains. */
  finishedAt: number | null;
  /** When the server paused it (null: not paused): it stays on the list, but gets no notifications. */
  pausedAt: number | null;
  /** When the server's tier limit paused it (null: within the limit): like pausedAt, until the list fits the tier again. */
  limitPausedAt: number | null;
}

/** What applying a list limit changed: the anime it paused and those it resumed. */
export interface ListLimitChange {
  paused: number[];
  resumed: number[];
}

export interface AddTrackedAnime {
  guildId: string;
  mediaId: number;
  nickname: string;
  addedBy: string;
  now: number;
  /** The server's tier limit; null for unlimited. */
  maxPerGuild: number | null;
}

export interface CountByMedia {
  mediaId: number;
  count: number;
}

/** For the spread-list check: what each member added where, and anime crowded with subscribers. */
export interface SpreadFacts {
  /** How many anime of a server's list (of `listSize`) the member added. */
  added: { userId: string; guildId: string; added: number; listSize: number }[];
  /** An anime the member added to a server, with at least the asked number of subscribers there. */
  crowded: { userId: string; guildId: string; mediaId: number; subscribers: number }[];
}

export interface TrackedAnimeRepository {
  /** @throws AlreadyTrackedError, NicknameTakenError, ListFullError */
  add(input: AddTrackedAnime): Promise<TrackedAnime>;
  remove(guildId: string, mediaId: number): Promise<boolean>;
  /** Pauses (keeping the first pause's time) or resumes the anime; undefined when it is not on the server's list. */
  setPaused(guildId: string, mediaId: number, paused: boolean, now: number): Promise<TrackedAnime | undefined>;
  /** @throws NicknameTakenError, NotTrackedError */
  rename(guildId: string, mediaId: number, nickname: string): Promise<TrackedAnime>;
  get(guildId: string, mediaId: number): Promise<TrackedAnime | undefined>;
  /** These (server, anime) pairs' entries, those that exist. */
  getMany(keys: readonly { guildId: string; mediaId: number }[]): Promise<TrackedAnime[]>;
  findByNickname(guildId: string, nickname: string): Promise<TrackedAnime | undefined>;
  /** The server's list, finished anime included (so the server can be told). */
  listForGuild(guildId: string): Promise<TrackedAnime[]>;
  /** Anime still airing or upcoming on the server's list, paused ones included: what the tier limit counts. */
  countForGuild(guildId: string): Promise<number>;
  /**
   * Fits the server's list to `maxAnime` (null: unlimited) without deleting anything: the first
   * `maxAnime` anime by (added_at, media_id) are active, the rest are paused by the limit (an
   * earlier pause keeps its time). Finished anime do not count.
   */
  applyListLimit(guildId: string, maxAnime: number | null, now: number): Promise<ListLimitChange>;
  /** Servers whose list (unfinished anime, paused ones included) holds more than `count` anime, or has an anime paused by the limit. */
  guildsOverOrPaused(count: number): Promise<string[]>;
  /** Every anime some server tracks and that has not finished: what the airing sync follows. */
  trackedMediaIds(): Promise<number[]>;
  guildsTracking(mediaId: number): Promise<string[]>;
  /** Whether a server other than `guildId` follows the anime (cheap: stops at the first). */
  trackedElsewhere(mediaId: number, guildId: string): Promise<boolean>;
  /**
   * The servers that follow these anime (finished and paused ones left out) and can be notified (the
   * rule of delivery/can-notify.ts, applied in the query), grouped by anime and by the settings
   * that time a notification: a fan-out to 10,000 servers is a few groups.
   */
  followers(mediaIds: readonly number[], guildIds?: readonly string[]): Promise<FollowerGroup[]>;
  mostTracked(limit: number): Promise<CountByMedia[]>;
  /** Marks the anime finished on every server's list; returns how many rows changed. */
  markFinished(mediaIds: readonly number[], now: number): Promise<number>;
  /** Removes the server's finished anime once it has been told; returns them. */
  dismissFinished(guildId: string): Promise<TrackedAnime[]>;
  /** Forgets who added anime (in one server, or everywhere): the list itself belongs to the server. */
  forgetAdder(userId: string, guildId?: string): Promise<number>;
  addedBy(userId: string): Promise<TrackedAnime[]>;
  /** On servers still using AniTrack, what each member added, and anime with at least `minSubscribers` subscribers (the spread-list check). */
  spreadFacts(minSubscribers: number): Promise<SpreadFacts>;
}

export interface SubscribeInput {
  guildId: string;
  mediaId: number;
  userId: string;
  now: number;
  maxPerAnime: number | null;
}

export interface SubscriptionsRepository {
  /** @returns false when the member was already subscribed. @throws NotTrackedError, SubscribersFullError */
  subscribe(input: SubscribeInput): Promise<boolean>;
  unsubscribe(guildId: string, mediaId: number, userId: string): Promise<boolean>;
  isSubscribed(guildId: string, mediaId: number, userId: string): Promise<boolean>;
  subscribers(guildId: string, mediaId: number): Promise<string[]>;
  /** The subscribers of each of these (server, anime) pairs, keyed "guildId:mediaId", in `subscribers`' order; pairs without any are left out. */
  subscribersOf(keys: readonly { guildId: string; mediaId: number }[]): Promise<Map<string, string[]>>;
  mediaForMember(guildId: string, userId: string): Promise<number[]>;
  /** Every subscription of a member, in every server. */
  forMember(userId: string): Promise<{ guildId: string; mediaId: number; createdAt: number }[]>;
  countForAnime(guildId: string, mediaId: number): Promise<number>;
  mostSubscribed(limit: number): Promise<CountByMedia[]>;
  /** Deletes one member's subscriptions in one server, or everywhere when guildId is omitted. */
  deleteForMember(userId: string, guildId?: string): Promise<number>;
}

export interface CommandLock {
  command: string;
  roleId: string;
}

export interface CommandLocksRepository {
  lock(guildId: string, command: string, roleId: string, now: number): Promise<boolean>;
  /** Removes one role's lock, or every lock on the command when roleId is omitted. */
  unlock(guildId: string, command: string, roleId?: string): Promise<number>;
  rolesFor(guildId: string, command: string): Promise<string[]>;
  listForGuild(guildId: string): Promise<CommandLock[]>;
}

export interface MediaRepository {
  upsertMany(media: Media[]): Promise<void>;
  get(id: number): Promise<Media | undefined>;
  getMany(ids: readonly number[]): Promise<Media[]>;
  /** Ids whose details were fetched before `before` (for the daily refresh). */
  staleIds(before: number): Promise<number[]>;
  /** Every cached anime's id, or those with one of `statuses`. */
  listIds(filter?: { statuses?: readonly MediaStatus[] }): Promise<number[]>;
  /** Deletes the media and, through the foreign key, its airings. */
  deleteMany(ids: readonly number[]): Promise<number>;
}

export interface CatalogueVersion {
  entries: number;
  /** When the last refresh wrote it; null while the catalogue is empty. */
  refreshedAt: number | null;
}

export interface CatalogueRepository {
  /**
   * Makes the catalogue what one refresh found: writes `fetched` (AniList's list) and `tracked`
   * (anime servers follow that the list no longer holds; their popularity and other names are
   * kept), and deletes every entry that was in neither.
   */
  replace(fetched: readonly CatalogueEntry[], tracked: readonly CatalogueEntry[], now: number): Promise<{ entries: number; removed: number }>;
  all(): Promise<CatalogueEntry[]>;
  /** Cheap to read: changes whenever a refresh rewrote the catalogue. */
  version(): Promise<CatalogueVersion>;
  deleteMany(ids: readonly number[]): Promise<number>;
  /** Deletes entries that are neither airing nor announced, except those in `keep`. */
  deleteEnded(keep: readonly number[]): Promise<number>;
}

export interface AiringsRepository {
  /** Inserts new episodes, moves delayed ones, revives a cancelled one that came back. */
  upsertMany(airings: Omit<Airing, 'cancelledAt'>[], now: number): Promise<void>;
  get(mediaId: number, episode: number): Promise<Airing | undefined>;
  /** Not-cancelled airings with from < airingAt <= to, earliest first. */
  listBetween(from: number, to: number, mediaIds?: readonly number[]): Promise<Airing[]>;
  nextForMedia(mediaId: number, after: number): Promise<Airing | undefined>;
  markCancelled(keys: readonly { mediaId: number; episode: number }[], now: number): Promise<void>;
}

export type DeliveryKind = 'aired' | 'reminder';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface PlannedDelivery {
  guildId: string;
  mediaId: number;
  episode: number;
  kind: DeliveryKind;
  dueAt: number;
}

export interface Delivery extends PlannedDelivery {
  id: number;
  status: DeliveryStatus;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  messageId: string | null;
  partsSent: number;
  sentAt: number | null;
}

export interface ClaimOptions {
  now: number;
  limit: number;
  leaseMs: number;
  owner: string;
}

/** What decides when a server's notifications are due (delivery/kinds.ts). */
export type TimingSettings = Pick<GuildSettings, 'postAirDelayMinutes' | 'reminderOffsetMinutes'>;

/** The timing settings with what decides the server's tier, since a delay applies only on a tier with custom timing. */
export type TierTiming = TimingSettings & Pick<GuildSettings, 'premiumTier' | 'patreonTier'>;

/** Servers following an anime that share the settings timing their notifications. */
export interface FollowerGroup {
  mediaId: number;
  timing: TierTiming;
  guildIds: string[];
}

/** An episode and kind of deliveries, as planning names them. */
export interface PlanningKey {
  mediaId: number;
  episode: number;
  kind: DeliveryKind;
}

/** Pending deliveries of one episode and kind that share a due time, as planning reads them. */
export interface PendingBatch extends PlanningKey {
  dueAt: number;
  /**
   * Whether the batch holds exactly these servers, listed in code-unit order (as the store
   * joins them). Listed in another order, it answers false (never a wrong true): most of a plan
   * that changes nothing is settled by this check, without splitting a row per server.
   */
  hasServers(guildIds: readonly string[]): boolean;
  /** Each server's row. */
  rows(): { guildId: string; id: number }[];
}

/** The rows of an episode and kind that are not pending, by server: true when revivable (cancelled before anything went out). */
export interface SettledGroup extends PlanningKey {
  settled: Map<string, boolean>;
}

export interface DeliveriesRepository {
  /**
   * Inserts what is new and revives what was cancelled before anything went out; a (guild,
   * episode, kind) sent, in progress, skipped or failed is left as it is. Returns how many rows
   * were inserted or revived.
   */
  plan(deliveries: readonly PlannedDelivery[], now: number): Promise<number>;
  /** Takes due pending rows (and rows whose lease ran out) for `owner`, earliest first. */
  claimDue(options: ClaimOptions): Promise<Delivery[]>;
  /** Records that the first `partsSent` messages went out (the first one's id kept). */
  recordParts(id: number, owner: string, progress: { partsSent: number; messageId: string | null; now: number }): Promise<boolean>;
  /** Each completion checks the lease owner, so a worker that lost its lease cannot overwrite. */
  markSent(id: number, owner: string, result: { messageId: string | null; now: number }): Promise<boolean>;
  /** markSent for many rows in one statement; resolves with the ids this owner still held (the others changed nothing). */
  markSentMany(owner: string, sent: readonly { id: number; messageId: string | null }[], now: number): Promise<Set<number>>;
  /**
   * Back to the queue at `dueAt`. `refundAttempt`: the claim failed at nothing (a rate limit, an
   * episode that moved), so it does not count against the delivery's attempts.
   */
  retryLater(id: number, owner: string, result: { dueAt: number; error: string; now: number; refundAttempt?: boolean }): Promise<boolean>;
  finish(id: number, owner: string, result: { status: 'failed' | 'skipped' | 'cancelled'; error: string | null; now: number }): Promise<boolean>;
  /** Cancels the server's pending deliveries (of one anime, when given), saying why when `reason` is given. */
  cancelPendingForGuild(guildId: string, now: number, mediaId?: number, reason?: string): Promise<number>;
  /** The server's deliveries, newest first (by id), `limit` of them, older than the delivery `before` when given: its delivery log. */
  listForGuild(guildId: string, options: { limit: number; before?: number | undefined }): Promise<Delivery[]>;
  /** Deletes finished deliveries (sent, failed, skipped, cancelled) last changed before `before`. */
  deleteHistory(before: number): Promise<number>;
  /** Anime with a notification still to send (pending or being sent). */
  mediaWithOpenDeliveries(): Promise<number[]>;
  listPending(): Promise<Delivery[]>;
  /** Every pending row, in batches (see PendingBatch); of these servers only, when given. */
  listPendingForPlanning(guildIds?: readonly string[]): Promise<PendingBatch[]>;
  /** The rows that are not pending of these episodes and kinds; of these servers only, when given. */
  listSettledForPlanning(keys: readonly PlanningKey[], guildIds?: readonly string[]): Promise<SettledGroup[]>;
  /** Pending deliveries due at or before `now`: the queue the worker has not caught up with. */
  countDue(now: number): Promise<number>;
  /** Moves pending deliveries to a new due time (a delayed episode, a changed setting). */
  movePending(moves: readonly { id: number; dueAt: number }[], now: number): Promise<number>;
  cancelPending(ids: readonly number[], now: number, reason?: string): Promise<number>;
  get(id: number): Promise<Delivery | undefined>;
  nextDueAt(): Promise<number | undefined>;
  /** Pushes the lease of every row `owner` is sending out to `leaseUntil`. */
  renewLeases(owner: string, leaseUntil: number, now: number): Promise<number>;
  /** Every worker holding rows being sent, with its last heartbeat (null: it never beat). */
  leaseHolders(): Promise<{ owner: string; seenAt: number | null }[]>;
  /** Hands the rows these workers were sending back to the queue (the workers are gone). */
  releaseLeasesOf(owners: readonly string[], now: number): Promise<number>;
  /** What an operator watches: notifications that failed since `failedSince`, and stuck ones. */
  troubles(options: { now: number; failedSince: number; stuckBefore: number }): Promise<{ failed: number; stuck: number }>;
}

export interface WorkerHeartbeatsRepository {
  beat(owner: string, now: number): Promise<void>;
  forget(owner: string): Promise<void>;
  /** Deletes heartbeats not seen since `seenSince` (their leases were released). */
  forgetSilent(seenSince: number): Promise<number>;
}

/** A dashboard login, its Discord tokens opened. */
export interface DashboardSession {
  /** SHA-256 of the id in the browser's cookie. */
  idHash: string;
  userId: string;
  username: string;
  /** What every state-changing request from this session must carry in x-csrf-token. */
  csrfToken: string;
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: number;
  createdAt: number;
  expiresAt: number;
}

export interface SessionsRepository {
  create(session: DashboardSession): Promise<void>;
  /** The session, unless it has expired. */
  get(idHash: string, now: number): Promise<DashboardSession | undefined>;
  updateTokens(idHash: string, tokens: Pick<DashboardSession, 'accessToken' | 'refreshToken' | 'tokenExpiresAt'>): Promise<void>;
  /** Deletes the session; returns it so its Discord tokens can be revoked. */
  delete(idHash: string): Promise<DashboardSession | undefined>;
  /** The user's open sessions, without their tokens: the name kept and when each started and ends (for their data export). */
  forUser(userId: string): Promise<Pick<DashboardSession, 'username' | 'createdAt' | 'expiresAt'>[]>;
  /** Every session of the user (they asked for their data to be deleted). */
  deleteForUser(userId: string): Promise<DashboardSession[]>;
  deleteExpired(now: number): Promise<number>;
}

export interface NewAuditEntry {
  guildId: string;
  userId: string;
  source: AuditSource;
  change: AuditChange;
  now: number;
}

export interface AuditLogRepository {
  record(entry: NewAuditEntry): Promise<void>;
  /** The server's entries, newest first; `before` (an entry's id) starts after that entry. */
  listForGuild(guildId: string, page: { before?: number | undefined; limit: number }): Promise<AuditEntry[]>;
  /** Every entry the member made, in every server, oldest first (for their data export). */
  byMember(userId: string): Promise<AuditEntry[]>;
  /** Removes the member as the author of their entries (in one server, or everywhere); the entries stay, without a name. */
  forgetMember(userId: string, guildId?: string): Promise<number>;
  /** Deletes entries made before `before`. */
  deleteOlderThan(before: number): Promise<number>;
}

export interface Repositories {
  guilds: GuildsRepository;
  trackedAnime: TrackedAnimeRepository;
  subscriptions: SubscriptionsRepository;
  commandLocks: CommandLocksRepository;
  media: MediaRepository;
  airings: AiringsRepository;
  deliveries: DeliveriesRepository;
  workerHeartbeats: WorkerHeartbeatsRepository;
  catalogue: CatalogueRepository;
  sessions: SessionsRepository;
  auditLog: AuditLogRepository;
  patreon: PatreonRepositories;
}
