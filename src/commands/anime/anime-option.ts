// The `anime` option most /anime subcommands take: an AniList id (what suggestions fill in), a
// nickname or a title.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';

export const animeOption = (description: string) =>
  ({ type: Option.String, name: 'anime', description, required: true, autocomplete: true, min_length: 1, max_length: 100 }) as const;
