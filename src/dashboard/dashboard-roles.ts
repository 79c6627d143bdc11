// Members of the roles a server gave dashboard access (`/anime admin editpermission` with the
// `dashboard` target) may manage it here without Manage Server. Which roles a member holds is
// asked of Discord with the bot's token (the user's own login does not tell), and kept per
// member for at most a minute, so a member whose role was taken away is refused within a minute.
// Only servers the bot is in count: elsewhere the bot cannot see members, and its roles there
// are left over from before it was removed.
import { DiscordAPIError } from '@discordjs/rest';
import type { API } from '@discordjs/core/http-only';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DASHBOARD_ACCESS } from '../commands/anime/lockable.ts';
import type { CommandLocksRepository } from '../store/repositories.ts';
import type { BotPresence } from './bot-presence.ts';

export interface DashboardRoleDependencies {
  discord: Pick<API, 'guilds'>;
  locks: Pick<CommandLocksRepository, 'rolesFor'>;
  botPresence: Pick<BotPresence, 'of'>;
  now(): number;
  maxAgeMs?: number;
}

// Past this many members kept, entries older than the limit are dropped.
const SWEEP_ABOVE = 10_000;

export function createDashboardRoles(deps: DashboardRoleDependencies) {
  const maxAgeMs = deps.maxAgeMs ?? 60_000;
  const members = new Map<string, { at: number; roles: Promise<readonly string[]> }>();

  const fetchRoles = async (guildId: string, userId: string): Promise<readonly string[]> => {
    try {
      return (await deps.discord.guilds.getMember(guildId, userId)).roles;
    } catch (error) {
      // Not (or no longer) a member, or the bot was removed meanwhile: no roles.
      const gone = [RESTJSONErrorCodes.UnknownMember, RESTJSONErrorCodes.UnknownGuild, RESTJSONErrorCodes.UnknownUser] as number[];
      if (error instanceof DiscordAPIError && typeof error.code === 'number' && gone.includes(error.code)) return [];
      throw error;
    }
  };

  const rolesOf = (guildId: string, userId: string): Promise<readonly string[]> => {
    const key = `${guildId}:${userId}`;
    const cached = members.get(key);
    if (cached && deps.now() - cached.at < maxAgeMs) return cached.roles;
    if (members.size > SWEEP_ABOVE) {
      for (const [old, entry] of members) if (deps.now() - entry.at >= maxAgeMs) members.delete(old);
    }
    const roles = fetchRoles(guildId, userId);
    members.set(key, { at: deps.now(), roles });
    // A failure is not kept: the next request asks again.
    roles.catch(() => {
      if (members.get(key)?.roles === roles) members.delete(key);
    });
    return roles;
  };

  return {
    /** Whether the member holds one of the server's dashboard roles. */
    async grants(guildId: string, userId: string): Promise<boolean> {
      const granted = await deps.locks.rolesFor(guildId, DASHBOARD_ACCESS);
      if (granted.length === 0) return false;
      if (!(await deps.botPresence.of([guildId])).has(guildId)) return false;
      const held = await rolesOf(guildId, userId);
      return granted.some((role) => held.includes(role));
    },
  };
}

export type DashboardRoles = ReturnType<typeof createDashboardRoles>;
