// /anime unsubscribe: a member stops being pinged for an anime. Never locked: leaving is always allowed.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { ephemeral } from '../reply.ts';
import { animeOption } from './anime-option.ts';
import { trackedChoices } from './autocomplete.ts';
import { nicknameCode } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';

export const unsubscribe = defineSubcommand(
  { type: Option.Subcommand, name: 'unsubscribe', description: 'Stop being pinged for an anime', options: [animeOption('The anime to stop following')] },
  {
    access: 'everyone',
    autocomplete: trackedChoices,
    async run({ services, guildId, userId, options }) {
      const { tracked, media } = await resolveTrackedAnime(guildId, options.anime, services);
      const name = media ? `**${displayTitle(media)}**` : nicknameCode(tracked.nickname);
      const removed = await services.repositories.subscriptions.unsubscribe(guildId, tracked.mediaId, userId);
      return ephemeral(removed ? `You won't be pinged for ${name} any more.` : `You were not subscribed to ${name}.`);
    },
  },
);
