// What premium through Patreon asks of storage: the campaign's members, links made from the
// dashboard, the server each supporter chose, webhooks already applied, and notices to admins.
import type { PremiumTier } from '../domain/tiers.ts';

/** A campaign member as Patreon described them (see domain/patron-tier.ts for what counts). */
export interface PatreonMember {
  id: string;
  patreonUserId: string;
  /** The Discord account connected on Patreon, if any. */
  discordUserId: string | null;
  patronStatus: string | null;
  lastChargeStatus: string | null;
  lastChargeAt: number | null;
  entitledCents: number;
  tierIds: string[];
  declinedSince: number | null;
  updatedAt: number;
}

/** What Patreon says of a member now (a rescan's page or a webhook). */
export type PatreonMemberReport = Omit<PatreonMember, 'declinedSince' | 'updatedAt'>;

export interface PatreonMembersRepository {
  /**
   * Stores what Patreon reports. With `ifNotOlder` (webhooks, which may arrive late or twice) a
   * report about an older charge than the stored one changes nothing and returns false.
   */
  apply(report: PatreonMemberReport, now: number, options?: { ifNotOlder?: boolean }): Promise<boolean>;
  remove(memberId: string): Promise<void>;
  /** After a complete rescan: members Patreon no longer lists are gone. Returns how many. */
  removeAllExcept(memberIds: ReadonlySet<string>): Promise<number>;
  all(): Promise<PatreonMember[]>;
  /** A supporter's member records: those naming their Discord account, or of the Patreon account they linked. */
  ofSupporter(discordUserId: string, linkedPatreonUserId: string | undefined): Promise<PatreonMember[]>;
  /** Forgets a Discord account named by Patreon (its owner deleted their data). */
  forgetDiscordUser(discordUserId: string): Promise<number>;
}

export interface PatreonLink {
  discordUserId: string;
  patreonUserId: string;
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: number;
  linkedAt: number;
}

export interface PatreonLinksRepository {
  get(discordUserId: string): Promise<PatreonLink | undefined>;
  all(): Promise<Pick<PatreonLink, 'discordUserId' | 'patreonUserId'>[]>;
  /** Links the Discord user to the Patreon account, replacing either side's earlier link. */
  save(link: PatreonLink): Promise<void>;
  /** Removes the link; returns it so its tokens can be revoked. */
  delete(discordUserId: string): Promise<PatreonLink | undefined>;
}

export interface PremiumAssignment {
  discordUserId: string;
  guildId: string;
  assignedAt: number;
}

export interface PremiumAssignmentsRepository {
  get(discordUserId: string): Promise<PremiumAssignment | undefined>;
  all(): Promise<PremiumAssignment[]>;
  forGuild(guildId: string): Promise<PremiumAssignment[]>;
  /** Puts the supporter's premium on this server (their one server); returns the server it left, if any. */
  assign(discordUserId: string, guildId: string, now: number): Promise<string | undefined>;
  /** Returns the server it applied to, if any. */
  unassign(discordUserId: string): Promise<string | undefined>;
}

export interface PatreonWebhookEventsRepository {
  /** Records a webhook by its hash; false when it was seen before (a retry or a replay). */
  firstSighting(bodyHash: string, trigger: string, now: number): Promise<boolean>;
  /** Forgets a webhook that could not be applied, so Patreon's retry of it is applied. */
  forget(bodyHash: string): Promise<void>;
  deleteOlderThan(before: number): Promise<number>;
}

/** A server's premium from Patreon: the tier its supporters give it, and the grace period it is in. */
export interface PatreonGuildState {
  guildId: string;
  patreonTier: PremiumTier | null;
  graceUntil: number | null;
}

export interface PremiumNotice {
  id: number;
  guildId: string;
  kind: string;
  text: string;
  createdAt: number;
  sentAt: number | null;
}

export interface PremiumNoticesRepository {
  add(guildId: string, kind: string, text: string, now: number): Promise<void>;
  unsent(): Promise<PremiumNotice[]>;
  markSent(id: number, now: number): Promise<void>;
  latest(guildId: string, limit: number): Promise<PremiumNotice[]>;
}

export interface PatreonRepositories {
  members: PatreonMembersRepository;
  links: PatreonLinksRepository;
  assignments: PremiumAssignmentsRepository;
  webhookEvents: PatreonWebhookEventsRepository;
  notices: PremiumNoticesRepository;
  /** Every server with a Patreon tier or a grace period, as stored. */
  guildStates(): Promise<PatreonGuildState[]>;
  /** One server's (no tier and no grace period when it has none). */
  guildState(guildId: string): Promise<PatreonGuildState>;
  /** Writes a server's Patreon tier and grace period (its row is created if missing). */
  setGuildState(state: PatreonGuildState, now: number): Promise<void>;
}
