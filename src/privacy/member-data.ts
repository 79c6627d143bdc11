// A member's own data: their subscriptions, their name on anime they added (the list itself
// belongs to the server and stays), their id as a server's owner, their dashboard logins, and
// their name on the changes they made to servers' configuration. Deleting it and exporting it
// read the same facts.
//
// The audit log's entries are anonymised, not deleted: the change itself (an anime added, a
// channel set) is the server's history, which its managers still need to read; who made it is
// the member's, and goes. An entry's details never name a member, so nothing in it points back
// at them afterwards.
//
// Patreon: the member's link from the dashboard goes (Patreon offers no way to revoke its tokens,
// so they are simply deleted), so does the server they chose for their premium, and member rows
// Patreon sent forget the member's Discord id (the row is the campaign's, and the next rescan
// brings it back only if the member keeps Discord connected on Patreon). Who gets premium then
// changes: the result says so, for the caller to work the servers' tiers out again.
import type { DashboardSession, Repositories } from '../store/repositories.ts';

export interface MemberDataExport {
  userId: string;
  exportedAt: string;
  subscriptions: { guildId: string; anilistId: number; since: string }[];
  animeAdded: { guildId: string; anilistId: number; nickname: string; addedAt: string }[];
  /** Servers AniTrack recorded the member as owning, and when Discord last said so. */
  serversOwned: { guildId: string; checkedAt: string | null }[];
  /** Dashboard logins still open, with the Discord name kept for each (their Discord tokens are not exported). */
  dashboardLogins: { username: string; startedAt: string; expiresAt: string }[];
  /** Changes the member made to servers' configuration, as the servers' audit logs keep them. */
  configurationChanges: { guildId: string; at: string; source: string; action: string; details: unknown }[];
  /** The Patreon account linked from the dashboard (its tokens are never exported), the server chosen for premium, and Patreon's member records naming the member. */
  patreon: {
    link: { patreonUserId: string; linkedAt: string } | null;
    premiumServer: { guildId: string; since: string } | null;
    memberRecords: {
      memberId: string;
      patreonUserId: string;
      patronStatus: string | null;
      lastChargeStatus: string | null;
      lastChargeAt: string | null;
      entitledCents: number;
      declinedSince: string | null;
      updatedAt: string;
    }[];
  };
}

export interface DeletedMemberData {
  subscriptions: number;
  attributions: number;
  /** Servers whose row no longer names the member as owner. */
  ownerships: number;
  /** Audit log entries that no longer name the member. */
  auditEntries: number;
  /** Dashboard logins ended (only when everything is deleted, not one server's data). */
  sessions: number;
  /** Whether the linked Patreon account was unlinked (only when everything is deleted). */
  patreonLink: boolean;
  /** Whether the server chosen for the member's premium was let go (here: only if it was this server). */
  premiumServer: boolean;
  /** Patreon member records that no longer name the member's Discord account (only when everything is deleted). */
  patreonMembers: number;
  /** Something about premium changed: the caller should work the servers' Patreon tiers out again. */
  premiumChanged: boolean;
  /** Those logins' Discord tokens, for the dashboard to revoke at Discord (the bot has no OAuth2 client to do it). */
  endedLogins: Pick<DashboardSession, 'accessToken' | 'refreshToken'>[];
}

export async function deleteMemberData(repositories: Repositories, userId: string, guildId?: string): Promise<DeletedMemberData> {
  const subscriptions = await repositories.subscriptions.deleteForMember(userId, guildId);
  const attributions = await repositories.trackedAnime.forgetAdder(userId, guildId);
  // Only the id goes: the server's row is the server's. Should the owner action be used later,
  // ownership is looked up again, as for any server whose owner AniTrack does not know.
  const ownerships = await repositories.guilds.forgetOwner(userId, guildId);
  const auditEntries = await repositories.auditLog.forgetMember(userId, guildId);
  const ended = guildId === undefined ? await repositories.sessions.deleteForUser(userId) : [];
  const patreon = await deletePatreonData(repositories, userId, guildId);
  return {
    subscriptions,
    attributions,
    ownerships,
    auditEntries,
    sessions: ended.length,
    ...patreon,
    premiumChanged: patreon.patreonLink || patreon.premiumServer || patreon.patreonMembers > 0,
    endedLogins: ended.map(({ accessToken, refreshToken }) => ({ accessToken, refreshToken })),
  };
}

export async function exportMemberData(repositories: Repositories, userId: string, now: number): Promise<MemberDataExport> {
  const subscriptions = await repositories.subscriptions.forMember(userId);
  const added = await repositories.trackedAnime.addedBy(userId);
  const owned = await repositories.guilds.guildsOwnedBy(userId);
  const logins = await repositories.sessions.forUser(userId);
  const changes = await repositories.auditLog.byMember(userId);
  const [link, assignment] = await Promise.all([repositories.patreon.links.get(userId), repositories.patreon.assignments.get(userId)]);
  const members = await repositories.patreon.members.ofSupporter(userId, link?.patreonUserId);
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    userId,
    exportedAt: new Date(now).toISOString(),
    subscriptions: subscriptions.map((item) => ({ guildId: item.guildId, anilistId: item.mediaId, since: new Date(item.createdAt).toISOString() })),
    animeAdded: added.map((item) => ({
      guildId: item.guildId,
      anilistId: item.mediaId,
      nickname: item.nickname,
      addedAt: new Date(item.addedAt).toISOString(),
    })),
    serversOwned: owned.map((item) => ({ guildId: item.guildId, checkedAt: iso(item.checkedAt) })),
    dashboardLogins: logins.map((login) => ({
      username: login.username,
      startedAt: new Date(login.createdAt).toISOString(),
      expiresAt: new Date(login.expiresAt).toISOString(),
    })),
    configurationChanges: changes.map((entry) => ({
      guildId: entry.guildId,
      at: new Date(entry.createdAt).toISOString(),
      source: entry.source,
      action: entry.change.action,
      details: entry.change.details,
    })),
    patreon: {
      link: link ? { patreonUserId: link.patreonUserId, linkedAt: new Date(link.linkedAt).toISOString() } : null,
      premiumServer: assignment ? { guildId: assignment.guildId, since: new Date(assignment.assignedAt).toISOString() } : null,
      memberRecords: members.map((member) => ({
        memberId: member.id,
        patreonUserId: member.patreonUserId,
        patronStatus: member.patronStatus,
        lastChargeStatus: member.lastChargeStatus,
        lastChargeAt: iso(member.lastChargeAt),
        entitledCents: member.entitledCents,
        declinedSince: iso(member.declinedSince),
        updatedAt: new Date(member.updatedAt).toISOString(),
      })),
    },
  };
}

async function deletePatreonData(repositories: Repositories, userId: string, guildId: string | undefined) {
  const assignment = await repositories.patreon.assignments.get(userId);
  const premiumServer = assignment !== undefined && (guildId === undefined || assignment.guildId === guildId);
  if (premiumServer) await repositories.patreon.assignments.unassign(userId);
  if (guildId !== undefined) return { patreonLink: false, premiumServer, patreonMembers: 0 };
  const link = await repositories.patreon.links.delete(userId);
  const patreonMembers = await repositories.patreon.members.forgetDiscordUser(userId);
  return { patreonLink: link !== undefined, premiumServer, patreonMembers };
}
