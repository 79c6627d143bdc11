// The bell button under a notification: toggles the member's subscription to that anime.
// Unsubscribing is always allowed; subscribing follows the server's lock on `subscribe`.
import { checkAccess } from '../discord/access.ts';
import { BELL_PREFIX } from '../domain/bell.ts';
import { displayTitle } from '../domain/titles.ts';
import { subscribeMember } from './anime/subscribe-member.ts';
import { nicknameCode } from './anime/nickname.ts';
import type { ComponentHandler } from './command.ts';
import { ephemeral, UserError } from './reply.ts';

export const bellComponent: ComponentHandler = {
  prefix: BELL_PREFIX,
  access: 'everyone',
  async run(context) {
    const mediaId = Number(context.customId.slice(BELL_PREFIX.length + 1));
    if (!Number.isSafeInteger(mediaId) || mediaId <= 0) throw new UserError('This button is no longer in use.');
    const { services, guildId, userId } = context;
    const tracked = await services.repositories.trackedAnime.get(guildId, mediaId);
    if (!tracked || tracked.finishedAt !== null) throw new UserError('That anime is no longer on this server’s list.');
    const media = await services.repositories.media.get(mediaId);
    const name = media ? `**${displayTitle(media)}**` : nicknameCode(tracked.nickname);
    if (await services.repositories.subscriptions.unsubscribe(guildId, mediaId, userId)) {
      return ephemeral(`🔕 You won't be pinged for ${name} any more.`);
    }
    await checkAccess('lockable', 'subscribe', context, services);
    await subscribeMember(guildId, mediaId, userId, services);
    return ephemeral(`🔔 You'll be pinged when a new episode of ${name} airs.`);
  },
};
