// What the sandbox page's command box sends ({name: value} for one subcommand) turned into the
// nested, typed options Discord sends, using the product's own command definitions: the page
// plays Discord's client, which only sends options a command declares, typed as declared.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { APIApplicationCommandInteractionDataOption, APIInteractionDataResolved } from 'discord-api-types/v10';
import { option } from '@anitrack/discord-emulator';
import type { SandboxWorld } from './world.ts';

/** The parts of Discord's command JSON the sandbox reads (the product's definitions fit it). */
export interface OptionDefinition {
  type: number;
  name: string;
  description?: string | undefined;
  required?: boolean | undefined;
  autocomplete?: boolean | undefined;
  choices?: readonly { name: string; value: string | number }[] | undefined;
  options?: readonly OptionDefinition[] | undefined;
}

export interface CommandDefinition {
  name: string;
  description?: string | undefined;
  options?: readonly OptionDefinition[] | undefined;
}

export type OptionValue = string | number | boolean;

/** A request the page should not have sent: answered 400 with this message. */
export class SandboxInputError extends Error {
  override name = 'SandboxInputError';
}

const {
  Subcommand: SUBCOMMAND,
  SubcommandGroup: GROUP,
  String: STRING,
  Integer: INTEGER,
  Boolean: BOOLEAN,
  Channel: CHANNEL,
  Role: ROLE,
  Number: NUMBER,
} = ApplicationCommandOptionType;

export interface BuiltOptions {
  options: APIApplicationCommandInteractionDataOption[];
  /** Channels and roles named by the options, without the member's permissions (added once the interaction is built). */
  channels: string[];
  roles: string[];
}

/**
 * `path` is "" for a command without subcommands, "add" or "admin setchannel". With `focused`,
 * builds an autocomplete interaction's options: that option is sent as typed text and marked.
 */
export function buildOptions(
  definition: CommandDefinition,
  path: string,
  given: Record<string, OptionValue>,
  world: SandboxWorld,
  focused?: string,
): BuiltOptions {
  const parts = path.split(' ').filter((part) => part !== '');
  const label = `/${[definition.name, ...parts].join(' ')}`;
  let declared = definition.options ?? [];
  const chain: OptionDefinition[] = [];
  for (const part of parts) {
    const next = declared.find((candidate) => candidate.name === part && (candidate.type === SUBCOMMAND || candidate.type === GROUP));
    if (!next) throw new SandboxInputError(`${label} is not a command.`);
    chain.push(next);
    declared = next.options ?? [];
  }
  const last = chain.at(-1);
  if (declared.some((candidate) => candidate.type === SUBCOMMAND || candidate.type === GROUP) || (last && last.type !== SUBCOMMAND)) {
    throw new SandboxInputError(`${label} needs a subcommand.`);
  }

  for (const name of Object.keys(given)) {
    if (!declared.some((candidate) => candidate.name === name)) throw new SandboxInputError(`${label} has no option "${name}".`);
  }
  if (focused !== undefined && !declared.some((candidate) => candidate.name === focused && candidate.autocomplete === true)) {
    throw new SandboxInputError(`${label}'s option "${focused}" has no suggestions.`);
  }

  const built: BuiltOptions = { options: [], channels: [], roles: [] };
  for (const declaredOption of declared) {
    const value = given[declaredOption.name];
    if (declaredOption.name === focused) {
      // Discord sends what was typed so far, as text, whatever the option's type.
      built.options.push({ type: declaredOption.type, name: declaredOption.name, value: String(value ?? ''), focused: true });
      continue;
    }
    if (value === undefined || value === '') {
      if (declaredOption.required && focused === undefined) throw new SandboxInputError(`${label} needs the option "${declaredOption.name}".`);
      continue;
    }
    built.options.push(typedOption(declaredOption, value, world, built, label));
  }

  let nested = built.options;
  for (const level of [...chain].reverse()) nested = [level.type === GROUP ? option.group(level.name, nested) : option.subcommand(level.name, nested)];
  return { ...built, options: nested };
}

function typedOption(
  declared: OptionDefinition,
  value: OptionValue,
  world: SandboxWorld,
  built: BuiltOptions,
  label: string,
): APIApplicationCommandInteractionDataOption {
  const { name } = declared;
  const wrong = (what: string) => new SandboxInputError(`${label}: "${name}" must be ${what}.`);
  switch (declared.type) {
    case STRING:
      if (typeof value !== 'string') throw wrong('text');
      return option.string(name, value);
    case INTEGER:
    case NUMBER: {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number) || (declared.type === INTEGER && !Number.isInteger(number)))
        throw wrong(declared.type === INTEGER ? 'a whole number' : 'a number');
      return declared.type === INTEGER ? option.integer(name, number) : option.number(name, number);
    }
    case BOOLEAN:
      if (typeof value === 'boolean') return option.boolean(name, value);
      if (value === 'true' || value === 'false') return option.boolean(name, value === 'true');
      throw wrong('true or false');
    case CHANNEL:
      if (typeof value !== 'string' || !world.channels.some((channel) => channel.id === value)) throw wrong('a channel of the sandbox server');
      built.channels.push(value);
      return option.channel(name, value);
    case ROLE:
      // The sandbox server's only role members can pick is @everyone, whose id is the server's.
      if (value !== world.guildId) throw wrong('a role of the sandbox server (@everyone)');
      built.roles.push(value);
      return option.role(name, value);
    default:
      throw new SandboxInputError(`${label}: options like "${name}" are not supported in the sandbox.`);
  }
}

/** `resolved` as Discord adds it for channel and role options; `permissions` are the member's in that channel. */
export function resolvedFor(
  built: BuiltOptions,
  world: SandboxWorld,
  memberPermissions: string,
  everyonePermissions: string,
): APIInteractionDataResolved | undefined {
  if (built.channels.length === 0 && built.roles.length === 0) return undefined;
  const resolved: Record<string, Record<string, unknown>> = {};
  if (built.channels.length > 0) {
    resolved.channels = Object.fromEntries(
      built.channels.map((id) => [
        id,
        { id, name: world.channels.find((channel) => channel.id === id)?.name ?? 'unknown', type: 0, permissions: memberPermissions },
      ]),
    );
  }
  if (built.roles.length > 0) {
    resolved.roles = Object.fromEntries(
      built.roles.map((id) => [
        id,
        {
          id,
          name: '@everyone',
          color: 0,
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: everyonePermissions,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ]),
    );
  }
  return resolved;
}
