// /debug: what a member or a server's manager can do with the data AniTrack keeps (privacy
// promise P1 in docs/promises.md). Anything that deletes asks for a button press first; export answers at once with
// a JSON file only the member sees.
import { ApplicationCommandOptionType, ApplicationIntegrationType, ButtonStyle, ComponentType, InteractionContextType } from 'discord-api-types/v10';
import { canManageServer } from '../domain/permissions.ts';
import { deleteGuildData, disableOwnedChannels } from '../privacy/guild-data.ts';
import { deleteMemberData, exportMemberData, type DeletedMemberData } from '../privacy/member-data.ts';
import { createRunLimit, type RunLimit } from '../privacy/run-limit.ts';
import type { ComponentHandler, GuildInvocation, CommandServices } from './command.ts';
import { definePlainCommand } from './define-command.ts';
import { ephemeral, UserError, type Reply } from './reply.ts';

export const DEBUG_ACTIONS = [
  { name: 'Delete my data in this server', value: 'delete_my_data_here' },
  { name: 'Delete my data everywhere', value: 'delete_my_data_everywhere' },
  { name: "Delete this server's data (owner or Manage Server)", value: 'delete_server_data' },
  { name: 'Disable the notify channel on every server I own', value: 'disable_owned_channels' },
  { name: 'Export my data', value: 'export_my_data' },
] as const;

type DebugAction = (typeof DEBUG_ACTIONS)[number]['value'];
type DestructiveAction = Exclude<DebugAction, 'export_my_data'>;

const CONFIRM_TEXT: Record<DestructiveAction, string> = {
  delete_my_data_here:
    "This deletes your subscriptions in this server and your name on the anime you added and the changes you made here (they stay in the server's audit log without it). Continue?",
  delete_my_data_everywhere:
    "This deletes your subscriptions in every server and your name on every anime you added and every change you made (they stay in the servers' audit logs without it). Continue?",
  delete_server_data:
    "This deletes everything AniTrack keeps for this server: its anime list, every member's subscriptions, role locks, settings and pending notifications, and AniTrack's webhook. Continue?",
  disable_owned_channels: 'This stops AniTrack posting on every server you own and deletes its webhooks there. Lists and subscriptions stay. Continue?',
};

const PREFIX = 'debug';
const confirmId = (action: DestructiveAction, userId: string) => `${PREFIX}:${action}:${userId}`;

function mayDeleteServer(invocation: GuildInvocation): boolean {
  return canManageServer(invocation.member.permissions);
}

// The owner action may look up every server AniTrack posts on: once per member per 10 minutes.
const OWNER_ACTION_WINDOW_MS = 10 * 60_000;
// One limit per running bot (its services object), so two bots in one process, as in tests, do not share it.
const ownerActionLimits = new WeakMap<CommandServices, RunLimit>();
function ownerActionLimit(services: CommandServices): RunLimit {
  let limit = ownerActionLimits.get(services);
  if (!limit) ownerActionLimits.set(services, (limit = createRunLimit(OWNER_ACTION_WINDOW_MS)));
  return limit;
}

