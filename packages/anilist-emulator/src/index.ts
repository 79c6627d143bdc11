// A local AniList (https://graphql.anilist.co) for tests: a real HTTP server on 127.0.0.1 that
// executes real GraphQL over fixture data, answers errors with AniList's status codes and
// bodies, and sends its rate-limit headers, following AniList's published API documentation.
// Given AniList's full schema (useFullAniListSchema; the tests do), every query is also
// validated against it, so a query that passes here is one AniList would accept.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerQuery, isRecord, operationNameOf } from './answer-query.ts';

export { useFullAniListSchema } from './answer-query.ts';
export { FAKE_ANILIST_SDL } from './sdl.ts';
import type { FakeAiring, FakeMedia, FakeUserLists } from './fixtures.ts';
import { createFakeRateLimiter, type RateLimitSettings } from './rate-limit.ts';

export { fakeMedia, weeklyAirings, type FakeAiring, type FakeListStatus, type FakeMedia, type FakeUserLists } from './fixtures.ts';
export type { RateLimitSettings } from './rate-limit.ts';

export const DISABLED_MESSAGE = 'The AniList API has been temporarily disabled due to severe stability issues.';

export interface RecordedRequest {
  operationName: string | null;
  variables: Record<string, unknown>;
  contentType: string | undefined;
  accept: string | undefined;
  /** The HTTP status answered; null while unanswered (see hangNext). */
  status: number | null;
}

export interface FakeAniListCounts {
  /** Every request that reached the fake. */
  received: number;
  /** Answered with HTTP 200. */
  ok: number;
  tooManyRequests: number;
}

export interface FakeAniListClock {
  /** Unix seconds the fake treats as now (nextAiringEpisode, timeUntilAiring, notYetAired). Follows real time until set. */
  now(): number;
  set(seconds: number): void;
  advance(seconds: number): void;
}

export interface FakeAniList {
  /** Listens on 127.0.0.1 on a free port; resolves with the endpoint URL. */
  start(): Promise<string>;
  close(): Promise<void>;
  setMedia(media: readonly FakeMedia[]): void;
  setAirings(airings: readonly FakeAiring[]): void;
  /** Users' lists, served by MediaListCollection: `{ someone: { CURRENT: [ids], PLANNING: [ids] } }`. */
  setUserLists(lists: FakeUserLists): void;
  readonly clock: FakeAniListClock;
  /** Default: 90 a minute, as documented. */
  setRateLimit(settings: RateLimitSettings): void;
  failNext(count: number, status?: 500 | 502): void;
  /**
   * After `after` more requests (default 0), the next `count` are refused with AniList's 429 as if
   * the limit had been reached, with `Retry-After: retryAfterSeconds` (default 1).
   */
  rateLimitNext(count: number, options?: { after?: number; retryAfterSeconds?: number }): void;
  /** The next `count` requests are read and never answered. */
  hangNext(count: number): void;
  /** The next `count` queries are executed and answered with HTTP 200 carrying their data and an `errors[]` item. */
  errorsIn200Next(count: number, message?: string): void;
  /** Answers every request with AniList's 403 "temporarily disabled" until enable(). */
  disable(): void;
  enable(): void;
  readonly requests: readonly RecordedRequest[];
  counts(): FakeAniListCounts;
}

