// The shape every command module has: its definition as plain Discord API data (loadable
// without starting anything, for registration and docs) and handlers that receive everything
// they need through a context. Modules are made with the helpers in ./define-subcommand.ts and
// ./define-command.ts, which type each handler's options from its definition.
import type { CatalogueSearch } from '../catalogue/catalogue.ts';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOptionChoice,
  APIInteractionGuildMember,
  APIMessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { API } from '@discordjs/core/http-only';
import type { AniListClient } from '../anilist/client.ts';
import type { TierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { MalClient } from '../mal/client.ts';
import type { Repositories } from '../store/repositories.ts';
import type { ReceivedValues } from './options.ts';
import type { Reply } from './reply.ts';
import type { ServerSettings } from './server-settings.ts';

export interface CommandServices {
  repositories: Repositories;
  anilist: AniListClient;
  /** The local catalogue of anime that can be added: suggestions search it, never AniList. */
  catalogue: CatalogueSearch;
  /** MyAnimeList, for /anime import; undefined when the operator has not set MAL_CLIENT_ID. */
  mal: MalClient | undefined;
  /** Syncs an anime's airings right after it was added, then plans its notifications. */
  syncAnimeSoon(mediaId: number): Promise<void>;
  /** Something that notifications depend on changed (channel, settings, list): plan again soon, for this server only when given. */
  planSoon(guildId?: string): void;
  discord: API;
  applicationId: string;
  tiers: TierTable;
  /**
   * Fits these servers' lists to their tiers (premium/enforce-tier-limits.ts): after a slot frees
   * up, the next anime paused by the limit resumes. Resolves with the servers where something changed.
   */
  enforceTierLimits(guildIds: readonly string[]): Promise<unknown>;
  /** Works out every server's premium again (after a member's Patreon link or server went); absent without Patreon. */
  premiumChanged?: () => Promise<unknown>;
  /** Where the web dashboard is reached (PUBLIC_URL), when it is on: /anime premium links to its billing page. */
  dashboardUrl?: string;
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

/** Everything a command handler gets besides its options. */
export interface InvocationContext extends GuildInvocation {
  services: CommandServices;
  serverSettings: ServerSettings;
  /** For long-running subcommands: replaces the "thinking…" answer with an intermediate one. */
  progress(reply: Reply): Promise<void>;
  /** Epoch ms after which Discord no longer takes an answer (the interaction token has expired). */
  answerBy: number;
}

/** `O` is the handler's options, typed from its definition (see OptionsOf) and already checked. */
export interface CommandContext<O> extends InvocationContext {
  options: O;
}

/** While a member types into an option: what they typed so far, unchecked. */
export interface AutocompleteContext extends GuildInvocation {
  focused: { name: string; value: string } | undefined;
  services: CommandServices;
  serverSettings: ServerSettings;
}

/** Who may run a subcommand. `lockable` subcommands can be limited to roles by the server's admins. */
export type Access = 'everyone' | 'lockable' | 'admin';

/** The JSON of what a handler answers: a subcommand, or a command without subcommands. */
export interface HandledDefinition {
  readonly name: string;
  readonly options?: readonly APIApplicationCommandBasicOption[] | undefined;
}

/** One handler with its definition, as the dispatcher runs it (options no longer typed). */
export interface Subcommand<D extends HandledDefinition = HandledDefinition, A extends Access = Access> {
  readonly definition: D;
  readonly access: A;
  /** Answer "thinking…" at once and run afterwards, reporting with `context.progress` (imports). */
  readonly longRunning: boolean;
  /** Its answers are for the member alone (decides how a long-running answer is deferred). */
  readonly ephemeral: boolean;
  /**
   * Checks the received option values against the definition and returns the handler bound to them.
   * @throws UserError saying which option does not fit and why
   */
  withOptions(values: ReceivedValues): (context: InvocationContext) => Promise<Reply>;
  readonly autocomplete: ((context: AutocompleteContext) => Promise<APIApplicationCommandOptionChoice[]>) | undefined;
}

export interface CommandModule<D extends RESTPostAPIChatInputApplicationCommandsJSONBody = RESTPostAPIChatInputApplicationCommandsJSONBody> {
  definition: D;
  /**
   * Keyed by subcommand path ("add", "admin setchannel"); "" for a command without subcommands.
   * Built from the same children as the definition, so neither can miss one of the other's.
   */
  subcommands: ReadonlyMap<string, Subcommand>;
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
