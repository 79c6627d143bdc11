// Putting one anime on a server's list, by the same rules whichever command does it (/anime add
// for one anime, /anime import for a whole list): what may be followed, the nickname it gets,
// and the AniList details stored with it so the list and the planner can use them at once.
import type { FetchedAnime } from '../../anilist/normalize.ts';
import { defaultNickname } from '../../domain/titles.ts';
import { NicknameTakenError } from '../../store/errors.ts';
import type { Repositories, TrackedAnime } from '../../store/repositories.ts';
import type { Media } from '../../domain/media.ts';
import { NICKNAME_MAX } from './nickname.ts';

// The original bot's rule: an anime can be followed from 60 days before its first episode.
export const EARLIEST_BEFORE_PREMIERE_MS = 60 * 24 * 3_600_000;

export type Untrackable =
  { reason: 'adult' } | { reason: 'finished' } | { reason: 'cancelled' } | { reason: 'hiatus' } | { reason: 'too_early'; premieresAt: number };

/** Why an anime cannot be followed (no episodes left to announce, or none for a long while), if it cannot. */
export function whyUntrackable({ media, nextAiring }: FetchedAnime, now: number): Untrackable | undefined {
  if (media.isAdult) return { reason: 'adult' };
  if (media.status === 'FINISHED') return { reason: 'finished' };
  if (media.status === 'CANCELLED') return { reason: 'cancelled' };
  if (media.status === 'HIATUS') return { reason: 'hiatus' };
  if (media.status === 'NOT_YET_RELEASED' && nextAiring && nextAiring.airingAt - now > EARLIEST_BEFORE_PREMIERE_MS) {
    return { reason: 'too_early', premieresAt: nextAiring.airingAt };
  }
  return undefined;
}

// A nickname we chose may clash with another anime's (two seasons of one show): then the
// season's year (or the id) tells them apart. A nickname the member chose is theirs to change.
export function ourNicknames(media: Pick<Media, 'title' | 'id' | 'seasonYear'>): string[] {
  const nickname = defaultNickname(media);
  return [nickname, withSuffix(nickname, ` (${media.seasonYear ?? media.id})`)];
}

export function withSuffix(nickname: string, suffix: string): string {
  return `${nickname.slice(0, NICKNAME_MAX - suffix.length)}${suffix}`;
}

export interface TrackInput {
  guildId: string;
  userId: string;
  anime: FetchedAnime;
  /** Tried in order while the previous one is taken. */
  nicknames: readonly string[];
  /** The server's tier limit; null for unlimited. */
  maxAnime: number | null;
  now: number;
}

export type TrackResult = { outcome: 'added'; tracked: TrackedAnime } | { outcome: 'untrackable'; problem: Untrackable };

/**
 * Adds the anime to the server's list and stores its details and next episode. Scheduling is the
 * caller's: one anime is synced at once, a whole import is left to one planning run.
 * @throws AlreadyTrackedError, ListFullError, NicknameTakenError (every nickname taken)
 */
export async function trackAnime(repositories: Repositories, input: TrackInput): Promise<TrackResult> {
  const { anime, now } = input;
  const problem = whyUntrackable(anime, now);
  if (problem) return { outcome: 'untrackable', problem };

  let tracked: TrackedAnime | undefined;
  // Made only when needed: an error captures a stack, which is not free on every add.
  let lastError: NicknameTakenError | undefined;
  for (const nickname of input.nicknames) {
    try {
      tracked = await repositories.trackedAnime.add({
        guildId: input.guildId,
        mediaId: anime.media.id,
        nickname,
        addedBy: input.userId,
        now,
        maxPerGuild: input.maxAnime,
      });
      break;
    } catch (error) {
      if (!(error instanceof NicknameTakenError)) throw error;
      lastError = error;
    }
  }
  if (!tracked) throw lastError ?? new NicknameTakenError(input.nicknames.at(-1) ?? '');

  // Stored as fetched, so the list and the planner have it at once. A copy read from the store
  // is already there, and keeps its age: it is refreshed when it is old, not re-dated.
  if (anime.fromStore) return { outcome: 'added', tracked };
  await repositories.media.upsertMany([anime.media]);
  if (anime.nextAiring) await repositories.airings.upsertMany([anime.nextAiring], now);
  return { outcome: 'added', tracked };
}
