import type { CommandServices } from '../../commands/command.ts';
import type { BotPresence } from '../bot-presence.ts';
import type { GuildAccess } from '../guild-access.ts';

/** What the API's handlers use. */
export interface DashboardServices {
  access: GuildAccess;
  botPresence: BotPresence;
  /** The slash commands' services: the dashboard runs the same handlers (run-subcommand.ts). */
  commands: CommandServices;
}
