// How the fake answers queries: filters, sorting and paging over the fixture data, following
// AniList's documented behaviour (perPage clamped to 50, single-object queries that find
// nothing fail with "Not Found.", times in Unix seconds, strict _greater/_lesser).
import { getArgumentValues, Kind, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { FakeAiring, FakeListStatus, FakeMedia, FakeUserLists } from './fixtures.ts';

export interface FakeData {
  media: readonly FakeMedia[];
  airings: readonly FakeAiring[];
  userLists?: FakeUserLists;
  /** Unix seconds the fake treats as now. */
  now: number;
}

/** Thrown by single-object fields; the server turns it into AniList's HTTP 404 answer. */
export class NotFoundError extends Error {
  constructor() {
    super('Not Found.');
  }
}

type Args = Record<string, unknown>;

const MAX_PER_PAGE = 50;

// The order and names AniList gives a user's status lists.
const LIST_GROUPS: readonly (readonly [FakeListStatus, string])[] = [
  ['CURRENT', 'Watching'],
  ['REPEATING', 'Rewatching'],
  ['COMPLETED', 'Completed'],
  ['PAUSED', 'Paused'],
  ['DROPPED', 'Dropped'],
  ['PLANNING', 'Planning'],
];

export function createRootValue(schema: GraphQLSchema, data: FakeData): Record<string, unknown> {
  const mediaById = new Map(data.media.map((media) => [media.id, media]));

  const mediaObject = (media: FakeMedia) => ({
    ...media,
    nextAiringEpisode: () => {
      const next = data.airings.filter((airing) => airing.mediaId === media.id && airing.airingAt > data.now).sort((a, b) => a.airingAt - b.airingAt)[0];
      return next ? airingObject(next) : null;
    },
  });

  const airingObject = (airing: FakeAiring) => ({
    ...airing,
    timeUntilAiring: airing.airingAt - data.now,
    media: () => {
      const media = mediaById.get(airing.mediaId);
      return media ? mediaObject(media) : null;
    },
  });

  const listFields = {
    media: (args: Args) => findMedia(data.media, args).map(mediaObject),
    airingSchedules: (args: Args) => findAirings(data.airings, args, data.now).map(airingObject),
  };

  return {
    Page: (pageArgs: Args, _context: unknown, info: GraphQLResolveInfo) => {
      const perPage = Math.min(Math.max(numberArg(pageArgs.perPage) ?? MAX_PER_PAGE, 1), MAX_PER_PAGE);
      const currentPage = Math.max(numberArg(pageArgs.page) ?? 1, 1);
      const slice = <T>(items: T[]) => items.slice((currentPage - 1) * perPage, currentPage * perPage);
      // pageInfo is resolved before (or without) the list beside it, so the list it describes
      // is found by reading the selection: AniList allows one list field per Page.
      const listed = selectedListField(schema, info);
      const total = listed ? listFields[listed.name](listed.args).length : 0;
      const lastPage = Math.max(1, Math.ceil(total / perPage));
      return {
        pageInfo: { total, perPage, currentPage, lastPage, hasNextPage: currentPage < lastPage },
        media: (args: Args) => slice(listFields.media(args)),
        airingSchedules: (args: Args) => slice(listFields.airingSchedules(args)),
      };
    },
    Media: (args: Args) => {
      const [media] = findMedia(data.media, args);
      if (!media) throw new NotFoundError();
      return mediaObject(media);
    },
    AiringSchedule: (args: Args) => {
      const [airing] = findAirings(data.airings, args, data.now);
      if (!airing) throw new NotFoundError();
      return airingObject(airing);
    },
    // Users are found by name, ignoring case as AniList does; an unknown (or private) user is a 404.
    MediaListCollection: (args: Args) => {
      const wanted = stringArg(args.userName)?.toLowerCase();
      const users = Object.entries(data.userLists ?? {});
      const userIndex = users.findIndex(([name]) => name.toLowerCase() === wanted);
      const lists = users[userIndex]?.[1];
      if (!lists) throw new NotFoundError();
      const userId = userIndex + 1;
      const statusWanted = (status: FakeListStatus) =>
        is(args.status, status) &&
        within(args.status_in, status) &&
        !within(args.status_not_in, status, false) &&
        (args.status_not == null || args.status_not !== status);
      const groups = LIST_GROUPS.filter(([status]) => (lists[status]?.length ?? 0) > 0 && statusWanted(status)).map(([status, name]) => ({
        name,
        status,
        isCustomList: false,
        isSplitCompletedList: false,
        entries: (lists[status] ?? []).flatMap((mediaId) => {
          const media = mediaById.get(mediaId);
          if (!media || !is(args.type, media.type)) return [];
          return [{ id: userId * 1_000_000 + mediaId, userId, mediaId, status, progress: 0, media: mediaObject(media) }];
        }),
      }));
      return { lists: groups, hasNextChunk: false };
    },
  };
}

function selectedListField(schema: GraphQLSchema, info: GraphQLResolveInfo): { name: 'media' | 'airingSchedules'; args: Args } | undefined {
  const pageType = schema.getType('Page');
  if (!pageType || !('getFields' in pageType)) return undefined;
  for (const selection of info.fieldNodes[0]?.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    if (name !== 'media' && name !== 'airingSchedules') continue;
    const field = pageType.getFields()[name];
    if (!field || !('args' in field)) return undefined;
    return { name, args: getArgumentValues(field, selection, info.variableValues) };
  }
  return undefined;
}

function findMedia(all: readonly FakeMedia[], args: Args): FakeMedia[] {
  const search = stringArg(args.search)?.toLowerCase();
  const matches = all.filter(
    (media) =>
      is(args.id, media.id) &&
      is(args.idMal, media.idMal) &&
      is(args.type, media.type) &&
      is(args.format, media.format) &&
      is(args.status, media.status) &&
      is(args.isAdult, media.isAdult) &&
      within(args.id_in, media.id) &&
      within(args.idMal_in, media.idMal) &&
      within(args.format_in, media.format) &&
      within(args.status_in, media.status) &&
      !within(args.status_not_in, media.status, false) &&
      (search === undefined || searchScore(media, search) > 0),
  );
  const sort = listArg(args.sort)[0] ?? (search !== undefined ? 'SEARCH_MATCH' : 'ID');
  const key = (media: FakeMedia): number | string => {
    switch (sort.replace(/_DESC$/, '')) {
      case 'SEARCH_MATCH':
        return -(searchScore(media, search ?? '') * 1e9 + media.popularity);
      case 'POPULARITY':
        return media.popularity;
      case 'SCORE':
        return media.averageScore ?? 0;
      case 'EPISODES':
        return media.episodes ?? 0;
      case 'TITLE_ROMAJI':
        return media.title.romaji ?? '';
      default:
        return media.id;
    }
  };
  const direction = sort.endsWith('_DESC') ? -1 : 1;
  return matches.sort((a, b) => direction * compare(key(a), key(b)) || a.id - b.id);
}

// Exact title first, then titles that start with the text, then any title containing it.
function searchScore(media: FakeMedia, search: string): number {
  const titles = [media.title.romaji, media.title.english, media.title.native, ...media.synonyms]
    .filter((title): title is string => title !== null)
    .map((title) => title.toLowerCase());
  if (titles.some((title) => title === search)) return 3;
  if (titles.some((title) => title.startsWith(search))) return 2;
  return titles.some((title) => title.includes(search)) ? 1 : 0;
}

function findAirings(all: readonly FakeAiring[], args: Args, now: number): FakeAiring[] {
  const notYetAired = args.notYetAired;
  const greater = (limit: unknown, value: number) => numberArg(limit) === undefined || value > (limit as number);
  const lesser = (limit: unknown, value: number) => numberArg(limit) === undefined || value < (limit as number);
  const matches = all.filter(
    (airing) =>
      is(args.id, airing.id) &&
      is(args.mediaId, airing.mediaId) &&
      is(args.episode, airing.episode) &&
      is(args.airingAt, airing.airingAt) &&
      within(args.id_in, airing.id) &&
      within(args.mediaId_in, airing.mediaId) &&
      !within(args.mediaId_not_in, airing.mediaId, false) &&
      greater(args.episode_greater, airing.episode) &&
      lesser(args.episode_lesser, airing.episode) &&
      greater(args.airingAt_greater, airing.airingAt) &&
      lesser(args.airingAt_lesser, airing.airingAt) &&
      (typeof notYetAired !== 'boolean' || notYetAired === airing.airingAt > now),
  );
  const sort = listArg(args.sort)[0] ?? 'ID';
  const key = (airing: FakeAiring): number => {
    switch (sort.replace(/_DESC$/, '')) {
      case 'TIME':
        return airing.airingAt;
      case 'MEDIA_ID':
        return airing.mediaId;
      case 'EPISODE':
        return airing.episode;
      default:
        return airing.id;
    }
  };
  const direction = sort.endsWith('_DESC') ? -1 : 1;
  return matches.sort((a, b) => direction * (key(a) - key(b)) || a.id - b.id);
}

// AniList ignores filters that are absent or null.
function is(filter: unknown, value: unknown): boolean {
  return filter === undefined || filter === null || filter === value;
}

function within(filter: unknown, value: unknown, whenAbsent = true): boolean {
  if (!Array.isArray(filter)) return whenAbsent;
  return filter.includes(value);
}

function numberArg(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function listArg(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
