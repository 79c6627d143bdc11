// /anime rename: give an anime on the server's list another nickname.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { defineSubcommand } from '../define-subcommand.ts';
import { animeOption } from './anime-option.ts';
import { trackedChoices } from './autocomplete.ts';
import { nicknameCode, nicknameOption, nicknameProblem } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';

export const rename = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'rename',
    description: 'Give an anime on this server’s list another nickname',
    options: [animeOption('The anime to rename'), nicknameOption(true)],
  },
  {
    access: 'lockable',
    checks: { nickname: nicknameProblem },
    autocomplete: trackedChoices,
    async run({ services, guildId, options }) {
      const { tracked } = await resolveTrackedAnime(guildId, options.anime, services);
      const renamed = await services.repositories.trackedAnime.rename(guildId, tracked.mediaId, options.nickname);
      const same = renamed.nickname === tracked.nickname;
      return {
        content: `${nicknameCode(tracked.nickname)} is now called ${nicknameCode(renamed.nickname)}.`,
        ...(!same && { audit: { action: 'anime.rename', details: { mediaId: tracked.mediaId, from: tracked.nickname, to: renamed.nickname } } }),
      };
    },
  },
);
