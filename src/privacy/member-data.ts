// A member's own data: their subscriptions, their name on anime they added (the list itself
// belongs to the server and stays), their id as a server's owner, and their dashboard logins. Deleting it and exporting
// it read the same facts.
import type { Repositories } from '../store/repositories.ts';

export interface MemberDataExport {
  userId: string;
  exportedAt: string;
  subscriptions: { guildId: string; anilistId: number; since: string }[];
  animeAdded: { guildId: string; anilistId: number; nickname: string; addedAt: string }[];
  /** Servers AniTrack recorded the member as owning, and when Discord last said so. */
  serversOwned: { guildId: string; checkedAt: string | null }[];
  /** Dashboard logins still open (their Discord tokens are not exported). */
  dashboardLogins: { startedAt: string; expiresAt: string }[];
}

export interface DeletedMemberData {
  subscriptions: number;
  attributions: number;
  /** Servers whose row no longer names the member as owner. */
  ownerships: number;
  /** Dashboard logins ended (only when everything is deleted, not one server's data). */
  sessions: number;
}

export async function deleteMemberData(repositories: Repositories, userId: string, guildId?: string): Promise<DeletedMemberData> {
  const subscriptions = await repositories.subscriptions.deleteForMember(userId, guildId);
  const attributions = await repositories.trackedAnime.forgetAdder(userId, guildId);
  // Only the id goes: the server's row is the server's. Should the owner action be used later,
  // ownership is looked up again, as for any server whose owner AniTrack does not know.
  const ownerships = await repositories.guilds.forgetOwner(userId, guildId);
  const sessions = guildId === undefined ? (await repositories.sessions.deleteForUser(userId)).length : 0;
  return { subscriptions, attributions, ownerships, sessions };
}

export async function exportMemberData(repositories: Repositories, userId: string, now: number): Promise<MemberDataExport> {
  const subscriptions = await repositories.subscriptions.forMember(userId);
  const added = await repositories.trackedAnime.addedBy(userId);
  const owned = await repositories.guilds.guildsOwnedBy(userId);
  const logins = await repositories.sessions.forUser(userId);
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
    dashboardLogins: logins.map((login) => ({ startedAt: new Date(login.createdAt).toISOString(), expiresAt: new Date(login.expiresAt).toISOString() })),
  };
}
