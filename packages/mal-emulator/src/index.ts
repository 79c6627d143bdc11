// A local MyAnimeList API v2 (https://api.myanimelist.net/v2) for tests: a real HTTP server on
// 127.0.0.1 serving GET /v2/users/{user_name}/animelist as MyAnimeList's API reference
// describes it: the X-MAL-CLIENT-ID check, `status`/`limit`/`offset`/`fields`,
// paging by full `paging.next` URLs (`paging: {}` on the last page), 404 for an unknown user and
// 403 for a private list, errors as `{"error": ..., "message": ...}`.
// Each entry always carries its `list_status` (whether MyAnimeList sends it unasked is not
// known), so a test can show that none of it is kept by the client.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MalListStatus = 'watching' | 'completed' | 'on_hold' | 'dropped' | 'plan_to_watch';
export type MalAiringStatus = 'finished_airing' | 'currently_airing' | 'not_yet_aired';

export interface FakeMalEntry {
  /** MyAnimeList anime id. */
  id: number;
  title?: string;
  /** The anime's airing status (sent when `fields` asks for `status`). */
  status?: MalAiringStatus;
  listStatus: MalListStatus;
  score?: number;
  numEpisodesWatched?: number;
  comments?: string;
  updatedAt?: string;
}

export interface RecordedMalRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  clientId: string | undefined;
  /** null while held (see holdNext). */
  status: number | null;
  /** Epoch ms when it arrived. */
  at: number;
}

export interface FakeMal {
  /** Listens on 127.0.0.1 on a free port; resolves with the API base to use as MAL_API_URL (`http://127.0.0.1:PORT/v2`). */
  start(): Promise<string>;
  close(): Promise<void>;
  /** The client id the fake accepts. */
  readonly clientId: string;
  /** Creates (or replaces) a user and their list. */
  setList(userName: string, entries: readonly FakeMalEntry[]): void;
  setPrivate(userName: string, isPrivate?: boolean): void;
  /** The next `count` requests are answered with `status` (429 carries Retry-After: 1). */
  failNext(count: number, status: 429 | 500 | 502 | 503): void;
  /** The next request waits until `release()` is called. */
  holdNext(): { release(): void };
  /** Where `paging.next` points (default: this server); a test can point it elsewhere. */
  setPagingOrigin(origin: string | undefined): void;
  readonly requests: readonly RecordedMalRequest[];
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const LIST_STATUSES: ReadonlySet<string> = new Set<MalListStatus>(['watching', 'completed', 'on_hold', 'dropped', 'plan_to_watch']);
const LIST_PATH = /^\/v2\/users\/([^/]+)\/animelist$/;

interface FakeUser {
  name: string;
  entries: FakeMalEntry[];
  isPrivate: boolean;
}

export function createFakeMal(options: { clientId?: string } = {}): FakeMal {
  const clientId = options.clientId ?? 'fake-mal-client-id-0123456789abcdef';
  const users = new Map<string, FakeUser>();
  const requests: RecordedMalRequest[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let held: Promise<void> | undefined;
  let pagingOrigin: string | undefined;
  let port = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const header = request.headers['x-mal-client-id'];
    const record: RecordedMalRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      clientId: typeof header === 'string' ? header : undefined,
      status: null,
      at: Date.now(),
    };
    requests.push(record);
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(json));
    };
    if (held) {
      const wait = held;
      held = undefined;
      await wait;
    }
    if (failures.count > 0) {
      failures.count--;
      return reply(
        failures.status,
        { error: failures.status === 429 ? 'too_many_requests' : 'internal_server_error', message: '' },
        failures.status === 429 ? { 'Retry-After': '1' } : {},
      );
    }

    const match = LIST_PATH.exec(url.pathname);
    if (record.method !== 'GET' || !match) return reply(404, { error: 'not_found', message: '' });
    if (record.clientId !== clientId) return reply(401, { error: 'invalid_token' });
    const userName = decodeURIComponent(match[1] ?? '');
    // "@me" means the owner of a user token; a client id alone has none.
    if (userName === '@me') return reply(401, { error: 'invalid_token' });

    const status = url.searchParams.get('status');
    const limit = integerParam(url.searchParams.get('limit'), DEFAULT_LIMIT);
    const offset = integerParam(url.searchParams.get('offset'), 0);
    if ((status !== null && !LIST_STATUSES.has(status)) || limit === undefined || limit < 1 || limit > MAX_LIMIT || offset === undefined || offset < 0) {
      return reply(400, { error: 'invalid_parameter', message: '' });
    }
    const user = users.get(userName.toLowerCase());
    if (!user) return reply(404, { error: 'not_found', message: '' });
    if (user.isPrivate) return reply(403, { error: 'forbidden', message: '' });

    const fields = topLevelFields(url.searchParams.get('fields') ?? '');
    const entries = user.entries.filter((entry) => status === null || entry.listStatus === status);
    const page = entries.slice(offset, offset + limit);
    const link = (at: number) => {
      const next = new URL(url.href.replace(url.origin, pagingOrigin ?? url.origin));
      next.searchParams.set('offset', String(at));
      next.searchParams.set('limit', String(limit));
      return next.href;
    };
    const paging: Record<string, string> = {};
    if (offset > 0) paging.previous = link(Math.max(0, offset - limit));
    if (offset + limit < entries.length) paging.next = link(offset + limit);
    return reply(200, { data: page.map((entry) => entryJson(entry, fields)), paging });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  return {
    clientId,
    requests,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      return `http://127.0.0.1:${port}/v2`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setList(userName, entries) {
      const existing = users.get(userName.toLowerCase());
      users.set(userName.toLowerCase(), { name: userName, entries: structuredClone([...entries]), isPrivate: existing?.isPrivate ?? false });
    },
    setPrivate(userName, isPrivate = true) {
      const user = users.get(userName.toLowerCase()) ?? { name: userName, entries: [], isPrivate: false };
      users.set(userName.toLowerCase(), { ...user, isPrivate });
    },
    failNext: (count, status) => void (failures = { count, status }),
    holdNext() {
      let release = () => {};
      held = new Promise<void>((resolve) => (release = resolve));
      return { release: () => release() };
    },
    setPagingOrigin: (origin) => void (pagingOrigin = origin),
  };
}

function entryJson(entry: FakeMalEntry, fields: ReadonlySet<string>) {
  const node: Record<string, unknown> = {
    id: entry.id,
    title: entry.title ?? `MAL anime ${entry.id}`,
    main_picture: {
      medium: `https://cdn.myanimelist.net/images/anime/1/${entry.id}.jpg`,
      large: `https://cdn.myanimelist.net/images/anime/1/${entry.id}l.jpg`,
    },
  };
  if (fields.has('status') && entry.status) node.status = entry.status;
  return {
    node,
    list_status: {
      status: entry.listStatus,
      score: entry.score ?? 0,
      num_episodes_watched: entry.numEpisodesWatched ?? 0,
      is_rewatching: false,
      updated_at: entry.updatedAt ?? '2022-12-28T19:20:54+00:00',
      comments: entry.comments ?? '',
    },
  };
}

// "list_status{comments},status,num_episodes" → {list_status, status, num_episodes}.
function topLevelFields(fields: string): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const char of fields) {
    if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ',' && depth === 0) {
      names.add(current.trim());
      current = '';
    } else if (depth === 0) current += char;
  }
  if (current.trim()) names.add(current.trim());
  return names;
}

function integerParam(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
