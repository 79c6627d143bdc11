// /anime info and /anime when: about any anime, the server's list first.
import { discordTime } from '../../domain/discord-time.ts';
import { displayTitle } from '../../domain/titles.ts';
import type { CommandContext, Subcommand } from '../command.ts';
import { optionText, readOptions } from '../read-options.ts';
import { anyAnimeChoices } from './autocomplete.ts';
import { animeEmbed } from './embeds.ts';
import { resolveAnyAnime } from './resolve-anime.ts';

async function lookUp(context: CommandContext) {
  const { services, guildId } = context;
  const { anime } = readOptions(context, { anime: optionText(100) });
  // A nickname from this server's list wins over an AniList search for the same text.
  const byNickname = await services.repositories.trackedAnime.findByNickname(guildId, anime);
  const found = await resolveAnyAnime(byNickname ? String(byNickname.mediaId) : anime, services);
  const upcoming = await services.repositories.airings.nextForMedia(found.media.id, services.now());
  const next = upcoming ?? (found.nextAiring && found.nextAiring.airingAt > services.now() ? found.nextAiring : undefined);
  const language = (await services.repositories.guilds.get(guildId))?.titleLanguage ?? 'romaji';
  return { media: found.media, next, language };
}

export const info: Subcommand = {
  access: 'everyone',
  autocomplete: anyAnimeChoices,
  async run(context) {
    const { media, next, language } = await lookUp(context);
    return { embeds: [animeEmbed(media, next, language)] };
  },
};

export const when: Subcommand = {
  access: 'everyone',
  autocomplete: anyAnimeChoices,
  async run(context) {
    const { media, next, language } = await lookUp(context);
    const title = `**${displayTitle(media, language)}**`;
    if (next) {
      const of = media.episodes ? ` of ${media.episodes}` : '';
      return { content: `Episode ${next.episode}${of} of ${title} airs ${discordTime(next.airingAt)}, ${discordTime(next.airingAt, 'R')}.` };
    }
    if (media.status === 'FINISHED') return { content: `${title} has finished airing.` };
    if (media.status === 'CANCELLED') return { content: `${title} was cancelled.` };
    return { content: `AniList has no date for the next episode of ${title} yet.` };
  },
};
