// /help: what AniTrack does and where to start.
import { ApplicationIntegrationType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandModule } from './command.ts';
import { ephemeral } from './reply.ts';

export const helpDefinition = {
  name: 'help',
  description: 'How to use AniTrack',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const HELP = [
  '**AniTrack** posts in your server when new episodes of your anime air.',
  '',
  '**Getting started** (Manage Server): `/anime admin setchannel` picks the channel, then `/anime add` adds anime.',
  '**Everyone**: `/anime subscribe` to be pinged for an anime, `/anime list`, `/anime schedule`, `/anime when`, `/anime info`.',
  '**Admins**: `/anime admin settings` (reminders, a delay after airing, title language), `/anime admin editpermission` (limit commands to a role).',
  '**Your data**: `/debug` deletes or exports what AniTrack stores about you or your server.',
].join('\n');

export const helpCommand: CommandModule = {
  definition: helpDefinition,
  subcommands: { '': { access: 'everyone', run: async () => ephemeral(HELP) } },
};
