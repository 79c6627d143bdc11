// A member's own data: their subscriptions, their name on anime they added (the list itself
// belongs to the server and stays), their id as a server's owner, their dashboard logins, and
// their name on the changes they made to servers' configuration. Deleting it and exporting it
// read the same facts.
//
// The audit log's entries are anonymised, not deleted: the change itself (an anime added, a
// channel set) is the server's history, which its managers still need to read; who made it is
// the member's, and goes. An entry's details never name a member, so nothing in it points back
// at them afterwards.
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
  return {
    subscriptions,
    attributions,
    ownerships,
    auditEntries,
    sessions: ended.length,
    endedLogins: ended.map(({ accessToken, refreshToken }) => ({ accessToken, refreshToken })),
  };
}

export async function exportMemberData(repositories: Repositories, userId: string, now: number): Promise<MemberDataExport> {
  const subscriptions = await repositories.subscriptions.forMember(userId);
  const added = await repositories.trackedAnime.addedBy(userId);
  const owned = await repositories.guilds.guildsOwnedBy(userId);
  const logins = await repositories.sessions.forUser(userId);
  const changes = await repositories.auditLog.byMember(userId);
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
  };
}
