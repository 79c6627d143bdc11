// A server's data: deleting it removes its row and, through the foreign keys, its list,
// subscriptions, role locks, deliveries and audit log, and deletes our webhook in Discord.
import { DiscordAPIError } from '@discordjs/rest';
import type { API } from '@discordjs/core/http-only';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { Repositories, Webhook } from '../store/repositories.ts';
import { confirmOwned, refreshStaleOwners } from './guild-owners.ts';

export async function deleteWebhookQuietly(discord: API, webhook: Webhook): Promise<void> {
  try {
    await discord.webhooks.delete(webhook.id, { token: webhook.token });
  } catch (error) {
    // Already deleted in Discord: just as gone.
    if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownWebhook || error.code === RESTJSONErrorCodes.InvalidWebhookToken)) return;
    throw error;
  }
}

export async function deleteGuildData(repositories: Repositories, discord: API, guildId: string, now: number): Promise<void> {
  const webhook = await repositories.guilds.clearNotifyChannel(guildId, now);
  if (webhook) await deleteWebhookQuietly(discord, webhook).catch(() => undefined);
  await repositories.guilds.delete(guildId);
}

/**
 * The original bot's owner action: stop posting on every server the member owns; nothing else is
 * deleted. Ownership comes from the stored rows (see guild-owners.ts), not one lookup per server.
 */
export async function disableOwnedChannels(repositories: Repositories, discord: API, ownerId: string, now: number): Promise<string[]> {
  const unchecked = await refreshStaleOwners(repositories, discord, now);
  const stored = (await repositories.guilds.guildsOwnedBy(ownerId)).filter((row) => !unchecked.has(row.guildId));
  const owned = await confirmOwned(repositories, discord, stored, ownerId, now);
  const posting = (await repositories.guilds.getMany(owned.map((row) => row.guildId))).filter((guild) => guild.notifyChannelId !== null);
  const disabled: string[] = [];
  for (const { guildId } of posting.sort((a, b) => a.guildId.localeCompare(b.guildId))) {
    const webhook = await repositories.guilds.clearNotifyChannel(guildId, now);
    if (webhook) await deleteWebhookQuietly(discord, webhook).catch(() => undefined);
    await repositories.deliveries.cancelPendingForGuild(guildId, now, undefined, 'the server owner turned notifications off');
    disabled.push(guildId);
  }
  return disabled;
}