export function createFakeAniList(options: { rateLimit?: RateLimitSettings } = {}): FakeAniList {
  let media: readonly FakeMedia[] = [];
  let airings: readonly FakeAiring[] = [];
  let userLists: FakeUserLists = {};
  let forcedLimit = { after: 0, count: 0, retryAfterSeconds: 1 };
  let fixedNow: number | undefined;
  let failures: { count: number; status: 500 | 502 } = { count: 0, status: 500 };
  let hangs = 0;
  let errorsIn200: { count: number; message: string } = { count: 0, message: '' };
  let disabled = false;
  const limiter = createFakeRateLimiter(options.rateLimit ?? { limit: 90, windowMs: 60_000 });
  const requests: RecordedRequest[] = [];
  const hung = new Set<ServerResponse>();

  const clock: FakeAniListClock = {
    now: () => fixedNow ?? Math.floor(Date.now() / 1000),
    set: (seconds) => void (fixedNow = seconds),
    advance: (seconds) => void (fixedNow = clock.now() + seconds),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.method !== 'POST' || (request.url ?? '/') !== '/') {
      return send(response, undefined, 404, { data: null, errors: [{ message: 'Not Found.', status: 404 }] });
    }
    const payload = parseJson(body);
    const record: RecordedRequest = {
      operationName: operationNameOf(payload?.query),
      variables: isRecord(payload?.variables) ? payload.variables : {},
      contentType: request.headers['content-type'],
      accept: request.headers.accept,
      status: null,
    };
    requests.push(record);

    const verdict = limiter.hit(Date.now());
    const reply = (status: number, json: unknown) => send(response, record, status, json, verdict.headers);
    if (!verdict.allowed) return reply(429, { data: null, errors: [{ message: 'Too Many Requests.', status: 429 }] });
    if (forcedLimit.after > 0) forcedLimit.after--;
    else if (forcedLimit.count > 0) {
      forcedLimit.count--;
      const seconds = forcedLimit.retryAfterSeconds;
      const headers = {
        ...verdict.headers,
        'Retry-After': String(seconds),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + seconds),
      };
      return send(response, record, 429, { data: null, errors: [{ message: 'Too Many Requests.', status: 429 }] }, headers);
    }
    if (hangs > 0) {
      hangs--;
      hung.add(response);
      response.on('close', () => hung.delete(response));
      return;
    }
    if (disabled) return reply(403, { errors: [{ message: DISABLED_MESSAGE, status: 403, locations: [{ line: 1, column: 1 }] }], data: null });
    if (failures.count > 0) {
      failures.count--;
      if (failures.status === 502) return sendHtml(response, record, 502, verdict.headers);
      return reply(500, { data: null, errors: [{ message: 'Internal Server Error', status: 500 }] });
    }

    const answer = await answerQuery(payload, { media, airings, userLists, now: clock.now() });
    if (answer.status === 200 && errorsIn200.count > 0) {
      errorsIn200.count--;
      const errors = [{ message: errorsIn200.message, status: 500, locations: [{ line: 2, column: 3 }] }];
      return reply(200, { ...answer.body, errors });
    }
    return reply(answer.status, answer.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, undefined, 500, { data: null, errors: [{ message: `fake AniList failed: ${String(error)}`, status: 500 }] });
    });
  });

  return {
    clock,
    requests,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setMedia: (next) => void (media = [...next]),
    setAirings: (next) => void (airings = [...next]),
    setUserLists: (next) => void (userLists = structuredClone(next)),
    setRateLimit: (settings) => limiter.configure(settings),
    failNext: (count, status = 500) => void (failures = { count, status }),
    rateLimitNext: (count, limitOptions = {}) =>
      void (forcedLimit = { count, after: limitOptions.after ?? 0, retryAfterSeconds: limitOptions.retryAfterSeconds ?? 1 }),
    hangNext: (count) => void (hangs = count),
    errorsIn200Next: (count, message = 'Internal Server Error') => void (errorsIn200 = { count, message }),
    disable: () => void (disabled = true),
    enable: () => void (disabled = false),
    counts: () => ({
      received: requests.length,
      ok: requests.filter((request) => request.status === 200).length,
      tooManyRequests: requests.filter((request) => request.status === 429).length,
    }),
  };
}

function send(response: ServerResponse, record: RecordedRequest | undefined, status: number, json: unknown, headers: Record<string, string> = {}): void {
  if (record) record.status = status;
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
  response.end(JSON.stringify(json));
}

// A proxy in front of AniList answers 502 with a page of its own, not JSON.
function sendHtml(response: ServerResponse, record: RecordedRequest, status: number, headers: Record<string, string>): void {
  record.status = status;
  response.writeHead(status, { ...headers, 'Content-Type': 'text/html' });
  response.end(`<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center></body></html>`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
