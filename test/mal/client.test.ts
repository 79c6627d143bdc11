// The MyAnimeList client against the local MyAnimeList over real HTTP: it pages a list through,
// hands back anime ids only, turns every documented failure into a typed error, never follows
// paging away from the configured host, and keeps user names out of its logs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createMalClient, type MalClientOptions } from '../../src/mal/client.ts';
import { MalClientIdError, MalListPrivateError, MalResponseError, MalUnavailableError, MalUserNotFoundError } from '../../src/mal/errors.ts';
import { createFakeMal, type FakeMal, type FakeMalEntry } from '@anitrack/mal-emulator';

const USER = 'Sayaka_K-77';

function entries(count: number, from = 1): FakeMalEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    id: from + index,
    status: index % 10 === 0 ? 'currently_airing' : 'finished_airing',
    listStatus: 'plan_to_watch',
    score: 9,
    comments: 'rewatch with friends',
  }));
}

describe('the MyAnimeList client', () => {
  let mal: FakeMal;
  let base: string;
  const client = (options: Partial<MalClientOptions> = {}) =>
    createMalClient({ apiUrl: base, clientId: mal.clientId, minIntervalMs: 0, retry: { baseDelayMs: 10, maxDelayMs: 40 }, timeoutMs: 2000, ...options });

  beforeEach(async () => {
    mal = createFakeMal();
    base = await mal.start();
  });
  afterEach(() => mal.close());

  it('reads a list of 2,500 through paging.next, 1,000 at a time, and returns ids only', async () => {
    mal.setList(USER, [...entries(2500), { id: 99_001, status: 'currently_airing', listStatus: 'watching' }]);
    const pages: number[] = [];

    const result = await client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: false, onPage: (read) => void pages.push(read) });

    expect(result).toEqual({ ids: Array.from({ length: 2500 }, (_, index) => index + 1), finished: 0, entries: 2500 });
    expect(pages).toEqual([1000, 2000, 2500]);
    expect(mal.requests.map((request) => [request.path, request.query])).toEqual([
      [`/v2/users/${USER}/animelist`, { status: 'plan_to_watch', limit: '1000', fields: 'status' }],
      [`/v2/users/${USER}/animelist`, { status: 'plan_to_watch', limit: '1000', fields: 'status', offset: '1000' }],
      [`/v2/users/${USER}/animelist`, { status: 'plan_to_watch', limit: '1000', fields: 'status', offset: '2000' }],
    ]);
    expect(mal.requests.every((request) => request.clientId === mal.clientId)).toBe(true);
  });

  it('can leave out anime MyAnimeList shows as finished airing, counting them', async () => {
    mal.setList(USER, entries(30));
    const result = await client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: true });
    expect(result).toEqual({ ids: [1, 11, 21], finished: 27, entries: 30 });
  });

  it('spaces its requests, across calls too', async () => {
    mal.setList(USER, entries(2500));
    const paced = client({ minIntervalMs: 300 });
    await Promise.all([
      paced.animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: true }),
      paced.animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: true }),
    ]);
    const times = mal.requests.map((request) => request.at).sort((a, b) => a - b);
    expect(times).toHaveLength(6);
    // Measured where the requests arrive, so one late arrival can shorten one gap: the span of all
    // six is what the spacing guarantees (five intervals of 300 ms).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(5 * 300 - 100);
  });

  it('tells an unknown user, a private list and a rejected client id apart', async () => {
    mal.setList('someone', entries(3));
    mal.setPrivate('someone');
    const read = (userName: string, options: Partial<MalClientOptions> = {}) => client(options).animeIds({ userName, list: 'watching', skipFinished: true });
    await expect(read('nobody_at_all')).rejects.toBeInstanceOf(MalUserNotFoundError);
    await expect(read('someone')).rejects.toBeInstanceOf(MalListPrivateError);
    await expect(read('someone', { clientId: 'revoked-client-id' })).rejects.toSatisfy(
      (error) => error instanceof MalClientIdError && error.detail === 'invalid_token',
    );
    expect(mal.requests.map((request) => request.status)).toEqual([404, 403, 401]);
    // Names MyAnimeList cannot have are not sent at all ("@me" would mean the token's owner).
    await expect(read('@me')).rejects.toBeInstanceOf(MalUserNotFoundError);
    await expect(read('../../anime/1')).rejects.toBeInstanceOf(MalUserNotFoundError);
    expect(mal.requests).toHaveLength(3);
  });

  it('retries 5xx and 429 (after Retry-After), then gives up with a clear error', async () => {
    mal.setList(USER, entries(5));
    mal.failNext(2, 503);
    expect((await client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: false })).ids).toHaveLength(5);
    expect(mal.requests.map((request) => request.status)).toEqual([503, 503, 200]);

    mal.failNext(1, 429);
    await client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: false });
    const [limited, retried] = mal.requests.slice(3);
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(990);

    mal.failNext(10, 500);
    await expect(client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: false })).rejects.toSatisfy(
      (error) => error instanceof MalUnavailableError && error.attempts === 4 && error.message.includes('HTTP 500'),
    );
    expect(mal.requests).toHaveLength(5 + 4);
  });

  it('refuses paging.next that leads to another host, without sending anything there', async () => {
    const elsewhere = createFakeMal({ clientId: mal.clientId });
    const elsewhereBase = await elsewhere.start();
    try {
      mal.setList(USER, entries(1500));
      mal.setPagingOrigin(new URL(elsewhereBase).origin);
      await expect(client().animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: true })).rejects.toSatisfy(
        (error) => error instanceof MalResponseError && error.message.includes('not following it'),
      );
      expect(mal.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('rejects answers that are not the documented shape', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ data: [{ node: { title: 'no id' } }], paging: {} }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const odd = createMalClient({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, clientId: 'x', minIntervalMs: 0 });
      await expect(odd.animeIds({ userName: USER, list: 'watching', skipFinished: true })).rejects.toSatisfy(
        (error) => error instanceof MalResponseError && error.message.includes('data.0.node.id'),
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('keeps user names and list contents out of its logs and errors', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
    mal.setList(USER, entries(1200));
    mal.setList('private_person', entries(3));
    mal.setPrivate('private_person');
    mal.failNext(1, 500);
    const logged = client({ logger });
    await logged.animeIds({ userName: USER, list: 'plan_to_watch', skipFinished: true });
    const errors = await Promise.all(
      ['private_person', 'nobody_at_all'].map((name) =>
        logged.animeIds({ userName: name, list: 'watching', skipFinished: true }).then(
          () => new Error('read'),
          (error: unknown) => error as Error,
        ),
      ),
    );
    expect(errors.map((error) => error.name)).toEqual(['MalListPrivateError', 'MalUserNotFoundError']);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const text = lines.join('\n') + errors.map((error) => error.message).join('\n');
    for (const secret of [USER, 'private_person', 'nobody_at_all', 'rewatch with friends', 'plan_to_watch', mal.clientId]) expect(text).not.toContain(secret);
  });
});
