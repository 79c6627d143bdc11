// What /anime info and /anime when both need: any anime (the server's list first), its next
// episode, and the language its title is shown in.
import type { InvocationContext } from '../command.ts';
import { resolveAnyAnime } from './resolve-anime.ts';

export async function lookUpAnime(context: InvocationContext, anime: string) {
  const { services, guildId } = context;
  // A nickname from this server's list wins over an AniList search for the same text.
  const byNickname = await services.repositories.trackedAnime.findByNickname(guildId, anime);
  const found = await resolveAnyAnime(byNickname ? String(byNickname.mediaId) : anime, context);
  const upcoming = await services.repositories.airings.nextForMedia(found.media.id, services.now());
  const next = upcoming ?? (found.nextAiring && found.nextAiring.airingAt > services.now() ? found.nextAiring : undefined);
  const language = (await context.serverSettings.get())?.titleLanguage ?? 'romaji';
  return { media: found.media, next, language };
}
