// What can go wrong when asking AniList, as types callers can tell apart: a command shows
// "no such anime" to the user, the scheduler backs off on an outage, and a bug in our query
// (400) is never retried because it would fail the same way every time.

export class AniListError extends Error {
  override name = 'AniListError';
}

/** A single-object lookup (`Media(id:)`) that AniList answered with 404 "Not Found.". */
export class AnimeNotFoundError extends AniListError {
  override name = 'AnimeNotFoundError';
  constructor(readonly lookup: { id?: number; idMal?: number }) {
    super('No such anime on AniList.');
  }
}

/**
 * A user's list lookup that AniList answered with 404: no user by that name, or one whose
 * profile is private (AniList does not tell the two apart). The name is left out of the message
 * because errors may be logged.
 */
export class AniListUserNotFoundError extends AniListError {
  override name = 'AniListUserNotFoundError';
  constructor() {
    super('No such AniList user, or their list is not public.');
  }
}

/** AniList switched its API off (HTTP 403 "temporarily disabled"); calls fail fast until `retryAt`. */
export class AniListOutageError extends AniListError {
  override name = 'AniListOutageError';
  constructor(readonly retryAt: number) {
    super(`The AniList API is temporarily disabled; not asking again before ${new Date(retryAt).toISOString()}.`);
  }
}

/** AniList refused the document (HTTP 400): a defect in our query, not a passing problem. */
export class AniListQueryError extends AniListError {
  override name = 'AniListQueryError';
  constructor(
    readonly status: number,
    readonly messages: readonly string[],
  ) {
    super(`AniList rejected the query (HTTP ${status}): ${messages.join('; ') || 'no message'}`);
  }
}

/** The answer came, but carried `errors[]` or did not have the shape we asked for. */
export class AniListResponseError extends AniListError {
  override name = 'AniListResponseError';
  constructor(
    readonly status: number,
    readonly messages: readonly string[],
  ) {
    super(`AniList answered with an error (HTTP ${status}): ${messages.join('; ') || 'no message'}`);
  }
}

/** Still failing (5xx, 429, network error or timeout) after every attempt. */
export class AniListUnavailableError extends AniListError {
  override name = 'AniListUnavailableError';
  constructor(
    readonly attempts: number,
    readonly lastProblem: string,
    options?: { cause?: unknown },
  ) {
    super(`AniList did not answer after ${attempts} attempt(s): ${lastProblem}`, options);
  }
}
