// Every AniList answer is parsed here before anything else touches it. Nullability follows
// AniList's schema: most fields and list items may be null. Enum-like fields (status, format,
// season) are read as strings so a value AniList adds later degrades to "unknown" in
// normalize.ts instead of failing the whole response.
import { z } from 'zod';

export const graphQLErrorSchema = z.object({
  message: z.string(),
  status: z.number().int().optional(),
  locations: z.array(z.object({ line: z.number().int(), column: z.number().int() })).optional(),
});

export type GraphQLErrorItem = z.infer<typeof graphQLErrorSchema>;

// `data` is left unparsed here: next to `errors` it may be null or partial (a 404 answers
// `{"data":{"Media":null}}`), so it is only held to its real shape once `errors` is absent.
export const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphQLErrorSchema).optional(),
});

const nullableString = z.string().nullable();
const nullableInt = z.number().int().nullable();

export const airingScheduleSchema = z.object({
  id: z.number().int(),
  airingAt: z.number().int(),
  episode: z.number().int(),
  mediaId: z.number().int(),
});

export const aniListMediaSchema = z.object({
  id: z.number().int(),
  idMal: nullableInt,
  title: z.object({ romaji: nullableString, english: nullableString, native: nullableString }).nullable(),
  format: nullableString,
  status: nullableString,
  episodes: nullableInt,
  duration: nullableInt,
  season: nullableString,
  seasonYear: nullableInt,
  description: nullableString,
  coverImage: z.object({ extraLarge: nullableString, large: nullableString, color: nullableString }).nullable(),
  bannerImage: nullableString,
  siteUrl: nullableString,
  isAdult: z.boolean().nullable(),
  genres: z.array(nullableString).nullable(),
  externalLinks: z.array(z.object({ site: z.string(), url: nullableString, type: nullableString }).nullable()).nullable(),
  nextAiringEpisode: airingScheduleSchema.omit({ mediaId: true }).nullable(),
});

export type AniListMedia = z.infer<typeof aniListMediaSchema>;

const pageInfoSchema = z.object({ hasNextPage: z.boolean().nullable() });

export const searchAnimeDataSchema = z.object({
  Page: z.object({ media: z.array(aniListMediaSchema.nullable()).nullable() }),
});

export const animeByIdDataSchema = z.object({ Media: aniListMediaSchema });

export const animePageDataSchema = z.object({
  Page: z.object({ pageInfo: pageInfoSchema, media: z.array(aniListMediaSchema.nullable()).nullable() }),
});

export const airingSchedulesDataSchema = z.object({
  Page: z.object({
    pageInfo: pageInfoSchema,
    airingSchedules: z.array(airingScheduleSchema.extend({ media: aniListMediaSchema.nullable() }).nullable()).nullable(),
  }),
});

export const userAnimeListDataSchema = z.object({
  MediaListCollection: z
    .object({
      lists: z.array(z.object({ entries: z.array(z.object({ media: aniListMediaSchema.nullable() }).nullable()).nullable() }).nullable()).nullable(),
    })
    .nullable(),
});

export const catalogueMediaSchema = z.object({
  id: z.number().int(),
  title: aniListMediaSchema.shape.title,
  synonyms: z.array(nullableString).nullable(),
  format: nullableString,
  season: nullableString,
  seasonYear: nullableInt,
  status: nullableString,
  isAdult: z.boolean().nullable(),
  popularity: nullableInt,
  coverImage: z.object({ large: nullableString }).nullable(),
  nextAiringEpisode: z.object({ airingAt: z.number().int(), episode: z.number().int() }).nullable(),
});

export type AniListCatalogueMedia = z.infer<typeof catalogueMediaSchema>;

export const cataloguePageDataSchema = z.object({
  Page: z.object({ pageInfo: pageInfoSchema, media: z.array(catalogueMediaSchema.nullable()).nullable() }),
});

/** Drops the null items a GraphQL list may hold. */
export function present<T>(items: readonly (T | null)[] | null): T[] {
  return (items ?? []).filter((item): item is T => item !== null);
}
