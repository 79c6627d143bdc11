// The server's next notification, rendered by the product's own renderer (delivery/render.ts)
// with the server's settings, its list's nickname and subscribers, at the time it is due: the
// same JSON the worker will send through the webhook, so what the page shows is what arrives.
import { appliedTiming, type TierLookup } from '../delivery/applied-timing.ts';
import { DELIVERY_KINDS, NOTIFICATION_KINDS } from '../delivery/kinds.ts';
import { renderNotification } from '../delivery/render.ts';
import { displayTitle } from '../domain/titles.ts';
import type { DeliveryKind, Repositories } from '../store/repositories.ts';
import type { NotificationPreview } from './api/delivery-schemas.ts';

const MINUTE = 60_000;

type Stores = Pick<Repositories, 'guilds' | 'trackedAnime' | 'airings' | 'media' | 'subscriptions'>;

export async function previewNextNotification(repositories: Stores, tiers: TierLookup, guildId: string, now: number): Promise<NotificationPreview> {
  const settings = await repositories.guilds.get(guildId);
  // The timing the worker applies: a delay the tier does not allow is held.
  const timing = settings ? appliedTiming(settings, tiers) : { postAirDelayMinutes: 0, reminderOffsetMinutes: null };
  const active = (await repositories.trackedAnime.listForGuild(guildId)).filter(
    (entry) => entry.finishedAt === null && entry.pausedAt === null && entry.limitPausedAt === null,
  );

  // For each anime, its first episode whose new-episode notice may still be ahead (it aired
  // less than the server's delay ago), and of its kinds the one due first.
  let next: { entry: (typeof active)[number]; episode: number; airingAt: number; kind: DeliveryKind; dueAt: number } | undefined;
  for (const entry of active) {
    const airing = await repositories.airings.nextForMedia(entry.mediaId, now - timing.postAirDelayMinutes * MINUTE);
    if (!airing) continue;
    for (const kind of DELIVERY_KINDS) {
      const dueAt = NOTIFICATION_KINDS[kind].due(airing, timing);
      if (dueAt === undefined || dueAt < now) continue;
      if (!next || dueAt < next.dueAt) next = { entry, episode: airing.episode, airingAt: airing.airingAt, kind, dueAt };
    }
  }
  const media = next && (await repositories.media.get(next.entry.mediaId));
  if (!next || !media) {
    return { next: null, messages: [], message: 'Nothing on this server’s list has an episode ahead, so there is no notification to preview yet.' };
  }
  const messages = renderNotification({
    kind: next.kind,
    media,
    episode: next.episode,
    airingAt: next.airingAt,
    nickname: next.entry.nickname,
    language: settings?.titleLanguage ?? 'romaji',
    subscribers: await repositories.subscriptions.subscribers(guildId, next.entry.mediaId),
    // As it will be rendered when it goes out on time.
    now: next.dueAt,
  });
  const title = displayTitle(media, settings?.titleLanguage);
  return {
    next: {
      mediaId: media.id,
      title,
      episode: next.episode,
      kind: next.kind,
      airingAt: new Date(next.airingAt).toISOString(),
      dueAt: new Date(next.dueAt).toISOString(),
    },
    messages,
    message: `The next notification: ${next.kind === 'reminder' ? 'a reminder for' : 'the new-episode notice of'} episode ${next.episode} of ${title}.`,
  };
}
