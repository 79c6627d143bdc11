// Every command as the public commands page lists it: read from the same definitions Discord is
// sent and the same handlers the dispatcher runs, so the page cannot list a command that does
// not exist or miss one that does.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import type { Access } from './command.ts';
import { COMMANDS } from './index.ts';

export interface CommandOptionReference {
  name: string;
  description: string;
  required: boolean;
  /** The values it takes, when they are a list; a range, when it has one. */
  values?: string;
}

export interface CommandReference {
  /** As typed in Discord: "/anime admin setchannel". */
  name: string;
  description: string;
  access: Access;
  options: CommandOptionReference[];
}

function values(option: APIApplicationCommandBasicOption): string | undefined {
  if ('choices' in option && option.choices?.length) return option.choices.map((choice) => choice.name).join(', ');
  if (option.type === Option.Integer || option.type === Option.Number) {
    if (option.min_value !== undefined && option.max_value !== undefined) return `${option.min_value} to ${option.max_value}`;
  }
  if (option.type === Option.String && option.max_length !== undefined) return `up to ${option.max_length} characters`;
  return undefined;
}

export function commandReference(): CommandReference[] {
  return COMMANDS.flatMap((command) =>
    [...command.subcommands].map(([path, subcommand]) => {
      // A subcommand's definition is Discord's JSON for it, which always has a description.
      const { definition } = subcommand;
      const description = 'description' in definition && typeof definition.description === 'string' ? definition.description : '';
      return {
        name: path ? `/${command.definition.name} ${path}` : `/${command.definition.name}`,
        description,
        access: subcommand.access,
        options: (subcommand.definition.options ?? []).map((option) => {
          const listed = values(option);
          return { name: option.name, description: option.description, required: option.required ?? false, ...(listed !== undefined && { values: listed }) };
        }),
      };
    }),
  );
}
