// /anime when: when the next episode of any anime airs, the server's list first.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import { displayTitle } from '../../domain/titles.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { animeOption } from './anime-option.ts';
import { anyAnimeChoices } from './autocomplete.ts';
import { lookUpAnime } from './look-up-anime.ts';

export const when = defineSubcommand(
  { type: Option.Subcommand, name: 'when', description: 'When the next episode of an anime airs', options: [animeOption('The anime')] },
  {
    access: 'everyone',
    autocomplete: anyAnimeChoices,
    async run(context) {
      const { media, next, language } = await lookUpAnime(context, context.options.anime);
      const title = `**${displayTitle(media, language)}**`;
      if (next) {
        const of = media.episodes ? ` of ${media.episodes}` : '';
        return { content: `Episode ${next.episode}${of} of ${title} airs ${discordTime(next.airingAt)}, ${discordTime(next.airingAt, 'R')}.` };
      }
      if (media.status === 'FINISHED') return { content: `${title} has finished airing.` };
      if (media.status === 'CANCELLED') return { content: `${title} was cancelled.` };
      return { content: `AniList has no date for the next episode of ${title} yet.` };
    },
  },
);
