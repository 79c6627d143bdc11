// What the /sandbox page does, as a Discord client would: it shows the server's channels and
// sends signed interactions to the product's real POST /interactions as the chosen member, then
// reports what that member sees. Everything goes through the local Discord, so the product
// cannot tell the page from discord.com.
import type {
  APIEmbed,
  APIMessage,
  APIMessageComponentInteraction,
  APIChatInputApplicationCommandInteraction,
  APIApplicationCommandAutocompleteInteraction,
} from 'discord-api-types/v10';
import { commandDefinitions } from '../commands/index.ts';
import { Permission, type DeliveryResult, type FakeDiscord } from '@anitrack/discord-emulator';
import { buildOptions, resolvedFor, SandboxInputError, type CommandDefinition, type OptionValue } from './sandbox-options.ts';
import type { SandboxUser, SandboxWorld } from './world.ts';

export { SandboxInputError };

/** A message as the page draws it, in a channel or as the answer to a command or a button. */
export interface MessageView {
  id: string;
  channelId: string;
  author: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  /** Ids of the members the message really pinged. */
  mentions: string[];
  timestamp: string;
  edited: boolean;
  /** "Only you can see this". */
  ephemeral: boolean;
  /** A deferred answer not edited in yet ("AniTrack is thinking…"). */
  loading: boolean;
  attachments: { filename: string; size: number }[];
  /** For an answer to a member: who did what ("Aiko (admin)", "used /anime list"). */
  interaction?: { user: string; action: string };
}

export interface SandboxState {
  guild: { id: string; name: string };
  channels: { id: string; name: string }[];
  users: SandboxUser[];
  messages: MessageView[];
}

/** The member's command or click reached AniTrack, but it did not answer as Discord requires. */
export class InteractionFailedError extends Error {
  override name = 'InteractionFailedError';
}

export interface SandboxApiOptions {
  discord: FakeDiscord;
  world: SandboxWorld;
  interactionsUrl(): string;
  /** How long to wait for a deferred answer to be edited in (default 15 s, as Discord's client shows "thinking…" for up to 15 minutes). */
  answerTimeoutMs?: number;
}

export interface CommandRequest {
  userId: string;
  name: string;
  path: string;
  options: Record<string, OptionValue>;
}

export interface ButtonRequest {
  userId: string;
  customId: string;
  messageId: string;
  channelId: string;
}

interface SentInteraction {
  id: string;
  user: string;
  action: string;
}

// The @everyone role's permissions in the sandbox server (world.ts), for `resolved.roles`.
const EVERYONE_PERMISSIONS = String(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES);
const EPHEMERAL = 64;
const LOADING = 128;
// Enough for a long afternoon of clicking; older answers drop out of the channel view.
const REMEMBERED_INTERACTIONS = 500;

