// /anime import's options, apart from its handler: the list and status choices are also the
// types of the import's run and summary.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandSubcommandOption } from 'discord-api-types/v10';
import type { OptionsOf } from '../option-types.ts';

export const importDefinition = {
  type: Option.Subcommand,
  name: 'import',
  description: 'Add the airing anime of an AniList or MyAnimeList list',
  options: [
    {
      type: Option.String,
      name: 'platform',
      description: 'Where the list is',
      required: true,
      choices: [
        { name: 'AniList', value: 'anilist' },
        { name: 'MyAnimeList', value: 'myanimelist' },
      ],
    },
    { type: Option.String, name: 'username', description: 'The list owner’s user name there', required: true, min_length: 2, max_length: 50 },
    {
      type: Option.String,
      name: 'list',
      description: 'Which list',
      required: true,
      choices: [
        { name: 'Watching', value: 'watching' },
        { name: 'Plan to watch', value: 'planning' },
      ],
    },
    {
      type: Option.String,
      name: 'status',
      description: 'Which anime of the list',
      required: true,
      choices: [
        { name: 'Airing', value: 'airing' },
        { name: 'Not yet aired', value: 'not_yet_aired' },
        { name: 'Both', value: 'both' },
      ],
    },
  ],
} as const satisfies APIApplicationCommandSubcommandOption;

export type ImportOptions = OptionsOf<typeof importDefinition>;
