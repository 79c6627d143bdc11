// A command's answer mentions channels and roles as Discord does (<#id>, <@&id>), which Discord
// shows as names and a web page would show as numbers: the dashboard writes the names in.
import type { API } from '@discordjs/core/http-only';

const CHANNEL = /<#(\d+)>/g;
const ROLE = /<@&(\d+)>/g;

export function withNames(text: string, names: { channels?: ReadonlyMap<string, string>; roles?: ReadonlyMap<string, string> }): string {
  return text
    .replace(CHANNEL, (mention, id: string) => (names.channels?.has(id) ? `#${names.channels.get(id)}` : mention))
    .replace(ROLE, (mention, id: string) => (names.roles?.has(id) ? `@${names.roles.get(id)}` : mention));
}

/** The text with the server's channel and role names in place of mentions; asks Discord only for what it mentions. */
export async function nameMentions(discord: API, guildId: string, text: string): Promise<string> {
  const wantsChannels = new RegExp(CHANNEL.source).test(text);
  const wantsRoles = new RegExp(ROLE.source).test(text);
  if (!wantsChannels && !wantsRoles) return text;
  // Names make the text nicer, not truer: without them the mentions stay.
  const [channels, roles] = await Promise.all([
    wantsChannels ? discord.guilds.getChannels(guildId).catch(() => []) : [],
    wantsRoles ? discord.guilds.getRoles(guildId).catch(() => []) : [],
  ]);
  return withNames(text, {
    channels: new Map(channels.map((channel) => [channel.id, channel.name ?? channel.id])),
    roles: new Map(roles.map((role) => [role.id, role.name])),
  });
}