export function createSandboxApi(options: SandboxApiOptions) {
  const { discord, world } = options;
  const answerTimeoutMs = options.answerTimeoutMs ?? 15_000;
  const definitions: readonly CommandDefinition[] = commandDefinitions();
  const sent: SentInteraction[] = [];

  const member = (userId: string): SandboxUser => {
    const found = world.users.find((user) => user.id === userId);
    if (!found) throw new SandboxInputError(`No member ${userId} in the sandbox server.`);
    return found;
  };
  const definition = (name: string): CommandDefinition => {
    const found = definitions.find((candidate) => candidate.name === name);
    if (!found) throw new SandboxInputError(`AniTrack has no /${name} command.`);
    return found;
  };
  // Interactions come from the #anime channel, where the page's command box is.
  const actor = (user: SandboxUser) => ({ guildId: world.guildId, channelId: world.channels[0]!.id, user: { id: user.id, username: user.username } });
  const remember = (interaction: SentInteraction) => {
    sent.push(interaction);
    if (sent.length > REMEMBERED_INTERACTIONS) sent.shift();
  };

  function view(message: APIMessage, extra: Partial<MessageView> = {}): MessageView {
    const flags = message.flags ?? 0;
    return {
      id: message.id,
      channelId: message.channel_id,
      author: message.author.username,
      content: message.content,
      embeds: message.embeds,
      components: message.components ?? [],
      mentions: message.mentions.map((user) => user.id),
      timestamp: message.timestamp,
      edited: message.edited_timestamp !== null,
      ephemeral: (flags & EPHEMERAL) !== 0,
      loading: (flags & LOADING) !== 0,
      attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, size: attachment.size })),
      ...extra,
    };
  }

  /** The first response's type (4 message, 5 deferred, 6/7 component update…), once there is one. */
  const acknowledgedWith = (interactionId: string): number | undefined => {
    const first = discord.interactionResponses(interactionId)[0];
    const type = (first?.body as { type?: unknown } | undefined)?.type;
    return typeof type === 'number' ? type : undefined;
  };

  /** What the member sees once AniTrack has answered, or undefined while it is still working. */
  function settled(interactionId: string): MessageView | undefined {
    const type = acknowledgedWith(interactionId);
    if (type === undefined) return undefined;
    const { original, followups } = discord.interactionMessages(interactionId);
    if (type === 4 || type === 7 || type === 6) return original ? view(original, type === 4 ? {} : { edited: true }) : undefined;
    if (type === 5) {
      // Deferred: the answer is the edit of "thinking…", or a private follow-up.
      const done = discord.interactionResponses(interactionId).find((record) => record.kind === 'edit-original' || record.kind === 'followup');
      if (!done) return undefined;
      const message = done.kind === 'followup' ? followups.find((candidate) => candidate.id === done.messageId) : original;
      // Filling in "thinking…" is not shown as an edit.
      return message ? view(message, { edited: false }) : undefined;
    }
    throw new InteractionFailedError(`AniTrack answered with a kind of response the sandbox does not show (type ${type}).`);
  }

  async function answer(interactionId: string, delivery: DeliveryResult): Promise<MessageView> {
    if (delivery.rejected)
      throw new InteractionFailedError(`This interaction failed: Discord refused AniTrack's answer (${JSON.stringify(delivery.rejected.body)}).`);
    if (delivery.status === null) throw new InteractionFailedError('The application did not respond: AniTrack did not answer within 3 seconds.');
    if (delivery.status >= 300) throw new InteractionFailedError(`This interaction failed: POST /interactions answered ${delivery.status}.`);
    const deadline = Date.now() + answerTimeoutMs;
    for (;;) {
      const seen = settled(interactionId);
      if (seen) return seen;
      if (Date.now() > deadline) throw new InteractionFailedError(`AniTrack did not finish answering within ${Math.round(answerTimeoutMs / 1000)} seconds.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function commandInteraction(request: CommandRequest, focused?: string) {
    const user = member(request.userId);
    const built = buildOptions(definition(request.name), request.path, request.options, world, focused);
    const input = { ...actor(user), name: request.name, options: built.options };
    return { user, built, input };
  }

  /** Webhook posts, and the public answers to the page's commands, as the channel shows them. */
  function channelMessages(): MessageView[] {
    const posted = discord
      .allMessages()
      .filter((recorded) => recorded.guildId === world.guildId)
      .map((recorded) => view(recorded.message));
    const answers = sent.flatMap((interaction) => {
      const type = acknowledgedWith(interaction.id);
      if (type !== 4 && type !== 5) return [];
      const { original, followups } = discord.interactionMessages(interaction.id);
      return [original, ...followups]
        .filter((message): message is APIMessage => message !== null && ((message.flags ?? 0) & EPHEMERAL) === 0)
        .map((message) =>
          view(message, {
            edited: type === 5 ? false : message.edited_timestamp !== null,
            interaction: { user: interaction.user, action: interaction.action },
          }),
        );
    });
    // Stable: messages of the same millisecond keep the order they were made in.
    return [...posted, ...answers].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  }

  /** A message the member can see, for a component interaction's `message`. */
  function findMessage(messageId: string, channelId: string): APIMessage {
    const posted = discord.messages(channelId).find((recorded) => recorded.id === messageId);
    if (posted) return posted.message;
    for (const interaction of sent) {
      const { original, followups } = discord.interactionMessages(interaction.id);
      const found = [original, ...followups].find((message) => message?.id === messageId && message.channel_id === channelId);
      if (found) return found;
    }
    throw new SandboxInputError(`No message ${messageId} in that channel.`);
  }

  return {
    state(): SandboxState {
      return { guild: { id: world.guildId, name: world.guildName }, channels: world.channels, users: world.users, messages: channelMessages() };
    },

    commands: (): readonly CommandDefinition[] => definitions,

    async command(request: CommandRequest): Promise<MessageView> {
      const { user, built, input } = commandInteraction(request);
      const interaction = discord.commandInteraction(input);
      const resolved = resolvedFor(built, world, interaction.member?.permissions ?? '0', EVERYONE_PERMISSIONS);
      const payload: APIChatInputApplicationCommandInteraction = resolved ? { ...interaction, data: { ...interaction.data, resolved } } : interaction;
      remember({ id: interaction.id, user: user.username, action: `used /${[request.name, request.path].filter(Boolean).join(' ')}` });
      return answer(interaction.id, await discord.deliverInteraction(options.interactionsUrl(), payload));
    },

    async autocomplete(request: CommandRequest & { focused: string }): Promise<{ choices: { name: string; value: string | number }[] }> {
      const { input } = commandInteraction(request, request.focused);
      const interaction: APIApplicationCommandAutocompleteInteraction = discord.autocompleteInteraction(input);
      const delivery = await discord.deliverInteraction(options.interactionsUrl(), interaction);
      if (delivery.status !== 200)
        throw new InteractionFailedError(`AniTrack did not answer the autocomplete request (${delivery.status ?? 'no answer within 3 seconds'}).`);
      const first = discord.interactionResponses(interaction.id)[0]?.body as
        { type?: number; data?: { choices?: { name: string; value: string | number }[] } } | undefined;
      return { choices: first?.type === 8 ? (first.data?.choices ?? []) : [] };
    },

    async button(request: ButtonRequest): Promise<MessageView> {
      const user = member(request.userId);
      if (!world.channels.some((channel) => channel.id === request.channelId))
        throw new SandboxInputError(`No channel ${request.channelId} in the sandbox server.`);
      const message = findMessage(request.messageId, request.channelId);
      const button = buttonsOf(message).find((candidate) => candidate.custom_id === request.customId);
      if (!button) throw new SandboxInputError('That message has no such button.');
      const interaction: APIMessageComponentInteraction = discord.componentInteraction({
        guildId: world.guildId,
        channelId: request.channelId,
        user: { id: user.id, username: user.username },
        customId: request.customId,
        message,
      });
      remember({ id: interaction.id, user: user.username, action: `pressed “${button.label ?? 'a button'}”` });
      return answer(interaction.id, await discord.deliverInteraction(options.interactionsUrl(), interaction));
    },
  };
}

export type SandboxApi = ReturnType<typeof createSandboxApi>;

function buttonsOf(message: APIMessage): { custom_id: string; label?: string }[] {
  const rows = (message.components ?? []) as { components?: { type?: number; custom_id?: string; label?: string }[] }[];
  return rows
    .flatMap((row) => row.components ?? [])
    .flatMap((component) =>
      component.type === 2 && typeof component.custom_id === 'string'
        ? [{ custom_id: component.custom_id, ...(component.label !== undefined ? { label: component.label } : {}) }]
        : [],
    );
}
