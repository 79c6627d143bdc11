// The GraphQL documents AniTrack sends to AniList. Each is a named operation so logs and the
// local stand-in can tell them apart, and each is checked against AniList's published schema
// in test/anilist/queries.schema.test.ts.

export interface GraphQLDocument {
  operationName: string;
  query: string;
}

/** Page.perPage is capped at 50 by AniList (`perPage` > 50 is clamped). */
export const MAX_PER_PAGE = 50;

/** Autocomplete shows at most 25 choices, the Discord limit. */
export const SEARCH_PER_PAGE = 25;

// One shape for every anime we fetch, so a search result can be stored as readily as a lookup.
// `nextAiringEpisode` lets an anime added by a user be scheduled without waiting for the sync.
const ANIME_FIELDS = /* GraphQL */ `
  fragment AnimeFields on Media {
    id
    idMal
    title {
      romaji
      english
      native
    }
    format
    status
    episodes
    duration
    season
    seasonYear
    description(asHtml: false)
    coverImage {
      extraLarge
      large
      color
    }
    bannerImage
    siteUrl
    isAdult
    genres
    externalLinks {
      site
      url
      type
    }
    nextAiringEpisode {
      id
      airingAt
      episode
    }
  }
`;

// isAdult is fetched, not filtered on: whether adult titles are offered is the caller's rule.
export const SEARCH_ANIME: GraphQLDocument = {
  operationName: 'SearchAnime',
  query: /* GraphQL */ `query SearchAnime($search: String!) {
  Page(perPage: ${SEARCH_PER_PAGE}) {
    media(search: $search, type: ANIME, sort: SEARCH_MATCH) { ...AnimeFields }
  }
}
${ANIME_FIELDS}`,
};

// `type: ANIME` everywhere: ids (and MAL ids even more) collide between anime and manga.
export const ANIME_BY_ID: GraphQLDocument = {
  operationName: 'AnimeById',
  query: /* GraphQL */ `
    query AnimeById($id: Int!) {
      Media(id: $id, type: ANIME) {
        ...AnimeFields
      }
    }
    ${ANIME_FIELDS}
  `,
};

export const ANIME_BY_IDS: GraphQLDocument = {
  operationName: 'AnimeByIds',
  query: /* GraphQL */ `query AnimeByIds($ids: [Int]!, $page: Int!) {
  Page(page: $page, perPage: ${MAX_PER_PAGE}) {
    pageInfo { hasNextPage }
    media(id_in: $ids, type: ANIME) { ...AnimeFields }
  }
}
${ANIME_FIELDS}`,
};

export const ANIME_BY_MAL_IDS: GraphQLDocument = {
  operationName: 'AnimeByMalIds',
  query: /* GraphQL */ `query AnimeByMalIds($ids: [Int]!, $page: Int!) {
  Page(page: $page, perPage: ${MAX_PER_PAGE}) {
    pageInfo { hasNextPage }
    media(idMal_in: $ids, type: ANIME) { ...AnimeFields }
  }
}
${ANIME_FIELDS}`,
};

// AniList documents `total` and `lastPage` as inaccurate, so paging follows `hasNextPage` only.
// `_greater` / `_lesser` are strict comparisons on Unix seconds. Each airing carries its anime's
// details: the sync then needs no second request for anime airing in the window, which keeps a
// pass at about one request per 50 airings however many anime are tracked.
export const AIRING_SCHEDULES: GraphQLDocument = {
  operationName: 'AiringSchedules',
  query: /* GraphQL */ `query AiringSchedules($ids: [Int]!, $from: Int!, $to: Int!, $page: Int!) {
  Page(page: $page, perPage: ${MAX_PER_PAGE}) {
    pageInfo { hasNextPage }
    airingSchedules(mediaId_in: $ids, airingAt_greater: $from, airingAt_lesser: $to, sort: TIME) {
      id airingAt episode mediaId
      media { ...AnimeFields }
    }
  }
}
${ANIME_FIELDS}`,
};

// A user's list for /anime import, grouped by list status; only the anime are asked for (no
// scores, progress or notes). Without `chunk`/`perChunk` AniList answers the whole collection.
// Custom lists repeat entries of the status lists, so callers deduplicate.
export const USER_ANIME_LIST: GraphQLDocument = {
  operationName: 'UserAnimeList',
  query: /* GraphQL */ `
    query UserAnimeList($userName: String!, $statuses: [MediaListStatus]!) {
      MediaListCollection(userName: $userName, type: ANIME, status_in: $statuses) {
        lists {
          entries {
            media {
              ...AnimeFields
            }
          }
        }
      }
    }
    ${ANIME_FIELDS}
  `,
};

// Every anime a member could add: airing now or announced. Sorted by id, which never changes, so
// paging is stable while popularity moves under it; only what suggestions show is asked for.
export const CATALOGUE_PAGE: GraphQLDocument = {
  operationName: 'CataloguePage',
  query: /* GraphQL */ `query CataloguePage($page: Int!) {
  Page(page: $page, perPage: ${MAX_PER_PAGE}) {
    pageInfo { hasNextPage }
    media(type: ANIME, status_in: [RELEASING, NOT_YET_RELEASED], sort: ID) {
      id
      title { romaji english native }
      synonyms
      format
      season
      seasonYear
      status
      isAdult
      popularity
      coverImage { large }
      nextAiringEpisode { airingAt episode }
    }
  }
}`,
};

export const ALL_DOCUMENTS: readonly GraphQLDocument[] = [
  SEARCH_ANIME,
  ANIME_BY_ID,
  ANIME_BY_IDS,
  ANIME_BY_MAL_IDS,
  AIRING_SCHEDULES,
  USER_ANIME_LIST,
  CATALOGUE_PAGE,
];
