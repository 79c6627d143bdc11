// Interactions shaped as Discord sends them (interactions/receiving-and-responding), for tests
// to post to the product's /interactions endpoint or dispatch over the gateway. Each one is
// registered with the fake as it is built, so the product's callback and follow-ups to it are
// accepted. Permissions default to what the guild model says the member and the bot have in
// that channel, so a test that set up roles gets consistent `member.permissions` and
// `app_permissions` without repeating them.
import { randomBytes } from 'node:crypto';
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIInteractionDataResolved,
  APIMessage,
  APIMessageComponentInteraction,
  APIPingInteraction,
} from 'discord-api-types/v10';
import type { FakeDiscordContext } from './context.ts';
import { apiChannel, apiUser } from './guild-shapes.ts';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';

export interface InteractionActor {
  /** Omit for a DM with the bot. */
  guildId?: string;
  channelId: string;
  user: { id: string; username: string; globalName?: string };
  /** The member's roles; default: their roles in the guild model. */
  memberRoles?: string[];
  /** `member.permissions` (decimal bitfield); default: computed from the guild model for this channel. */
  memberPermissions?: string;
  /** `app_permissions`; default: the bot's permissions in this channel per the guild model. */
  appPermissions?: string;
  locale?: string;
  guildLocale?: string;
}

export interface CommandInteractionInput extends InteractionActor {
  name: string;
  commandId?: string;
  /** As Discord nests them: sub-command group → sub-command → values (see `option`). */
  options?: APIApplicationCommandInteractionDataOption[];
  resolved?: APIInteractionDataResolved;
}

export interface AutocompleteInteractionInput extends CommandInteractionInput {
  /** Marks the option with this name (at any depth) as the one being typed; or set `focused: true` in `options`. */
  focused?: string;
}

export interface ComponentInteractionInput extends InteractionActor {
  customId: string;
  /** 2 button (default), 3 string select, 5 user select, 6 role select, 8 channel select. */
  componentType?: number;
  values?: string[];
  /** The message the component is on (as the product sent it). */
  message: APIMessage;
}

/** Builders for nested command options as Discord sends them. */
export const option = {
  subcommand: (name: string, options: APIApplicationCommandInteractionDataOption[] = []) =>
    ({ type: 1, name, options }) as APIApplicationCommandInteractionDataOption,
  group: (name: string, options: APIApplicationCommandInteractionDataOption[]) => ({ type: 2, name, options }) as APIApplicationCommandInteractionDataOption,
  string: (name: string, value: string, focused = false) => valueOption(3, name, value, focused),
  integer: (name: string, value: number, focused = false) => valueOption(4, name, value, focused),
  boolean: (name: string, value: boolean) => valueOption(5, name, value, false),
  user: (name: string, id: string) => valueOption(6, name, id, false),
  channel: (name: string, id: string) => valueOption(7, name, id, false),
  role: (name: string, id: string) => valueOption(8, name, id, false),
  number: (name: string, value: number, focused = false) => valueOption(10, name, value, focused),
};

