// Who owns each server, for the owner action. Interactions do not say who owns a server, so the
// owner is stored: the gateway keeps it current (GUILD_CREATE, GUILD_UPDATE), and otherwise it
// is looked up with GET /guilds/{id} when the owner action needs it and the stored answer is
// missing or more than a day old. One lookup per server per day at most, however often members press.
import { DiscordAPIError } from '@discordjs/rest';
import type { API } from '@discordjs/core/http-only';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { GuildOwnership, Repositories } from '../store/repositories.ts';

export const OWNER_CHECK_MAX_AGE_MS = 24 * 3_600_000;
// Lookups of different servers use different rate-limit buckets; a few at a time keeps a large
// installation's first press well inside the 15 minutes an interaction can still be answered.
const PARALLEL_LOOKUPS = 4;

/**
 * Looks up the owner of every server with a channel whose stored owner is too old, and stores it.
 * Returns the servers Discord could not describe just now: their stored owner is not to be trusted.
 */
export async function refreshStaleOwners(repositories: Repositories, discord: API, now: number): Promise<Set<string>> {
  const stale = await repositories.guilds.ownersToRefresh(now - OWNER_CHECK_MAX_AGE_MS);
  const unchecked = new Set<string>();
  const lookUp = async (row: GuildOwnership) => {
    const owner = await ownerInDiscord(discord, row);
    if (owner === undefined) unchecked.add(row.guildId);
    else await repositories.guilds.setOwner(row.guildId, owner, now);
  };
  const queue = [...stale];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await lookUp(row);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_LOOKUPS, queue.length) }, worker));
  return unchecked;
}

/**
 * Of the servers stored as owned by `ownerId`, those Discord confirms right now. A stored owner
 * may have handed the server over since (without the gateway we are not told), and turning a
 * server's notifications off is for its owner of today only; these few lookups are the member's own.
 */
export async function confirmOwned(
  repositories: Repositories,
  discord: API,
  rows: readonly GuildOwnership[],
  ownerId: string,
  now: number,
): Promise<GuildOwnership[]> {
  const confirmed: GuildOwnership[] = [];
  for (const row of rows) {
    const owner = row.checkedAt === now ? row.ownerId : await ownerInDiscord(discord, row);
    if (owner === undefined) continue;
    if (owner !== row.ownerId) await repositories.guilds.setOwner(row.guildId, owner, now);
    if (owner === ownerId) confirmed.push(row);
  }
  return confirmed;
}

/** The owner Discord reports; the last one we saw if the bot is no longer in the server; undefined if Discord would not say. */
async function ownerInDiscord(discord: API, row: GuildOwnership): Promise<string | null | undefined> {
  try {
    return (await discord.guilds.get(row.guildId)).owner_id;
  } catch (error) {
    // Removed from the server, the bot cannot see it any more, though its webhook may still post
    // there: the last owner we saw is the best answer there will be, so keep it (for a day).
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownGuild) return row.ownerId;
    return undefined;
  }
}
