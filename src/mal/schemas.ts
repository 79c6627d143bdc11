// MyAnimeList's answers, parsed before anything touches them. Only what the import uses is kept:
// zod drops every other key (list_status, scores, comments, dates), so none of it can travel
// further than this parse.
import { z } from 'zod';

/** The anime's own airing status (not the list owner's status for it). */
export const MAL_AIRING_STATUSES = ['finished_airing', 'currently_airing', 'not_yet_aired'] as const;

export const animeListPageSchema = z.object({
  data: z.array(
    z.object({
      node: z.object({
        id: z.number().int().positive(),
        // Read as a string: a status MyAnimeList adds later must not fail the whole list.
        status: z.string().optional(),
      }),
    }),
  ),
  // `{}` on the last page; `next` is a full URL that keeps the query.
  paging: z.object({ next: z.string().optional() }).optional(),
});

export type AnimeListPage = z.infer<typeof animeListPageSchema>;

export const errorBodySchema = z.object({ error: z.string().optional(), message: z.string().optional() });
