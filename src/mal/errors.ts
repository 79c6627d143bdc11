// What can go wrong when reading a MyAnimeList list, as types a command can tell apart. No
// message here names the list's owner: these errors may be logged, and usernames stay out of logs.

export class MalError extends Error {
  override name = 'MalError';
}

/** HTTP 404: MyAnimeList has no user by that name. */
export class MalUserNotFoundError extends MalError {
  override name = 'MalUserNotFoundError';
  constructor() {
    super('MyAnimeList has no such user.');
  }
}

/** HTTP 403: the list exists but is not public (MyAnimeList also answers 403 when it suspects abuse). */
export class MalListPrivateError extends MalError {
  override name = 'MalListPrivateError';
  constructor() {
    super('MyAnimeList refused to show the list; it is probably private.');
  }
}

/** HTTP 401: MyAnimeList does not accept our client id. The operator's problem, not the user's. */
export class MalClientIdError extends MalError {
  override name = 'MalClientIdError';
  constructor(readonly detail: string) {
    super(`MyAnimeList rejected the MAL_CLIENT_ID (HTTP 401: ${detail || 'no detail'}).`);
  }
}

/** Still failing (429, 5xx, network error or timeout) after every attempt. */
export class MalUnavailableError extends MalError {
  override name = 'MalUnavailableError';
  constructor(
    readonly attempts: number,
    readonly lastProblem: string,
    options?: { cause?: unknown },
  ) {
    super(`MyAnimeList did not answer after ${attempts} attempt(s): ${lastProblem}`, options);
  }
}

/** An answer we cannot use: not the documented shape, a 400, or paging that leads elsewhere. */
export class MalResponseError extends MalError {
  override name = 'MalResponseError';
}