function valueOption(type: number, name: string, value: unknown, focused: boolean): APIApplicationCommandInteractionDataOption {
  return { type, name, value, ...(focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataOption;
}

export interface InteractionBuilders {
  commandInteraction(input: CommandInteractionInput): APIChatInputApplicationCommandInteraction;
  autocompleteInteraction(input: AutocompleteInteractionInput): APIApplicationCommandAutocompleteInteraction;
  componentInteraction(input: ComponentInteractionInput): APIMessageComponentInteraction;
  pingInteraction(): APIPingInteraction;
}

export function createInteractionBuilders(context: FakeDiscordContext): InteractionBuilders {
  const { guilds } = context;

  /** Everything every interaction carries, from who did it and where. */
  function envelope(actor: InteractionActor) {
    const user = { id: actor.user.id, username: actor.user.username, globalName: actor.user.globalName ?? null, bot: false };
    guilds.rememberUser(user);
    const known = guilds.channel(actor.channelId);
    const roles = actor.memberRoles ?? (actor.guildId ? guilds.get(actor.guildId)?.members.get(user.id)?.roles : undefined) ?? [];
    const memberPermissions =
      actor.memberPermissions ?? (known ? guilds.permissionsIn(actor.channelId, user.id, roles) : DEFAULT_EVERYONE_PERMISSIONS).toString();
    const appPermissions =
      actor.appPermissions ?? (known ? guilds.permissionsIn(actor.channelId, context.botUser.id) : DEFAULT_EVERYONE_PERMISSIONS).toString();
    const common = {
      id: context.snowflakes.next(),
      application_id: context.applicationId,
      token: interactionToken(),
      version: 1 as const,
      channel_id: actor.channelId,
      channel: known ? apiChannel(known.channel) : { id: actor.channelId, type: actor.guildId ? 0 : 1 },
      app_permissions: appPermissions,
      locale: actor.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (!actor.guildId) {
      return { ...common, user: apiUser(user), authorizing_integration_owners: { 1: user.id }, context: 1 as const };
    }
    return {
      ...common,
      guild_id: actor.guildId,
      guild: { id: actor.guildId, locale: actor.guildLocale ?? 'en-US', features: [] },
      guild_locale: actor.guildLocale ?? 'en-US',
      member: {
        user: apiUser(user),
        roles,
        permissions: memberPermissions,
        nick: null,
        avatar: null,
        banner: null,
        joined_at: guilds.get(actor.guildId)?.members.get(user.id)?.joinedAt ?? new Date().toISOString(),
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        communication_disabled_until: null,
      },
      authorizing_integration_owners: { 0: actor.guildId },
      context: 0 as const,
    };
  }

  function commandData(input: CommandInteractionInput) {
    return {
      id: input.commandId ?? commandIdFor(context, input.name, input.guildId),
      type: 1,
      name: input.name,
      ...(input.options ? { options: structuredClone(input.options) } : {}),
      ...(input.resolved ? { resolved: input.resolved } : {}),
      ...(input.guildId && input.commandId === undefined && isGuildCommand(context, input.name, input.guildId) ? { guild_id: input.guildId } : {}),
    };
  }

  const register = <T extends object>(interaction: T): T => {
    context.interactions.register(interaction as unknown as Record<string, unknown>);
    return interaction;
  };

  return {
    commandInteraction: (input) => register({ ...envelope(input), type: 2, data: commandData(input) } as unknown as APIChatInputApplicationCommandInteraction),
    autocompleteInteraction(input) {
      const data = commandData(input);
      const options = data.options ?? [];
      if (input.focused) markFocused(options, input.focused);
      if (!hasFocused(options)) throw new Error('autocompleteInteraction: one option must be focused (pass `focused: name`)');
      return register({ ...envelope(input), type: 4, data: { ...data, options } } as unknown as APIApplicationCommandAutocompleteInteraction);
    },
    componentInteraction(input) {
      const data = { custom_id: input.customId, component_type: input.componentType ?? 2, ...(input.values ? { values: input.values } : {}) };
      return register({ ...envelope(input), type: 3, data, message: structuredClone(input.message) } as unknown as APIMessageComponentInteraction);
    },
    pingInteraction: () =>
      register({
        id: context.snowflakes.next(),
        application_id: context.applicationId,
        type: 1,
        token: interactionToken(),
        version: 1,
        app_permissions: '0',
        entitlements: [],
        authorizing_integration_owners: {},
        attachment_size_limit: 10 * 1024 * 1024,
      } as unknown as APIPingInteraction),
  };
}

/** Interaction tokens are long url-safe strings, unlike webhook tokens' fixed 68. */
function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(120).toString('base64url')}`;
}

function commandIdFor(context: FakeDiscordContext, name: string, guildId: string | undefined): string {
  const registered = [...(guildId ? context.commands.list(guildId) : []), ...context.commands.list()].find((command) => command.name === name);
  return registered?.id ?? context.snowflakes.next();
}

function isGuildCommand(context: FakeDiscordContext, name: string, guildId: string): boolean {
  return context.commands.list(guildId).some((command) => command.name === name);
}

type OptionNode = { name?: unknown; focused?: unknown; options?: unknown };

function markFocused(options: unknown[], name: string): void {
  for (const node of options as OptionNode[]) {
    if (node.name === name && !Array.isArray(node.options)) node.focused = true;
    if (Array.isArray(node.options)) markFocused(node.options, name);
  }
}

function hasFocused(options: unknown[]): boolean {
  return (options as OptionNode[]).some((node) => node.focused === true || (Array.isArray(node.options) && hasFocused(node.options)));
}
