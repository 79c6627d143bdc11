// One dispatcher behind both transports (HTTP interactions and the gateway). It answers within
// Discord's 3-second window: a handler that finishes quickly is answered inline; a slower one is
// deferred and its answer edited in afterwards.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { recordChange } from '../commands/audit-trail.ts';
import type { CommandModule, CommandServices, ComponentHandler, GuildInvocation, InvocationContext } from '../commands/command.ts';
import { notUnderstood, parseOptions, UNKNOWN_COMMAND } from '../commands/options.ts';
import { ephemeral, type Reply } from '../commands/reply.ts';
import { serverSettingsOnce } from '../commands/server-settings.ts';
import { brokenChannelNotice, checkAccess } from './access.ts';
import { userFacingMessage } from './failures.ts';
import type { CommandData } from './interaction-schema.ts';
import { snowflakeTime } from '../domain/snowflake.ts';
import { deferredResponse, editData, messageResponse } from './responses.ts';

export interface DispatchResult {
  response: APIInteractionResponse;
  /** Work that continues after the response was sent (a deferred answer). */
  after?: () => Promise<void>;
}

export interface DispatcherOptions {
  commands: readonly CommandModule[];
  components: readonly ComponentHandler[];
  services: CommandServices;
  maintenance?: { message: string; statusPageUrl?: string | undefined } | undefined;
  /** How long a handler may run before the answer is deferred. */
  deferAfterMs?: number;
}

export type Dispatcher = (interaction: APIInteraction) => Promise<DispatchResult>;

const MAX_CHOICES = 25;
// An interaction's token takes answers (edits, follow-ups) for 15 minutes after it was created.
const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { services } = options;
  // Maps, not objects: command and subcommand names come from the request, and a name like
  // "constructor" must find nothing rather than something inherited.
  const commands = new Map(options.commands.map((command) => [command.definition.name, command]));
  const deferAfterMs = options.deferAfterMs ?? 2000;
  const maintenanceReply = options.maintenance && ephemeral(maintenanceText(options.maintenance));
  // A server's last sign of life matters to retention only by the day: write it at most daily.
  // Kept in the order written, so the entries older than a day are at the front and dropped there.
  const lastTouched = new Map<string, number>();
  const touch = (guildId: string) => {
    const now = services.now();
    const dayAgo = now - 24 * 3_600_000;
    if ((lastTouched.get(guildId) ?? 0) > dayAgo) return;
    for (const [oldest, at] of lastTouched) {
      if (at > dayAgo) break;
      lastTouched.delete(oldest);
    }
    lastTouched.delete(guildId);
    lastTouched.set(guildId, now);
    services.repositories.guilds.touch(guildId, now).catch((error: unknown) => services.logger.warn({ err: error }, 'Could not record server activity'));
  };

  const answer = async (token: string, work: () => Promise<Reply>, logContext: Record<string, unknown>, privateByDefault: boolean): Promise<DispatchResult> => {
    const running = work().then(
      (reply) => reply,
      (error: unknown) => ephemeral(userFacingMessage(error, services.logger, logContext)),
    );
    const first = await Promise.race([running, sleep(deferAfterMs).then(() => undefined)]);
    if (first) return { response: messageResponse(first) };
    return {
      response: deferredResponse(privateByDefault),
      after: async () => {
        const reply = await running;
        await finishDeferred(services, token, reply, privateByDefault);
      },
    };
  };

  // The subcommand an interaction names, with its options read; a reading that failed says why.
  const readCommand = (interaction: APIInteraction & { data: unknown }) => {
    // The schema checked this shape for both interaction types that get here.
    const data = interaction.data as CommandData;
    const command = commands.get(data.name);
    const reading = command ? parseOptions(command.definition.options, data.options) : UNKNOWN_COMMAND;
    const subcommand = reading.ok ? command?.subcommands.get(reading.options.path) : undefined;
    if (!reading.ok || !subcommand) return { found: false as const, problem: reading.ok ? UNKNOWN_COMMAND : reading };
    return { found: true as const, subcommand, parsed: reading.options, logContext: { command: `${data.name} ${reading.options.path}`.trim() } };
  };

  const suggest = async (interaction: APIApplicationCommandAutocompleteInteraction, invocation: GuildInvocation): Promise<DispatchResult> => {
    const read = readCommand(interaction);
    if (!read.found || !read.subcommand.autocomplete) return choices([]);
    const serverSettings = serverSettingsOnce(invocation.guildId, services.repositories.guilds);
    const suggestions = read.subcommand.autocomplete({ ...invocation, focused: read.parsed.focused, services, serverSettings }).catch((error: unknown) => {
      services.logger.warn({ err: error, ...read.logContext, guildId: invocation.guildId }, 'Autocomplete failed');
      return [];
    });
    return choices((await Promise.race([suggestions, sleep(deferAfterMs).then(() => [])])) ?? []);
  };

  const runCommand = async (interaction: APIInteraction, invocation: GuildInvocation): Promise<DispatchResult> => {
    if (interaction.type === InteractionType.MessageComponent) {
      const customId = interaction.data.custom_id;
      const handler = options.components.find((candidate) => customId.startsWith(`${candidate.prefix}:`));
      if (!handler) return { response: messageResponse(ephemeral('This button is no longer in use.')) };
      const logContext = { component: handler.prefix, guildId: invocation.guildId };
      return answer(
        interaction.token,
        async () => {
          await checkAccess(handler.access, handler.lockedAs ?? handler.prefix, invocation, services);
          return handler.run({ ...invocation, customId, interaction, services });
        },
        logContext,
        true,
      );
    }

    if (interaction.type !== InteractionType.ApplicationCommand) {
      return { response: messageResponse(ephemeral('AniTrack does not use that kind of interaction.')) };
    }
    const read = readCommand(interaction);
    if (!read.found) return { response: messageResponse(ephemeral(notUnderstood(read.problem))) };
    const { subcommand, parsed } = read;
    const serverSettings = serverSettingsOnce(invocation.guildId, services.repositories.guilds);
    const logContext = { ...read.logContext, guildId: invocation.guildId };
    const context: InvocationContext = {
      ...invocation,
      services,
      serverSettings,
      answerBy: tokenExpiry(interaction.id, services.now()),
      progress: async (reply) => {
        await services.discord.interactions.editReply(services.applicationId, interaction.token, editData(reply));
      },
    };
    // Locks are by subcommand name ("add"); a command without subcommands is its own name.
    const lockName = subcommand.definition.name;
    // Who may run it is checked before its options, so a refusal says nothing about them.
    const prepare = async () => {
      await checkAccess(subcommand.access, lockName, invocation, services);
      return subcommand.withOptions(parsed.values);
    };
    if (subcommand.longRunning) {
      // Access and options are checked before answering, so a refusal is a private message
      // rather than a public "thinking…".
      let run: (context: InvocationContext) => Promise<Reply>;
      try {
        run = await prepare();
      } catch (error) {
        return { response: messageResponse(ephemeral(userFacingMessage(error, services.logger, logContext))) };
      }
      const deferPrivately = subcommand.ephemeral;
      return {
        response: deferredResponse(deferPrivately),
        after: async () => {
          const reply = await run(context).then(
            async (done) => {
              await recordChange(services, invocation, done, 'discord');
              return done;
            },
            (error: unknown) => ephemeral(userFacingMessage(error, services.logger, logContext)),
          );
          await finishDeferred(services, interaction.token, reply, deferPrivately);
        },
      };
    }
    return answer(
      interaction.token,
      async () => {
        const run = await prepare();
        const reply = await run(context);
        await recordChange(services, invocation, reply, 'discord');
        const notice = await brokenChannelNotice(invocation, serverSettings);
        return notice ? { ...reply, content: [reply.content, notice].filter(Boolean).join('\n\n') } : reply;
      },
      logContext,
      subcommand.access === 'admin',
    );
  };

  return async (interaction) => {
    if (interaction.type === InteractionType.Ping) return { response: { type: InteractionResponseType.Pong } };
    const invocation = guildInvocation(interaction);
    const isAutocomplete = interaction.type === InteractionType.ApplicationCommandAutocomplete;
    if (!invocation) {
      return isAutocomplete ? choices([]) : { response: messageResponse(ephemeral('AniTrack works inside servers: use its commands in a server channel.')) };
    }
    if (maintenanceReply) return isAutocomplete ? choices([]) : { response: messageResponse(maintenanceReply) };
    if (isAutocomplete) return suggest(interaction, invocation);
    const result = await runCommand(interaction, invocation);
    // Once answered: a server's first command (an /anime add) makes the row this updates.
    touch(invocation.guildId);
    return result;
  };
}

