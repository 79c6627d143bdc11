// Discord nests subcommand groups and subcommands inside `data.options`; commands are easier to
// write against a flat path ("admin setchannel") and a map of option values. The received
// options are read against the command's definition: names come from the request, so they are
// only ever compared with the definition's, never used to index an object.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { ReceivedOption, ReceivedOptions, ReceivedValueOption } from '../discord/interaction-schema.ts';

/** Option values by name, as received: of the declared type, not yet checked against the declared limits. */
export type ReceivedValues = Readonly<Record<string, string | number | boolean>>;

export interface ParsedOptions {
  /** Subcommand group and subcommand names joined by a space; "" for a command without any. */
  path: string;
  values: ReceivedValues;
  /** The option being typed into, for autocomplete. */
  focused?: { name: string; value: string };
}

export type OptionsProblem =
  /** No such command or subcommand (or none given where the command needs one). */
  | { ok: false; problem: 'unknown-command' }
  /** The subcommand exists, but an option does not match what it declares. */
  | { ok: false; problem: 'unknown-option' | 'wrong-type' | 'repeated-option'; option: string };

export type OptionsReading = { ok: true; options: ParsedOptions } | OptionsProblem;

export const UNKNOWN_COMMAND: OptionsProblem = { ok: false, problem: 'unknown-command' };

const isNesting = (type: number) => type === Option.Subcommand || type === Option.SubcommandGroup;
const isValue = (option: ReceivedOption): option is ReceivedValueOption => !isNesting(option.type);

export function parseOptions(declared: readonly APIApplicationCommandOption[] | undefined, received: ReceivedOptions | undefined): OptionsReading {
  const path: string[] = [];
  let expected = declared ?? [];
  let current: readonly ReceivedOption[] = received ?? [];
  for (;;) {
    const [first] = current;
    if (!first || !isNesting(first.type)) break;
    const match = expected.find((option) => option.name === first.name && option.type === first.type);
    if (!match) return UNKNOWN_COMMAND;
    path.push(first.name);
    expected = 'options' in match ? (match.options ?? []) : [];
    current = 'options' in first ? (first.options ?? []) : [];
  }
  // A command with subcommands cannot be run without naming one.
  if (expected.some((option) => isNesting(option.type))) return UNKNOWN_COMMAND;

  const values: [string, string | number | boolean][] = [];
  let focused: ParsedOptions['focused'];
  for (const option of current) {
    // The schema keeps subcommands out of a list of values; this tells TypeScript so.
    if (!isValue(option)) return { ok: false, problem: 'wrong-type', option: option.name };
    const match = expected.find((candidate) => candidate.name === option.name);
    if (!match) return { ok: false, problem: 'unknown-option', option: option.name };
    if (match.type !== option.type) return { ok: false, problem: 'wrong-type', option: option.name };
    if (values.some(([name]) => name === option.name)) return { ok: false, problem: 'repeated-option', option: option.name };
    values.push([option.name, option.value]);
    if (option.focused) focused = { name: option.name, value: String(option.value) };
  }
  // fromEntries defines own properties: a name like "__proto__" stays a plain key.
  return { ok: true, options: { path: path.join(' '), values: Object.fromEntries(values), ...(focused && { focused }) } };
}

/** What the member is told when their command does not match ours (a removed or changed command, usually). */
export function notUnderstood(reading: OptionsProblem): string {
  const tryAgain = 'Discord may be showing an older version of it: try again in a minute, or see `/help`.';
  // Option names passed the schema's name rule (no backticks), so they can be quoted as code.
  switch (reading.problem) {
    case 'unknown-command':
      return "I don't know that command. It may have been removed; try `/help`.";
    case 'unknown-option':
      return `I don't understand that command: it has no \`${reading.option}\` option. ${tryAgain}`;
    case 'wrong-type':
      return `I don't understand that command: its \`${reading.option}\` option holds a different kind of value than I expect. ${tryAgain}`;
    case 'repeated-option':
      return `I don't understand that command: its \`${reading.option}\` option is given more than once. ${tryAgain}`;
  }
}
