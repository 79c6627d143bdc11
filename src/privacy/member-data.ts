// A member's own data: their subscriptions, and their name on anime they added (the list itself
// belongs to the server and stays). Deleting it and exporting it read the same facts.
import type { Repositories } from '../store/repositories.ts';

export interface MemberDataExport {
  userId: string;
  exportedAt: string;
  subscriptions: { guildId: string; anilistId: number; since: string }[];
  animeAdded: { guildId: string; anilistId: number; nickname: string; addedAt: string }[];
}

export async function deleteMemberData(repositories: Repositories, userId: string, guildId?: string): Promise<{ subscriptions: number; attributions: number }> {
  const subscriptions = await repositories.subscriptions.deleteForMember(userId, guildId);
  const attributions = await repositories.trackedAnime.forgetAdder(userId, guildId);
  return { subscriptions, attributions };
}

export async function exportMemberData(repositories: Repositories, userId: string, now: number): Promise<MemberDataExport> {
  const subscriptions = await repositories.subscriptions.forMember(userId);
  const added = await repositories.trackedAnime.addedBy(userId);
  return {
    userId,
    exportedAt: new Date(now).toISOString(),
    subscriptions: subscriptions.map((item) => ({ guildId: item.guildId, anilistId: item.mediaId, since: new Date(item.createdAt).toISOString() })),
    animeAdded: added.map((item) => ({ guildId: item.guildId, anilistId: item.mediaId, nickname: item.nickname, addedAt: new Date(item.addedAt).toISOString() })),
  };
}
