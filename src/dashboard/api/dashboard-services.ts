import type { CommandServices } from '../../commands/command.ts';
import type { BotPresence } from '../bot-presence.ts';
import type { GuildAccess } from '../guild-access.ts';
import type { TestNotifications } from '../test-notification.ts';

/** What the API's handlers use. */
export interface DashboardServices {
  access: GuildAccess;
  botPresence: BotPresence;
  /** The slash commands' services: the dashboard runs the same handlers (run-subcommand.ts). */
  commands: CommandServices;
  /** Test sends through the server's webhook, at most one per server every 10 seconds. */
  testNotifications: TestNotifications;
}
