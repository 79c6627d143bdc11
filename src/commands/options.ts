// Discord nests subcommand groups and subcommands inside `data.options`; commands are easier to
// write against a flat path ("admin setchannel") and a map of option values.
import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';

export interface ParsedOptions {
  /** Subcommand group and subcommand names joined by a space; "" for a command without any. */
  path: string;
  values: Record<string, string | number | boolean>;
  /** The option being typed into, for autocomplete. */
  focused?: { name: string; value: string };
}

export function parseOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): ParsedOptions {
  const path: string[] = [];
  let current = options ?? [];
  for (;;) {
    const nested = current.find(
      (option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!nested || !('options' in nested)) {
      if (nested) path.push(nested.name);
      break;
    }
    path.push(nested.name);
    current = (nested.options ?? []) as APIApplicationCommandInteractionDataOption[];
  }
  const parsed: ParsedOptions = { path: path.join(' '), values: {} };
  for (const option of current) {
    if (!('value' in option)) continue;
    parsed.values[option.name] = option.value;
    if ('focused' in option && option.focused) parsed.focused = { name: option.name, value: String(option.value) };
  }
  return parsed;
}
