// Turns what a member typed into an anime: an AniList id (what autocomplete fills in) or free
// text, which is looked up in the local catalogue first (a name exactly as typed, give or take
// case and punctuation) and searched on AniList otherwise (an older anime typed in full, say). Either way at most one AniList
// request, sent at submit time in the command lane.
import type { FetchedAnime } from '../../anilist/normalize.ts';
import { MEDIA_MAX_AGE_MS } from '../../domain/airing-window.ts';
import type { TrackedAnime } from '../../store/repositories.ts';
import type { Media } from '../../domain/media.ts';
import { aniListRequestFor } from '../anilist-request.ts';
import type { CommandServices, InvocationContext } from '../command.ts';
import { UserError } from '../reply.ts';

const isId = (value: string) => /^\d{1,9}$/.test(value.trim());

/** Any anime on AniList. Uses the cached copy when it is fresh, so a warm add costs no request. */
export async function resolveAnyAnime(value: string, context: Pick<InvocationContext, 'services' | 'guildId' | 'answerBy'>): Promise<FetchedAnime> {
  const { services } = context;
  const text = value.trim();
  const id = isId(text) ? Number(text) : services.catalogue.closeMatch(text)?.mediaId;
  if (id !== undefined) {
    const cached = await services.repositories.media.get(id);
    if (cached && cached.fetchedAt > services.now() - MEDIA_MAX_AGE_MS) {
      return { media: cached, nextAiring: (await services.repositories.airings.nextForMedia(id, services.now())) ?? null, fromStore: true };
    }
    return services.anilist.getAnime(id, aniListRequestFor(context));
  }
  const [best] = (await services.anilist.searchAnime(text, aniListRequestFor(context))).filter((result) => !result.media.isAdult);
  if (!best) throw new UserError(`AniList has no anime matching "${text}". Try another spelling, or pick a suggestion.`);
  return best;
}

export interface TrackedWithMedia {
  tracked: TrackedAnime;
  media: Media | undefined;
}

/** An anime on this server's list, by id, nickname or title. */
export async function resolveTrackedAnime(guildId: string, value: string, services: CommandServices): Promise<TrackedWithMedia> {
  const { trackedAnime, media } = services.repositories;
  const text = value.trim();
  let tracked = isId(text) ? await trackedAnime.get(guildId, Number(text)) : undefined;
  tracked ??= await trackedAnime.findByNickname(guildId, text);
  if (!tracked) {
    const list = await trackedAnime.listForGuild(guildId);
    const details = await media.getMany(list.map((item) => item.mediaId));
    const wanted = text.toLocaleLowerCase('en');
    const match = details.find((item) => [item.title.romaji, item.title.english, item.title.native].some((title) => title?.toLocaleLowerCase('en') === wanted));
    tracked = match && list.find((item) => item.mediaId === match.id);
  }
  if (!tracked) throw new UserError(`"${text}" is not on this server's list. \`/anime list\` shows what is.`);
  return { tracked, media: await media.get(tracked.mediaId) };
}
