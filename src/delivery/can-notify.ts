// Whether a server can receive notifications at all: a channel with our webhook in it that
// still works, and the bot still in the server. The planner plans only for these servers (the
// store's followers query applies the same rule in SQL, so that 10,000 servers are not read one
// by one), and the worker checks again before sending, since any of it may change in between.
import type { GuildSettings } from '../store/repositories.ts';

export function canNotify(guild: GuildSettings): boolean {
  return guild.notifyChannelId !== null && guild.hasWebhook && guild.channelBrokenAt === null && guild.leftAt === null;
}
