// /debug: data actions a member or a server owner can take themselves. The definition and its
// choices are registered now; the actions (each confirmed by a button) come with the privacy work.
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandModule } from './command.ts';
import { ephemeral } from './reply.ts';

export const DEBUG_ACTIONS = [
  { name: 'Delete my data in this server', value: 'delete_my_data_here' },
  { name: 'Delete my data everywhere', value: 'delete_my_data_everywhere' },
  { name: "Delete this server's data (owner or Manage Server)", value: 'delete_server_data' },
  { name: 'Disable the notify channel on every server I own', value: 'disable_owned_channels' },
  { name: 'Export my data', value: 'export_my_data' },
] as const;

export const debugDefinition = {
  name: 'debug',
  description: 'Delete or export the data AniTrack keeps about you or this server',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [{ type: ApplicationCommandOptionType.String, name: 'action', description: 'What to do', required: true, choices: [...DEBUG_ACTIONS] }],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const debugCommand: CommandModule = {
  definition: debugDefinition,
  subcommands: {
    '': {
      access: 'everyone',
      run: async () => ephemeral('These data actions are not available in this version of AniTrack yet.'),
    },
  },
};
