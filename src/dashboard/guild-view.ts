// What the dashboard shows of a server, read once for the API and the pages alike.
import { DASHBOARD_ACCESS, isCommandLock } from '../commands/anime/lockable.ts';
import { TIER_NAMES, type TierTable } from '../domain/tiers.ts';
import { displayTitle } from '../domain/titles.ts';
import type { Repositories } from '../store/repositories.ts';
import type { UserGuild } from './discord-user-api.ts';
import type { GuildAnswer } from './api/schemas.ts';

export async function readGuildView(repositories: Repositories, tiers: TierTable, guild: Pick<UserGuild, 'id' | 'name'>, now: number): Promise<GuildAnswer> {
  const settings = await repositories.guilds.get(guild.id);
  const limits = tiers.limitsFor(settings);
  const tracked = await repositories.trackedAnime.listForGuild(guild.id);
  const media = new Map((await repositories.media.getMany(tracked.map((entry) => entry.mediaId))).map((item) => [item.id, item]));
  const anime = await Promise.all(
    tracked.map(async (entry) => {
      const details = media.get(entry.mediaId);
      const next = entry.finishedAt === null ? await repositories.airings.nextForMedia(entry.mediaId, now) : undefined;
      return {
        mediaId: entry.mediaId,
        nickname: entry.nickname,
        title: details ? displayTitle(details, settings?.titleLanguage) : null,
        coverUrl: details?.coverImage ?? null,
        nextEpisode: next ? { episode: next.episode, airingAt: new Date(next.airingAt).toISOString() } : null,
        subscribers: await repositories.subscriptions.countForAnime(guild.id, entry.mediaId),
        paused: entry.pausedAt !== null,
        overLimit: entry.limitPausedAt !== null,
      };
    }),
  );
  const locks = await repositories.commandLocks.listForGuild(guild.id);
  return {
    id: guild.id,
    name: guild.name,
    channelId: settings?.notifyChannelId ?? null,
    tier: { name: TIER_NAMES[tiers.tierFor(settings)], maxAnime: limits.maxAnime, customTiming: limits.customTiming },
    anime,
    settings: {
      titleLanguage: settings?.titleLanguage ?? 'romaji',
      reminderOffsetMinutes: settings?.reminderOffsetMinutes ?? null,
      postAirDelayMinutes: settings?.postAirDelayMinutes ?? 0,
    },
    // The dashboard's roles share the store of role locks, but they lock no command.
    locks: locks.filter(isCommandLock),
    dashboardRoles: locks.filter((lock) => lock.command === DASHBOARD_ACCESS).map((lock) => lock.roleId),
  };
}
