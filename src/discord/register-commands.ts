// One bulk overwrite of every command definition: globally, or for one server while developing
// (guild commands update at once; global ones count against Discord's daily creation limit).
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { REST } from '@discordjs/rest';
import { commandDefinitions } from '../commands/index.ts';

export async function registerCommands(rest: REST, applicationId: string, guildId?: string): Promise<string[]> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
  return registered.map((command) => command.name);
}
