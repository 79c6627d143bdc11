// Promise P4 (docs/promises.md): AniList data is kept only while it is needed. An anime that finished (or
// was cancelled) loses its cached data once its last notification has gone out, and the
// servers that tracked it keep only their nickname for it until they have been told. An anime
// no server tracks any more is forgotten at once. The catalogue (what suggestions search) follows
// the same rules: its entry for an anime goes with the anime's data once it has finished, and
// an entry no longer airing or announced goes as soon as no server tracks it.
import type { Logger } from '../logger.ts';
import type { AiringsRepository, CatalogueRepository, DeliveriesRepository, MediaRepository, TrackedAnimeRepository } from '../store/repositories.ts';

export interface AnimeRetentionDependencies {
  media: MediaRepository;
  airings: AiringsRepository;
  trackedAnime: TrackedAnimeRepository;
  deliveries: DeliveriesRepository;
  catalogue: CatalogueRepository;
  logger: Logger;
  /** An episode that aired less than this long ago may still get its notification planned. */
  graceMs: number;
}

export interface RetentionReport {
  finished: number[];
  untracked: number[];
  /** Catalogue entries deleted. */
  catalogue: number;
}

export async function applyAnimeRetention(deps: AnimeRetentionDependencies, now: number): Promise<RetentionReport> {
  const [ended, cached, tracked, open] = await Promise.all([
    deps.media.listIds({ statuses: ['FINISHED', 'CANCELLED'] }),
    deps.media.listIds(),
    deps.trackedAnime.trackedMediaIds(),
    deps.deliveries.mediaWithOpenDeliveries(),
  ]);
  const stillSending = new Set(open);
  const trackedIds = new Set(tracked);

  const finished: number[] = [];
  for (const id of ended) {
    if (stillSending.has(id)) continue;
    const recentOrUpcoming = await deps.airings.nextForMedia(id, now - deps.graceMs);
    if (!recentOrUpcoming) finished.push(id);
  }
  const finishedIds = new Set(finished);
  const untracked = cached.filter((id) => !trackedIds.has(id) && !stillSending.has(id) && !finishedIds.has(id));

  if (finished.length > 0) {
    await deps.trackedAnime.markFinished(finished, now);
    await deps.media.deleteMany(finished);
  }
  if (untracked.length > 0) await deps.media.deleteMany(untracked);
  const catalogue = (await deps.catalogue.deleteMany(finished)) + (await deps.catalogue.deleteEnded(tracked.filter((id) => !finishedIds.has(id))));
  if (finished.length + untracked.length + catalogue > 0) {
    deps.logger.info({ finished, untracked, catalogue }, 'Deleted AniList data that is no longer needed');
  }
  return { finished, untracked, catalogue };
}
