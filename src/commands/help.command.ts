// /help: what AniTrack does and where to start.
import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import { definePlainCommand } from './define-command.ts';
import { ephemeral } from './reply.ts';

const HELP = [
  '**AniTrack** posts in your server when new episodes of your anime air.',
  '',
  '**Getting started** (Manage Server): `/anime admin setchannel` picks the channel, then `/anime add` adds anime.',
  "**Everyone**: `/anime subscribe` to be pinged for an anime, `/anime list`, `/anime schedule`, `/anime when`, `/anime info`, `/anime premium` (the server's tier and who supports it).",
  '**Admins**: `/anime admin settings` (reminders, a delay after airing, title language), `/anime admin editpermission` (limit commands to a role, or let a role use the web dashboard).',
  '**Your data**: `/debug` deletes or exports what AniTrack stores about you or your server.',
].join('\n');

export const helpCommand = definePlainCommand(
  { name: 'help', description: 'How to use AniTrack', contexts: [InteractionContextType.Guild], integration_types: [ApplicationIntegrationType.GuildInstall] },
  { access: 'everyone', run: async () => ephemeral(HELP) },
);
