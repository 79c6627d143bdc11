// /anime remove: take an anime off the server's list, and its notifications with it.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { animeOption } from './anime-option.ts';
import { trackedChoices } from './autocomplete.ts';
import { nicknameCode } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';

export const remove = defineSubcommand(
  { type: Option.Subcommand, name: 'remove', description: "Remove an anime from this server's list", options: [animeOption('The anime to remove')] },
  {
    access: 'lockable',
    autocomplete: trackedChoices,
    async run({ services, guildId, options }) {
      const { tracked, media } = await resolveTrackedAnime(guildId, options.anime, services);
      const removed = await services.repositories.trackedAnime.remove(guildId, tracked.mediaId);
      // Its notifications stop with it; its subscriptions were removed with the row.
      await services.repositories.deliveries.cancelPendingForGuild(guildId, services.now(), tracked.mediaId, 'the anime was removed from the list');
      // A freed slot resumes the next anime the tier's limit paused.
      if (removed) await services.enforceTierLimits([guildId]);
      const title = media ? displayTitle(media) : null;
      return {
        content: `Removed ${nicknameCode(tracked.nickname)}${title ? ` (${title})` : ''} from this server's list. Its subscribers will no longer be pinged.`,
        // Removed meanwhile by someone else: their change, already logged.
        ...(removed && { audit: { action: 'anime.remove', details: { mediaId: tracked.mediaId, nickname: tracked.nickname, title } } }),
      };
    },
  },
);
