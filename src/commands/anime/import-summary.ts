// The answer /anime import ends with: what happened to every entry of the list, in counts.
import { pausedCountNote } from './guild-limits.ts';
import type { ImportOptions } from './import-definition.ts';
import type { ImportCounts, ImportRun, StatusFilter } from './import-run.ts';

export type ListChoice = ImportOptions['list'];

export interface SummaryInput {
  platform: string;
  list: ListChoice;
  status: StatusFilter;
  run: ImportRun;
  /** Entries on the list. */
  total: number;
  maxAnime: number | null;
  /** Anime on the list paused by the limit, which still count towards it. */
  pausedByLimit: number;
  /** Why the run stopped early, in a sentence, when it did. */
  stopReason: string | undefined;
  hasChannel: boolean;
}

const LIST_NAMES: Record<ListChoice, string> = { watching: 'Watching', planning: 'Plan to watch' };
const STATUS_NAMES: Record<StatusFilter, string> = { airing: 'airing anime', not_yet_aired: 'anime not aired yet', both: 'airing and upcoming anime' };
const OTHER_STATUS: Record<StatusFilter, string> = { airing: 'not airing yet', not_yet_aired: 'already airing', both: 'without an airing status' };

export function listName(list: ListChoice): string {
  return LIST_NAMES[list];
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function importSummary(input: SummaryInput): string {
  const { counts, checked } = input.run;
  const lines = input.stopReason
    ? [
        `The import from ${input.platform} stopped early: ${input.stopReason} It got through ${count(checked)} of ${count(input.total)} entries, and everything added so far is kept.`,
        'Run the same import again later to continue: anime already added count as already on the list and are never added twice.',
      ]
    : [`Imported the ${LIST_NAMES[input.list]} list from ${input.platform} (${STATUS_NAMES[input.status]}).`];
  lines.push(`Added: ${count(counts.added)}`);
  lines.push(`Already on this server's list: ${count(counts.already)}`);
  lines.push(skippedLine(counts, input.status));
  lines.push(`Not found on AniList: ${count(counts.notFound)}`);
  const limit = input.maxAnime === null ? 'limit' : `limit of ${count(input.maxAnime)} anime`;
  lines.push(
    `Over this server's ${limit}: ${count(counts.overLimit)}${counts.overLimit > 0 ? `.${pausedCountNote(input.pausedByLimit)} Remove some anime first, or unlock a bigger list with AniTrack premium.` : ''}`,
  );
  if (counts.nicknameTaken > 0)
    lines.push(
      `Not added because every nickname we tried was taken: ${count(counts.nicknameTaken)}. Add them with \`/anime add\` and a nickname of your choice.`,
    );
  if (counts.added > 0) {
    if (!input.hasChannel) lines.push('Notifications need a channel: an admin can pick one with `/anime admin setchannel`.');
    lines.push('Members can use `/anime subscribe` to be pinged for new episodes.');
  }
  return lines.join('\n');
}

function skippedLine(counts: ImportCounts, status: StatusFilter): string {
  const parts: string[] = [];
  if (counts.finished > 0) parts.push(`${count(counts.finished)} finished or stopped airing`);
  if (counts.otherStatus > 0) parts.push(`${count(counts.otherStatus)} ${OTHER_STATUS[status]}`);
  if (counts.tooEarly > 0) parts.push(`${count(counts.tooEarly)} premiering more than 60 days from now`);
  if (counts.adult > 0) parts.push(`${count(counts.adult)} adult ${counts.adult === 1 ? 'title' : 'titles'}`);
  const total = counts.finished + counts.otherStatus + counts.tooEarly + counts.adult;
  return `Skipped: ${count(total)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
