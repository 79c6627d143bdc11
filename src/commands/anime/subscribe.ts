// /anime subscribe: a member chooses to be pinged for an anime of the server's list.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { ephemeral, UserError } from '../reply.ts';
import { animeOption } from './anime-option.ts';
import { trackedChoices } from './autocomplete.ts';
import { limitsFor } from './guild-limits.ts';
import { nicknameCode } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';
import { subscribeMember } from './subscribe-member.ts';

export const subscribe = defineSubcommand(
  { type: Option.Subcommand, name: 'subscribe', description: 'Get pinged when a new episode of an anime airs', options: [animeOption('The anime to follow')] },
  {
    access: 'lockable',
    autocomplete: trackedChoices,
    async run(context) {
      const { services, guildId, userId, options } = context;
      const { tracked, media } = await resolveTrackedAnime(guildId, options.anime, services);
      if (tracked.finishedAt !== null) throw new UserError(`${nicknameCode(tracked.nickname)} has finished airing.`);
      const name = media ? `**${displayTitle(media)}**` : nicknameCode(tracked.nickname);
      const added = await subscribeMember(guildId, tracked.mediaId, userId, services, await limitsFor(context));
      return ephemeral(added ? `You'll be pinged when a new episode of ${name} airs.` : `You were already subscribed to ${name}.`);
    },
  },
);
