// /anime: its definition (what registration sends Discord) and its handlers, both made from the
// subcommands in ./anime/subcommands.ts and the admin group. Importing this starts nothing.
import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import { adminGroup } from './anime/admin/admin-group.ts';
import { memberSubcommands } from './anime/subcommands.ts';
import { defineCommand } from './define-command.ts';

export const animeCommand = defineCommand(
  {
    name: 'anime',
    description: 'Follow anime and get pinged when new episodes air',
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
  { ...memberSubcommands, admin: adminGroup },
);
