// A server's delivery log for the API and the page alike: what was sent, retried, failed,
// skipped or cancelled, newest first, each with the reason in plain words (delivery-words.ts).
import { displayTitle } from '../domain/titles.ts';
import type { Repositories } from '../store/repositories.ts';
import type { DeliveryEntry } from './api/delivery-schemas.ts';
import { deliveryReason, statusText } from './delivery-words.ts';

type Stores = Pick<Repositories, 'deliveries' | 'media' | 'guilds' | 'trackedAnime'>;

export async function readDeliveryLog(repositories: Stores, guildId: string, page: { limit: number; before?: number | undefined }) {
  // One more than asked: whether there is an older page.
  const rows = await repositories.deliveries.listForGuild(guildId, { limit: page.limit + 1, before: page.before });
  const shown = rows.slice(0, page.limit);
  const settings = await repositories.guilds.get(guildId);
  const media = new Map((await repositories.media.getMany([...new Set(shown.map((row) => row.mediaId))])).map((item) => [item.id, item]));
  // An anime whose AniList data is gone (it finished airing) is named by its nickname, while it has one.
  const nicknames = new Map((await repositories.trackedAnime.listForGuild(guildId)).map((entry) => [entry.mediaId, entry.nickname]));
  const deliveries: DeliveryEntry[] = shown.map((row) => {
    const details = media.get(row.mediaId);
    return {
      id: row.id,
      anime: { mediaId: row.mediaId, title: details ? displayTitle(details, settings?.titleLanguage) : (nicknames.get(row.mediaId) ?? null) },
      episode: row.episode,
      kind: row.kind,
      dueAt: new Date(row.dueAt).toISOString(),
      status: row.status,
      statusText: statusText(row),
      attempts: row.attempts,
      reason: deliveryReason(row),
      lastError: row.lastError,
      sentAt: row.sentAt === null ? null : new Date(row.sentAt).toISOString(),
      messageId: row.messageId,
    };
  });
  return { deliveries, nextBefore: rows.length > page.limit ? shown.at(-1)!.id : null };
}
