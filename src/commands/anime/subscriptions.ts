// /anime subscribe and /anime unsubscribe: a member chooses to be pinged for an anime.
import { displayTitle } from '../../domain/titles.ts';
import { SubscribersFullError } from '../../store/errors.ts';
import type { CommandServices, Subcommand } from '../command.ts';
import { optionText, readOptions } from '../read-options.ts';
import { ephemeral, UserError, type Reply } from '../reply.ts';
import { trackedChoices } from './autocomplete.ts';
import { limitsFor } from './guild-limits.ts';
import { nicknameCode } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';

export async function subscribeMember(guildId: string, mediaId: number, userId: string, services: CommandServices): Promise<boolean> {
  const limits = await limitsFor(guildId, services);
  try {
    return await services.repositories.subscriptions.subscribe({ guildId, mediaId, userId, now: services.now(), maxPerAnime: limits.maxMembersPerAnime });
  } catch (error) {
    if (error instanceof SubscribersFullError) throw new UserError(`${error.message} A premium server allows more.`);
    throw error;
  }
}

export const subscribe: Subcommand = {
  access: 'lockable',
  autocomplete: trackedChoices,
  async run(context): Promise<Reply> {
    const { services, guildId, userId } = context;
    const { anime } = readOptions(context, { anime: optionText(100) });
    const { tracked, media } = await resolveTrackedAnime(guildId, anime, services);
    if (tracked.finishedAt !== null) throw new UserError(`${nicknameCode(tracked.nickname)} has finished airing.`);
    const name = media ? `**${displayTitle(media)}**` : nicknameCode(tracked.nickname);
    const added = await subscribeMember(guildId, tracked.mediaId, userId, services);
    return ephemeral(added ? `You'll be pinged when a new episode of ${name} airs.` : `You were already subscribed to ${name}.`);
  },
};

export const unsubscribe: Subcommand = {
  access: 'everyone',
  autocomplete: trackedChoices,
  async run(context): Promise<Reply> {
    const { services, guildId, userId } = context;
    const { anime } = readOptions(context, { anime: optionText(100) });
    const { tracked, media } = await resolveTrackedAnime(guildId, anime, services);
    const name = media ? `**${displayTitle(media)}**` : nicknameCode(tracked.nickname);
    const removed = await services.repositories.subscriptions.unsubscribe(guildId, tracked.mediaId, userId);
    return ephemeral(removed ? `You won't be pinged for ${name} any more.` : `You were not subscribed to ${name}.`);
  },
};
