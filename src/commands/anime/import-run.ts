// The part of /anime import that does not care where the list came from: anime arrive in
// batches (one AniList request each), each is checked by the same rules as /anime add and
// added under our nickname, and every outcome is counted. A batch that cannot be fetched stops
// the run; whatever was added before it stays, so running the import again continues.
import type { FetchedAnime } from '../../anilist/normalize.ts';
import { defaultNickname } from '../../domain/titles.ts';
import { AlreadyTrackedError, ListFullError, NicknameTakenError } from '../../store/errors.ts';
import type { Repositories } from '../../store/repositories.ts';
import type { MediaStatus } from '../../domain/media.ts';
import type { ImportOptions } from './import-definition.ts';
import { ourNicknames, trackAnime, whyUntrackable, withSuffix } from './track-anime.ts';

export type StatusFilter = ImportOptions['status'];

export interface ImportBatch {
  /** List entries this batch accounts for. */
  entries: number;
  /** Entries AniList has no anime for. */
  notFound: number;
  anime: FetchedAnime[];
}

export interface ImportCounts {
  added: number;
  already: number;
  /** Finished, cancelled or on hiatus: nothing left to announce. */
  finished: number;
  /** Airing or upcoming, but not what the status option asked for. */
  otherStatus: number;
  /** Premieres more than 60 days from now. */
  tooEarly: number;
  adult: number;
  notFound: number;
  overLimit: number;
  /** Every nickname we tried was taken (rare: the last one carries the AniList id). */
  nicknameTaken: number;
}

export interface ImportRun {
  counts: ImportCounts;
  /** Entries accounted for (all of them unless the run stopped). */
  checked: number;
  /** Why the run stopped before the end of the list. */
  stoppedBy: unknown;
}

export interface ImportRunInput {
  repositories: Repositories;
  guildId: string;
  userId: string;
  status: StatusFilter;
  maxAnime: number | null;
  now: number;
  /** Entries already known to be finished (MyAnimeList's, left out before mapping): checked, and skipped. */
  finishedBeforeMapping: number;
  batches: AsyncIterable<ImportBatch>;
  /** After each anime and each batch; throttled by the caller. */
  onProgress(checked: number, counts: ImportCounts): Promise<void>;
}

const WANTED: Record<StatusFilter, readonly MediaStatus[]> = {
  airing: ['RELEASING'],
  not_yet_aired: ['NOT_YET_RELEASED'],
  both: ['RELEASING', 'NOT_YET_RELEASED'],
};

export async function runImport(input: ImportRunInput): Promise<ImportRun> {
  const { repositories, guildId, now } = input;
  const counts: ImportCounts = {
    added: 0,
    already: 0,
    finished: input.finishedBeforeMapping,
    otherStatus: 0,
    tooEarly: 0,
    adult: 0,
    notFound: 0,
    overLimit: 0,
    nicknameTaken: 0,
  };
  // Finished anime still on the list count too: the repository refuses them as duplicates.
  const onList = new Set((await repositories.trackedAnime.listForGuild(guildId)).map((tracked) => tracked.mediaId));
  let full = false;
  let checked = input.finishedBeforeMapping;

  const take = async (anime: FetchedAnime): Promise<void> => {
    const { media } = anime;
    if (onList.has(media.id)) return void counts.already++;
    const problem = whyUntrackable(anime, now);
    if (problem?.reason === 'adult') return void counts.adult++;
    if (problem?.reason === 'too_early') return void counts.tooEarly++;
    if (problem) return void counts.finished++;
    if (media.status === null || !WANTED[input.status].includes(media.status)) return void counts.otherStatus++;
    if (full) return void counts.overLimit++;
    // Unlike /anime add, nobody is there to pick another nickname: the AniList id is a last resort.
    const nicknames = [...new Set([...ourNicknames(media), withSuffix(defaultNickname(media), ` (${media.id})`)])];
    try {
      const result = await trackAnime(repositories, { guildId, userId: input.userId, anime, nicknames, maxAnime: input.maxAnime, now });
      // Checked above with the same rules; counted as finished should they ever disagree.
      if (result.outcome === 'untrackable') return void counts.finished++;
      onList.add(media.id);
      counts.added++;
    } catch (error) {
      // Someone added it (or filled the list) while the import ran.
      if (error instanceof AlreadyTrackedError) return void counts.already++;
      if (error instanceof ListFullError) {
        full = true;
        return void counts.overLimit++;
      }
      if (error instanceof NicknameTakenError) return void counts.nicknameTaken++;
      throw error;
    }
  };

  const iterator = input.batches[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ImportBatch>;
    try {
      next = await iterator.next();
    } catch (error) {
      return { counts, checked, stoppedBy: error };
    }
    if (next.done) return { counts, checked, stoppedBy: undefined };
    const batch = next.value;
    counts.notFound += batch.notFound;
    for (const [index, anime] of batch.anime.entries()) {
      await take(anime);
      // A batch may hold a whole AniList list: progress moves with the anime handled.
      await input.onProgress(checked + Math.min(batch.entries, index + 1), counts);
    }
    checked += batch.entries;
    await input.onProgress(checked, counts);
  }
}
