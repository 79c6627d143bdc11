// /anime import: add the airing (or upcoming) anime of an AniList or MyAnimeList list to the
// server's list. Only the tracked anime that result are stored: never the user name, the list,
// or anything about its entries (promise P5 in docs/promises.md; MyAnimeList data is not stored at all).
// The member sees "thinking…", then progress, then a count of what happened to every entry.
import { randomBytes } from 'node:crypto';
import type { AniListListStatus } from '../../anilist/client.ts';
import { AniListOutageError, AniListUnavailableError, AniListUserNotFoundError } from '../../anilist/errors.ts';
import { MAX_PER_PAGE } from '../../anilist/queries.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import type { MalClient } from '../../mal/client.ts';
import { MalClientIdError, MalListPrivateError, MalUnavailableError, MalUserNotFoundError } from '../../mal/errors.ts';
import type { CommandServices, InvocationContext } from '../command.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { UserError, type Reply } from '../reply.ts';
import { limitsFor, pausedByLimit } from './guild-limits.ts';
import { importDefinition, type ImportOptions } from './import-definition.ts';
import { runImport, type ImportBatch, type ImportCounts } from './import-run.ts';
import { count, importSummary, listName } from './import-summary.ts';
import { aniListRequestFor } from '../anilist-request.ts';

interface ListSource {
  /** Entries on the list. */
  total: number;
  /** Entries MyAnimeList already showed as finished airing, so never looked up on AniList. */
  finishedBeforeMapping: number;
  batches: AsyncIterable<ImportBatch>;
}

const ANILIST_LISTS: Record<ImportOptions['list'], AniListListStatus[]> = { watching: ['CURRENT', 'REPEATING'], planning: ['PLANNING'] };
const PLATFORM_NAMES: Record<ImportOptions['platform'], string> = { anilist: 'AniList', myanimelist: 'MyAnimeList' };

// Servers with an import running. In memory, so per process: with several web processes two
// imports of one server could still run at once on different processes. That costs AniList
// requests but no harm to the list: the repository's per-server lock keeps the limit and
// refuses duplicates.
const running = new Set<string>();

export const importList = defineSubcommand(importDefinition, {
  access: 'lockable',
  longRunning: true,
  async run(context) {
    const { services, guildId, options } = context;
    const limits = await limitsFor(context);
    if (!limits.canImport) {
      throw new UserError(
        `List import is part of AniTrack premium's highest tier (${TIER_NAMES.supporter_plus}). Meanwhile, anime can be added one by one with \`/anime add\`.`,
      );
    }
    const mal = options.platform === 'myanimelist' ? services.mal : undefined;
    if (options.platform === 'myanimelist' && !mal) {
      throw new UserError(
        'Importing from MyAnimeList is not set up on this AniTrack: its operator has not configured a MyAnimeList client id. Importing from AniList works meanwhile.',
      );
    }
    if (running.has(guildId)) throw new UserError('An import is already running on this server. Please wait until it has finished, then try again.');
    running.add(guildId);
    try {
      return await importInto(context, options, limits.maxAnime, mal);
    } finally {
      running.delete(guildId);
    }
  },
});

async function importInto(context: InvocationContext, options: ImportOptions, maxAnime: number | null, mal: MalClient | undefined): Promise<Reply> {
  const { services, guildId, userId } = context;
  const platform = PLATFORM_NAMES[options.platform];
  const progress = createProgress(context, platform);
  const source = mal ? await myAnimeListSource(services, mal, options, progress.reading, context) : await aniListSource(services, options, context);
  if (source.total === 0)
    return { content: `The ${listName(options.list)} list of \`${shown(options.username)}\` on ${platform} is empty, so there is nothing to import.` };

  const run = await runImport({
    repositories: services.repositories,
    guildId,
    userId,
    status: options.status,
    maxAnime,
    now: services.now(),
    finishedBeforeMapping: source.finishedBeforeMapping,
    batches: source.batches,
    onProgress: (checked, counts) => progress.importing(checked, source.total, counts),
  });
  // One planning run for everything added: each anime's next episode is already stored, and
  // the sync's next pass fetches the rest of the week without a request per anime.
  if (run.counts.added > 0) services.planSoon(guildId);

  // The import may have run for minutes, long enough for an admin to pick a channel meanwhile.
  context.serverSettings.changed();
  const settings = await context.serverSettings.get();
  const stopReason = run.stoppedBy === undefined ? undefined : describeStop(run.stoppedBy, services, context);
  return {
    // Only what changed on the server: nothing of the list, not even where it was (promise P5).
    ...(run.counts.added > 0 && { audit: { action: 'import', details: { added: run.counts.added } } }),
    content: importSummary({
      platform,
      list: options.list,
      status: options.status,
      run,
      total: source.total,
      maxAnime,
      pausedByLimit: run.counts.overLimit > 0 ? await pausedByLimit(services.repositories, guildId) : 0,
      stopReason,
      hasChannel: Boolean(settings?.notifyChannelId),
    }),
  };
}