function tryAgainLater(until: number, now: number): UserError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new UserError(
    `You already did this in the last ${OWNER_ACTION_WINDOW_MS / 60_000} minutes. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

function forgotPremium(deleted: DeletedMemberData, here: boolean): string {
  if (!deleted.premiumChanged) return '';
  if (here) return ' Your Patreon premium no longer applies to this server.';
  return ' AniTrack also forgot your Patreon link and the server your premium applied to.';
}

function forgotOwnership(deleted: DeletedMemberData, here: boolean): string {
  if (deleted.ownerships === 0) return '';
  if (here) return ' AniTrack also forgot that you own this server.';
  return ` AniTrack also forgot that you own ${deleted.ownerships} server${deleted.ownerships === 1 ? '' : 's'}.`;
}

export const debugCommand = definePlainCommand(
  {
    name: 'debug',
    description: 'Delete or export the data AniTrack keeps about you or this server',
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [{ type: ApplicationCommandOptionType.String, name: 'action', description: 'What to do', required: true, choices: [...DEBUG_ACTIONS] }],
  },
  {
    access: 'everyone',
    longRunning: true,
    ephemeral: true,
    async run(context): Promise<Reply> {
      const {
        services,
        userId,
        options: { action },
      } = context;
      if (action === 'export_my_data') {
        const data = await exportMemberData(services.repositories, userId, services.now());
        return ephemeral('Here is everything AniTrack keeps about you.', {
          files: [{ name: `anitrack-data-${userId}.json`, data: Buffer.from(`${JSON.stringify(data, null, 2)}\n`) }],
        });
      }
      // Refused before the button, so the member is not asked to confirm something that will not run.
      const blockedUntil = action === 'disable_owned_channels' ? ownerActionLimit(services).blockedUntil(userId, services.now()) : undefined;
      if (blockedUntil !== undefined) throw tryAgainLater(blockedUntil, services.now());
      if (action === 'delete_server_data' && !mayDeleteServer(context)) {
        throw new UserError("Only the server's owner, or members with Manage Server or Administrator, can delete this server's data.");
      }
      return ephemeral(CONFIRM_TEXT[action], {
        components: [
          {
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: confirmId(action, userId), label: 'Yes, delete' }],
          },
        ],
      });
    },
  },
);

async function perform(action: DestructiveAction, invocation: GuildInvocation, services: CommandServices): Promise<string> {
  const { repositories, discord } = services;
  const now = services.now();
  switch (action) {
    case 'delete_my_data_here': {
      const deleted = await deleteMemberData(repositories, invocation.userId, invocation.guildId);
      if (deleted.premiumChanged) await services.premiumChanged?.();
      return `Done: ${deleted.subscriptions} subscription${deleted.subscriptions === 1 ? '' : 's'} deleted in this server, and your name removed from ${deleted.attributions} anime.${forgotOwnership(deleted, true)}${forgotPremium(deleted, true)}`;
    }
    case 'delete_my_data_everywhere': {
      const deleted = await deleteMemberData(repositories, invocation.userId);
      if (deleted.premiumChanged) await services.premiumChanged?.();
      return `Done: ${deleted.subscriptions} subscription${deleted.subscriptions === 1 ? '' : 's'} deleted across all servers, and your name removed from ${deleted.attributions} anime.${forgotOwnership(deleted, false)}${forgotPremium(deleted, false)}`;
    }
    case 'delete_server_data':
      if (!mayDeleteServer(invocation)) throw new UserError("Only the server's owner or its managers can delete this server's data.");
      await deleteGuildData(repositories, discord, invocation.guildId, now);
      return 'Done: everything AniTrack kept for this server is deleted, and its webhook with it. Use `/anime admin setchannel` to start again.';
    case 'disable_owned_channels': {
      // Taken before the work starts, so a second press while the first still runs is refused too.
      const blockedUntil = ownerActionLimit(services).take(invocation.userId, now);
      if (blockedUntil !== undefined) throw tryAgainLater(blockedUntil, now);
      const disabled = await disableOwnedChannels(repositories, discord, invocation.userId, now);
      return disabled.length === 0
        ? 'AniTrack was not posting on any server you own.'
        : `Done: AniTrack stopped posting on ${disabled.length} server${disabled.length === 1 ? '' : 's'} you own.`;
    }
  }
}

export const debugConfirmComponent: ComponentHandler = {
  prefix: PREFIX,
  access: 'everyone',
  async run(context) {
    const [, action, userId] = context.customId.split(':');
    if (!action || !Object.hasOwn(CONFIRM_TEXT, action)) throw new UserError('This button is no longer in use.');
    // Only the member who asked may confirm: the confirmation is theirs, even if someone else sees the button.
    if (userId !== context.userId) throw new UserError('Only the member who asked can confirm this.');
    return ephemeral(await perform(action as DestructiveAction, context, context.services));
  },
};
