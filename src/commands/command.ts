// The shape every command module has: its definition as plain Discord API data (loadable
// without starting anything, for registration and docs) and handlers that receive everything
// they need through a context.
import type {
  APIApplicationCommandOptionChoice,
  APIInteractionGuildMember,
  APIMessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { API } from '@discordjs/core/http-only';
import type { AniListClient } from '../anilist/client.ts';
import type { ResolvedData } from '../discord/interaction-schema.ts';
import type { TierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { MalClient } from '../mal/client.ts';
import type { Repositories } from '../store/repositories.ts';
import type { ParsedOptions } from './options.ts';
import type { Reply } from './reply.ts';

export interface CommandServices {
  repositories: Repositories;
  anilist: AniListClient;
  /** MyAnimeList, for /anime import; undefined when the operator has not set MAL_CLIENT_ID. */
  mal: MalClient | undefined;
  /** Syncs an anime's airings right after it was added, then plans its notifications. */
  syncAnimeSoon(mediaId: number): Promise<void>;
  /** Something that notifications depend on changed (channel, settings): plan again soon. */
  planSoon(): void;
  discord: API;
  applicationId: string;
  tiers: TierTable;
  logger: Logger;
  now(): number;
}

export interface GuildInvocation {
  guildId: string;
  channelId: string | undefined;
  userId: string;
  member: APIInteractionGuildMember;
  /** The bot's own permissions in the channel the command was used in. */
  appPermissions: string | undefined;
}

export interface CommandContext extends GuildInvocation {
  options: ParsedOptions;
  /** Channel, role and user objects Discord resolved for the options. */
  resolved: {
    channels: NonNullable<ResolvedData['channels']>;
    roles: NonNullable<ResolvedData['roles']>;
  };
  services: CommandServices;
  /** For long-running subcommands: replaces the "thinking…" answer with an intermediate one. */
  progress(reply: Reply): Promise<void>;
}

/** Who may run a subcommand. `lockable` subcommands can be limited to roles by the server's admins. */
export type Access = 'everyone' | 'lockable' | 'admin';

export interface Subcommand {
  access: Access;
  /** Answer "thinking…" at once and run afterwards, reporting with `context.progress` (imports). */
  longRunning?: boolean;
  /** Its answers are for the member alone (decides how a long-running answer is deferred). */
  ephemeral?: boolean;
  run(context: CommandContext): Promise<Reply>;
  autocomplete?(context: CommandContext): Promise<APIApplicationCommandOptionChoice[]>;
}

export interface CommandModule {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Keyed by subcommand path ("add", "admin setchannel"); "" for a command without subcommands. */
  subcommands: Record<string, Subcommand>;
}

export interface ComponentContext extends GuildInvocation {
  customId: string;
  interaction: APIMessageComponentInteraction;
  services: CommandServices;
}

/** Buttons and menus, routed by the prefix of their custom id ("bell:21" → "bell"). */
export interface ComponentHandler {
  prefix: string;
  access: Access;
  /** The command name a role lock on this component follows ("subscribe" for the bell). */
  lockedAs?: string;
  run(context: ComponentContext): Promise<Reply>;
}
