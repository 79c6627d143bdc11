// Reads a public MyAnimeList anime list through API v2 for /anime import, and hands back only
// MyAnimeList anime ids: nothing about the list's owner (scores, dates, comments, list status)
// leaves this module, and nothing from MyAnimeList is stored (promise P5 in docs/promises.md).
// Requests are spaced about a second apart for the whole process, since MyAnimeList publishes
// no limit and answers bursts with 403. Usernames appear in request URLs only, never in logs.
import type { Logger } from '../logger.ts';
import { backoffDelay } from '../domain/backoff.ts';
import { withRetries, type TryOutcome } from '../domain/with-retries.ts';
import { MalClientIdError, MalListPrivateError, MalResponseError, MalUnavailableError, MalUserNotFoundError } from './errors.ts';
import { animeListPageSchema, errorBodySchema, type AnimeListPage } from './schemas.ts';

export type MalListName = 'watching' | 'plan_to_watch';

export interface MalClientOptions {
  /** The MAL_API_URL setting, e.g. https://api.myanimelist.net/v2. */
  apiUrl: string;
  /** The MAL_CLIENT_ID setting: enough to read public lists. */
  clientId: string;
  logger?: Logger | undefined;
  /** Per request, body included. Default 10 s. */
  timeoutMs?: number;
  /** Least time between two requests of this process. Default 1 s. */
  minIntervalMs?: number;
  /** Default: 4 tries, back-off from 1 s up to 15 s. */
  retry?: Partial<{ attempts: number; baseDelayMs: number; maxDelayMs: number }>;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface MalListRequest {
  userName: string;
  list: MalListName;
  /** Leave out anime MyAnimeList lists as finished airing: they can never be tracked. */
  skipFinished: boolean;
  /** After each page, with the number of entries read so far. */
  onPage?: (entriesRead: number) => Promise<void> | void;
}

export interface MalAnimeIds {
  /** MyAnimeList anime ids in list order, each once. */
  ids: number[];
  /** Entries left out by `skipFinished`. */
  finished: number;
  /** Entries on the list. */
  entries: number;
}

export interface MalClient {
  /** @throws MalUserNotFoundError, MalListPrivateError, MalClientIdError, MalUnavailableError, MalResponseError */
  animeIds(request: MalListRequest): Promise<MalAnimeIds>;
}

// The most MyAnimeList gives per page.
const PAGE_LIMIT = 1000;
// 50,000 entries: more than any real list; a server that keeps saying "next" must not keep us paging.
const MAX_PAGES = 50;
// MyAnimeList user names are letters, digits, "_" and "-". Anything else cannot be a user
// (and "@me" would mean "whoever the token belongs to").
const USER_NAME = /^[A-Za-z0-9_-]{1,50}$/;
const MAX_RETRY_AFTER_MS = 30_000;

// A problem worth trying again; MyAnimeList may say how long to wait. Anything else is thrown.
interface Problem {
  problem: string;
  retryAfterMs?: number;
  cause?: unknown;
}

export function createMalClient(options: MalClientOptions): MalClient {
  const base = new URL(options.apiUrl.replace(/\/+$/, ''));
  const logger = options.logger;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 15_000, ...options.retry };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 1000;

  // One request at a time for the whole process, each at least minIntervalMs after the last.
  let queue: Promise<void> = Promise.resolve();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  const takeTurn = (): Promise<void> => {
    const turn = queue.then(async () => {
      const wait = lastSentAt + minIntervalMs - now();
      if (wait > 0) await sleep(wait);
      lastSentAt = now();
    });
    queue = turn;
    return turn;
  };

  async function attempt(url: string, page: number): Promise<TryOutcome<AnimeListPage, Problem>> {
    const signal = AbortSignal.timeout(timeoutMs);
    const started = now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { 'X-MAL-CLIENT-ID': options.clientId, Accept: 'application/json' }, signal });
      text = await response.text();
    } catch (error) {
      const problem = signal.aborted ? `no answer within ${timeoutMs} ms` : 'network error';
      logger?.debug({ page, problem }, 'MyAnimeList request failed');
      return { done: false, problem: { problem, cause: error } };
    }
    const { status } = response;
    logger?.debug({ page, status, ms: now() - started }, 'MyAnimeList answered');

    if (status === 429) return { done: false, problem: { problem: 'rate limited (HTTP 429)', ...retryAfter(response.headers) } };
    if (status >= 500) return { done: false, problem: { problem: `HTTP ${status}` } };
    if (status === 401) throw new MalClientIdError(errorCode(text));
    if (status === 403) throw new MalListPrivateError();
    if (status === 404) throw new MalUserNotFoundError();
    if (status !== 200) throw new MalResponseError(`MyAnimeList answered HTTP ${status} (${errorCode(text) || 'no error code'})`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MalResponseError('MyAnimeList answered with a body that is not JSON');
    }
    const parsed = animeListPageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MalResponseError(`unexpected MyAnimeList list page: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape'}`);
    }
    return { done: true, value: parsed.data };
  }

  function getPage(url: string, page: number): Promise<AnimeListPage> {
    return withRetries(
      async () => {
        await takeTurn();
        return attempt(url, page);
      },
      {
        attempts: retry.attempts,
        delayMs: (tries, { retryAfterMs }) => Math.max(backoffDelay(tries, retry, random), retryAfterMs ?? 0),
        sleep,
        giveUp: (tries, { problem, cause }) => new MalUnavailableError(tries, problem, { cause }),
      },
    );
  }

  // paging.next is a full URL from the answer. It is followed only to the same list on the
  // configured host: a URL from a response must not send our client id anywhere else.
  function followable(next: string, first: URL): string {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new MalResponseError('MyAnimeList paging.next is not a URL');
    }
    if (url.origin !== first.origin || url.pathname.toLowerCase() !== first.pathname.toLowerCase()) {
      throw new MalResponseError(`MyAnimeList paging.next leads to ${url.origin}, not to the list on ${first.origin}; not following it`);
    }
    return url.href;
  }

  return {
    async animeIds({ userName, list, skipFinished, onPage }) {
      if (!USER_NAME.test(userName)) throw new MalUserNotFoundError();
      const first = new URL(`${base.href.replace(/\/+$/, '')}/users/${encodeURIComponent(userName)}/animelist`);
      first.search = new URLSearchParams({ status: list, limit: String(PAGE_LIMIT), fields: 'status' }).toString();

      const ids = new Set<number>();
      const seenUrls = new Set<string>();
      let finished = 0;
      let entries = 0;
      let url: string | undefined = first.href;
      for (let page = 1; url !== undefined; page++) {
        if (page > MAX_PAGES || seenUrls.has(url)) throw new MalResponseError(`MyAnimeList kept offering more pages after ${page - 1}`);
        seenUrls.add(url);
        const answer = await getPage(url, page);
        for (const { node } of answer.data) {
          entries++;
          if (skipFinished && node.status === 'finished_airing') finished++;
          else ids.add(node.id);
        }
        await onPage?.(entries);
        const next = answer.paging?.next;
        url = next && answer.data.length > 0 ? followable(next, first) : undefined;
      }
      return { ids: [...ids], finished, entries };
    },
  };
}

function retryAfter(headers: Headers): { retryAfterMs?: number } {
  const value = headers.get('retry-after')?.trim();
  if (!value || !/^\d+$/.test(value)) return {};
  return { retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, Number(value) * 1000) };
}

function errorCode(text: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data.error ?? '') : '';
  } catch {
    return '';
  }
}
