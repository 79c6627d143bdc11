// /anime info: details about any anime, the server's list first.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { defineSubcommand } from '../define-subcommand.ts';
import { animeOption } from './anime-option.ts';
import { anyAnimeChoices } from './autocomplete.ts';
import { animeEmbed } from './embeds.ts';
import { lookUpAnime } from './look-up-anime.ts';

export const info = defineSubcommand(
  { type: Option.Subcommand, name: 'info', description: 'Details about an anime', options: [animeOption('The anime')] },
  {
    access: 'everyone',
    autocomplete: anyAnimeChoices,
    async run(context) {
      const { media, next, language } = await lookUpAnime(context, context.options.anime);
      return { embeds: [animeEmbed(media, next, language)] };
    },
  },
);
