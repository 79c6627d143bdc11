// Two kinds of failure. A user's mistake (or a refusal) is shown to them in plain words. Anything
// else is logged with a short reference the user sees, so a report can be matched to the log.
import { randomBytes } from 'node:crypto';
import { AniListOutageError, AniListUnavailableError, AnimeNotFoundError } from '../anilist/errors.ts';
import { AbandonedRequestError } from '../anilist/lanes.ts';
import { UserError } from '../commands/reply.ts';
import type { Logger } from '../logger.ts';
import { StoreConflictError } from '../store/errors.ts';

export function userFacingMessage(error: unknown, logger: Logger, context: Record<string, unknown>): string {
  if (error instanceof UserError || error instanceof StoreConflictError) return error.message;
  if (error instanceof AnimeNotFoundError) return 'AniList has no anime like that. Pick one from the suggestions, or check the id.';
  // The request waited in AniList's queue until Discord no longer took an answer: nobody reads
  // this text, and it is no fault to log as one.
  if (error instanceof AbandonedRequestError) {
    logger.info({ ...context, reason: error.message }, 'Gave up an interaction that waited too long for AniList');
    return 'AniList is very busy right now, so this took too long. Please try again in a few minutes.';
  }
  if (error instanceof AniListOutageError || error instanceof AniListUnavailableError) {
    return "AniList isn't answering right now, so I can't look that up. Please try again in a few minutes.";
  }
  const reference = randomBytes(4).toString('hex');
  logger.error({ err: error, reference, ...context }, 'Interaction failed');
  return `Something went wrong on our side. If it happens again, give the bot's operator this reference: \`${reference}\`.`;
}
