// The part of AniList's schema the fake serves. Every type, field, argument and enum value here
// carries AniList's own name and type (test/anilist/fake-anilist.test.ts checks it against the
// full schema file), so a query the fake accepts is one AniList would accept too.
export const FAKE_ANILIST_SDL = /* GraphQL */ `
  type Query {
    Page(page: Int, perPage: Int): Page
    Media(
      id: Int
      idMal: Int
      type: MediaType
      format: MediaFormat
      status: MediaStatus
      isAdult: Boolean
      search: String
      id_in: [Int]
      idMal_in: [Int]
      format_in: [MediaFormat]
      status_in: [MediaStatus]
      status_not_in: [MediaStatus]
      sort: [MediaSort]
    ): Media
    AiringSchedule(id: Int, mediaId: Int, episode: Int, airingAt: Int, notYetAired: Boolean, sort: [AiringSort]): AiringSchedule
    MediaListCollection(
      userId: Int
      userName: String
      type: MediaType
      status: MediaListStatus
      status_in: [MediaListStatus]
      status_not_in: [MediaListStatus]
      status_not: MediaListStatus
    ): MediaListCollection
  }

  type MediaListCollection {
    lists: [MediaListGroup]
    hasNextChunk: Boolean
  }

  type MediaListGroup {
    entries: [MediaList]
    name: String
    isCustomList: Boolean
    isSplitCompletedList: Boolean
    status: MediaListStatus
  }

  type MediaList {
    id: Int!
    userId: Int!
    mediaId: Int!
    status: MediaListStatus
    progress: Int
    media: Media
  }

  type Page {
    pageInfo: PageInfo
    media(
      id: Int
      idMal: Int
      type: MediaType
      format: MediaFormat
      status: MediaStatus
      isAdult: Boolean
      search: String
      id_in: [Int]
      idMal_in: [Int]
      format_in: [MediaFormat]
      status_in: [MediaStatus]
      status_not_in: [MediaStatus]
      sort: [MediaSort]
    ): [Media]
    airingSchedules(
      id: Int
      mediaId: Int
      episode: Int
      airingAt: Int
      notYetAired: Boolean
      id_in: [Int]
      mediaId_in: [Int]
      mediaId_not_in: [Int]
      episode_greater: Int
      episode_lesser: Int
      airingAt_greater: Int
      airingAt_lesser: Int
      sort: [AiringSort]
    ): [AiringSchedule]
  }

  type PageInfo {
    total: Int
    perPage: Int
    currentPage: Int
    lastPage: Int
    hasNextPage: Boolean
  }

  scalar CountryCode

  type Media {
    id: Int!
    idMal: Int
    title: MediaTitle
    type: MediaType
    format: MediaFormat
    status(version: Int): MediaStatus
    description(asHtml: Boolean): String
    season: MediaSeason
    seasonYear: Int
    episodes: Int
    duration: Int
    countryOfOrigin: CountryCode
    coverImage: MediaCoverImage
    bannerImage: String
    genres: [String]
    synonyms: [String]
    averageScore: Int
    popularity: Int
    isAdult: Boolean
    siteUrl: String
    externalLinks: [MediaExternalLink]
    nextAiringEpisode: AiringSchedule
  }

  type MediaTitle {
    romaji(stylised: Boolean): String
    english(stylised: Boolean): String
    native(stylised: Boolean): String
    userPreferred: String
  }

  type MediaCoverImage {
    extraLarge: String
    large: String
    medium: String
    color: String
  }

  type MediaExternalLink {
    id: Int!
    url: String
    site: String!
    siteId: Int
    type: ExternalLinkType
    language: String
    color: String
    icon: String
    notes: String
    isDisabled: Boolean
  }

  type AiringSchedule {
    id: Int!
    airingAt: Int!
    timeUntilAiring: Int!
    episode: Int!
    mediaId: Int!
    media: Media
  }

  enum MediaType {
    ANIME
    MANGA
  }
  enum MediaFormat {
    TV
    TV_SHORT
    MOVIE
    SPECIAL
    OVA
    ONA
    MUSIC
    MANGA
    NOVEL
    ONE_SHOT
  }
  enum MediaStatus {
    FINISHED
    RELEASING
    NOT_YET_RELEASED
    CANCELLED
    HIATUS
  }
  enum MediaListStatus {
    CURRENT
    PLANNING
    COMPLETED
    DROPPED
    PAUSED
    REPEATING
  }
  enum MediaSeason {
    WINTER
    SPRING
    SUMMER
    FALL
  }
  enum ExternalLinkType {
    INFO
    STREAMING
    SOCIAL
  }
  enum MediaSort {
    ID
    ID_DESC
    TITLE_ROMAJI
    TITLE_ROMAJI_DESC
    SCORE
    SCORE_DESC
    POPULARITY
    POPULARITY_DESC
    EPISODES
    EPISODES_DESC
    SEARCH_MATCH
  }
  enum AiringSort {
    ID
    ID_DESC
    MEDIA_ID
    MEDIA_ID_DESC
    TIME
    TIME_DESC
    EPISODE
    EPISODE_DESC
  }
`;
