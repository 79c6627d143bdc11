// Pausing an anime keeps it on the server's list (and its subscribers) but stops its
// notifications until it is resumed: what is pending is cancelled at once, as for a removed
// anime, and the planner follows it no more. Resuming plans again, which brings back a
// notification that was cancelled before it went out, if it is still useful.
import type { CommandServices } from '../commands/command.ts';
import { ApiError } from './api/api-route.ts';

export async function setAnimePaused(services: CommandServices, guildId: string, mediaId: number, paused: boolean) {
  const { trackedAnime, deliveries } = services.repositories;
  const now = services.now();
  const entry = await trackedAnime.setPaused(guildId, mediaId, paused, now);
  if (!entry) throw new ApiError(404, "That anime is not on this server's list.");
  if (paused) await deliveries.cancelPendingForGuild(guildId, now, mediaId, 'the anime was paused');
  else services.planSoon(guildId);
  const message = paused
    ? `Paused "${entry.nickname}": it stays on the list, with its subscribers, but gets no notifications until you resume it.`
    : `Resumed "${entry.nickname}": its episodes are notified again.`;
  return { mediaId, paused, message };
}
