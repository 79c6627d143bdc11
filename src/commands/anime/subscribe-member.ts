// Subscribing a member to an anime of the server's list, within the server's limit: shared by
// /anime subscribe and the bell button under notifications.
import type { TierLimits } from '../../domain/tiers.ts';
import { SubscribersFullError } from '../../store/errors.ts';
import type { CommandServices } from '../command.ts';
import { UserError } from '../reply.ts';

/**
 * @param limits the server's, when the caller already has its settings (a command does; the
 * bell reads them here)
 * @returns false when the member was already subscribed
 */
export async function subscribeMember(guildId: string, mediaId: number, userId: string, services: CommandServices, limits?: TierLimits): Promise<boolean> {
  const { maxMembersPerAnime } = limits ?? services.tiers.limitsFor(await services.repositories.guilds.get(guildId));
  try {
    return await services.repositories.subscriptions.subscribe({ guildId, mediaId, userId, now: services.now(), maxPerAnime: maxMembersPerAnime });
  } catch (error) {
    if (error instanceof SubscribersFullError) throw new UserError(`${error.message} A premium server allows more.`);
    throw error;
  }
}
