// A server's week, as `/anime schedule` shows it: the airings of the anime on its list (those
// not finished) in the next days, read from the store. Times are sent as instants; the page
// writes them in the viewer's time zone.
import { displayTitle } from '../domain/titles.ts';
import type { Repositories } from '../store/repositories.ts';
import type { ScheduleAnswer } from './api/server-config.schemas.ts';

const DAY_MS = 24 * 3_600_000;

export async function readSchedule(repositories: Repositories, guildId: string, days: number, now: number): Promise<ScheduleAnswer> {
  const { trackedAnime, airings, media, guilds } = repositories;
  const tracked = (await trackedAnime.listForGuild(guildId)).filter((item) => item.finishedAt === null);
  if (tracked.length === 0) return { days, airings: [] };
  const upcoming = await airings.listBetween(
    now,
    now + days * DAY_MS,
    tracked.map((item) => item.mediaId),
  );
  const language = (await guilds.get(guildId))?.titleLanguage ?? 'romaji';
  const details = new Map((await media.getMany([...new Set(upcoming.map((airing) => airing.mediaId))])).map((item) => [item.id, item]));
  const nicknames = new Map(tracked.map((item) => [item.mediaId, item.nickname]));
  return {
    days,
    airings: upcoming.map((airing) => {
      const found = details.get(airing.mediaId);
      const title = found ? displayTitle(found, language) : (nicknames.get(airing.mediaId) ?? `Anime ${airing.mediaId}`);
      return { mediaId: airing.mediaId, title, episode: airing.episode, airingAt: new Date(airing.airingAt).toISOString() };
    }),
  };
}