// The token's 15 minutes count from when Discord made the interaction (its id says when), not
// from when it reached us: one that came late through the gateway has less time left. A clock
// far off ours (or a made-up id) falls back to our own time of receipt.
function tokenExpiry(interactionId: string, now: number): number {
  const createdAt = snowflakeTime(interactionId);
  const receivedAt = createdAt !== undefined && Math.abs(now - createdAt) < INTERACTION_TOKEN_LIFETIME_MS ? Math.min(createdAt, now) : now;
  return receivedAt + INTERACTION_TOKEN_LIFETIME_MS;
}

function guildInvocation(interaction: APIInteraction): GuildInvocation | undefined {
  if (!interaction.guild_id || !interaction.member) return undefined;
  return {
    guildId: interaction.guild_id,
    channelId: interaction.channel?.id ?? (interaction as { channel_id?: string }).channel_id,
    userId: interaction.member.user.id,
    member: interaction.member,
    appPermissions: interaction.app_permissions,
  };
}

function choices(list: APIApplicationCommandOptionChoice[]): DispatchResult {
  const trimmed = list.slice(0, MAX_CHOICES).map((choice) => ({ ...choice, name: choice.name.slice(0, 100) }));
  return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: trimmed } } };
}

function maintenanceText(maintenance: { message: string; statusPageUrl?: string | undefined }): string {
  return maintenance.statusPageUrl ? `${maintenance.message}\nStatus: <${maintenance.statusPageUrl}>` : maintenance.message;
}

// A deferral is public or private before the answer is known. A private answer to a public
// deferral (an error, usually) replaces the public placeholder with a private follow-up.
async function finishDeferred(services: CommandServices, token: string, reply: Reply, deferredPrivately: boolean): Promise<void> {
  const { discord, applicationId } = services;
  if (reply.ephemeral && !deferredPrivately) {
    await discord.interactions.deleteReply(applicationId, token);
    await discord.interactions.followUp(applicationId, token, { ...editData(reply), flags: MessageFlags.Ephemeral });
    return;
  }
  await discord.interactions.editReply(applicationId, token, { ...editData(reply), ...(reply.files && { files: reply.files }) });
}