async function myAnimeListSource(
  services: CommandServices,
  mal: MalClient,
  options: ImportOptions,
  reading: (entries: number) => Promise<void>,
  context: InvocationContext,
): Promise<ListSource> {
  const list = await mal
    .animeIds({ userName: options.username, list: options.list === 'watching' ? 'watching' : 'plan_to_watch', skipFinished: true, onPage: reading })
    .catch((error: unknown) => {
      throw malProblem(error, options.username, services, context);
    });
  const batches = (async function* () {
    for (let start = 0; start < list.ids.length; start += MAX_PER_PAGE) {
      const group = list.ids.slice(start, start + MAX_PER_PAGE);
      const anime = await services.anilist.getAnimeByMalIds(group, aniListRequestFor(context, 'import'));
      const found = new Set(anime.map((item) => item.media.idMal));
      yield { entries: group.length, notFound: group.filter((id) => !found.has(id)).length, anime };
    }
  })();
  return { total: list.entries, finishedBeforeMapping: list.finished, batches };
}

async function aniListSource(services: CommandServices, options: ImportOptions, context: InvocationContext): Promise<ListSource> {
  const anime = await services.anilist
    .getUserAnimeList(options.username, ANILIST_LISTS[options.list], aniListRequestFor(context, 'import'))
    .catch((error: unknown) => {
      if (error instanceof AniListUserNotFoundError) {
        throw new UserError(`AniList has no public list for \`${shown(options.username)}\`. Check the user name; a private profile cannot be imported.`);
      }
      if (error instanceof AniListUnavailableError || error instanceof AniListOutageError) {
        throw new UserError("AniList isn't answering right now, so the list could not be read and nothing was changed. Please try again in a few minutes.");
      }
      throw error;
    });
  const batches = (async function* () {
    yield { entries: anime.length, notFound: 0, anime };
  })();
  return { total: anime.length, finishedBeforeMapping: 0, batches };
}

function malProblem(error: unknown, userName: string, services: CommandServices, context: InvocationContext): unknown {
  if (error instanceof MalUserNotFoundError)
    return new UserError(`MyAnimeList has no user called \`${shown(userName)}\`. Check the spelling of the user name.`);
  if (error instanceof MalListPrivateError) {
    return new UserError(
      `MyAnimeList did not let AniTrack read the list of \`${shown(userName)}\`: it is private. Its owner can make it public in their MyAnimeList list settings, then run the import again.`,
    );
  }
  if (error instanceof MalUnavailableError)
    return new UserError('MyAnimeList is not answering right now, so the list could not be read and nothing was changed. Please try again in a few minutes.');
  const reference = logWithReference(
    services,
    context,
    error,
    error instanceof MalClientIdError ? 'MyAnimeList rejected MAL_CLIENT_ID' : 'MyAnimeList list could not be read',
  );
  if (error instanceof MalClientIdError) {
    return new UserError(
      `MyAnimeList refused AniTrack's client id, so lists cannot be imported from there right now. The bot's operator needs to check the MyAnimeList setup; give them this reference: \`${reference}\`.`,
    );
  }
  return new UserError(
    `MyAnimeList answered in a way AniTrack did not expect, so nothing was imported. If it happens again, give the bot's operator this reference: \`${reference}\`.`,
  );
}

function describeStop(error: unknown, services: CommandServices, context: InvocationContext): string {
  if (error instanceof AniListUnavailableError || error instanceof AniListOutageError)
    return "AniList isn't answering right now (it may be limiting requests).";
  return `something went wrong on our side (reference \`${logWithReference(services, context, error, 'List import stopped')}\`).`;
}

// Logged without the user name: names are public, but logs are no place for them.
function logWithReference(services: CommandServices, context: InvocationContext, error: unknown, message: string): string {
  const reference = randomBytes(4).toString('hex');
  services.logger.error({ err: error, reference, command: 'anime import', guildId: context.guildId }, message);
  return reference;
}

// Progress replaces the "thinking…" answer at most once a second (Discord limits edits), after
// every 50 entries or every 2 seconds, whichever comes first.
function createProgress(context: InvocationContext, platform: string) {
  let lastAt = performance.now();
  let lastChecked = 0;
  const show = async (content: string) => {
    lastAt = performance.now();
    // A progress message that does not arrive must not stop the import.
    await context
      .progress({ content })
      .catch((error: unknown) => context.services.logger.warn({ err: error, guildId: context.guildId }, 'Could not show import progress'));
  };
  return {
    async reading(entries: number) {
      if (performance.now() - lastAt >= 1000) await show(`Reading the ${platform} list… ${count(entries)} entries so far.`);
    },
    async importing(checked: number, total: number, counts: ImportCounts) {
      const elapsed = performance.now() - lastAt;
      if (elapsed < 1000 || (checked - lastChecked < 50 && elapsed < 2000) || checked === lastChecked) return;
      lastChecked = checked;
      await show(`Importing… ${count(checked)} of ${count(total)} checked, ${count(counts.added)} added so far.`);
    },
  };
}

// A user name shown back inside `code`: nothing in it can close the code span.
function shown(userName: string): string {
  return userName.replace(/`/g, '');
}
