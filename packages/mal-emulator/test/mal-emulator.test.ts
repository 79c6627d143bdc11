// The local MyAnimeList must behave as MyAnimeList API v2 is documented to (its user anime list
// endpoint, paging and errors), or the client tests prove nothing. Raw HTTP here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeMal, type FakeMal, type FakeMalEntry } from '../src/index.ts';

describe('the fake MyAnimeList', () => {
  let mal: FakeMal;
  let base: string;
  beforeEach(async () => {
    mal = createFakeMal();
    base = await mal.start();
    const entries: FakeMalEntry[] = Array.from({ length: 250 }, (_, index) => ({
      id: index + 1,
      status: index % 2 === 0 ? 'finished_airing' : 'currently_airing',
      listStatus: index < 200 ? 'plan_to_watch' : 'watching',
      score: 7,
    }));
    mal.setList('Xinil', entries);
  });
  afterEach(() => mal.close());

  const get = async (path: string, clientId: string | null = mal.clientId) => {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, { headers: clientId === null ? {} : { 'X-MAL-CLIENT-ID': clientId } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('serves under /v2 and asks for a valid client id', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(await get('/users/Xinil/animelist', null)).toEqual({ status: 401, body: { error: 'invalid_token' } });
    expect(await get('/users/Xinil/animelist', 'not-our-id')).toEqual({ status: 401, body: { error: 'invalid_token' } });
    expect(await get('/users/@me/animelist')).toEqual({ status: 401, body: { error: 'invalid_token' } });
    expect((await get('/users/Xinil/animelist')).status).toBe(200);
  });

  it('pages by full paging.next URLs that keep the query, with paging {} on the last page', async () => {
    type Page = { data: unknown[]; paging: { next?: string; previous?: string } };
    const first = (await get('/users/xinil/animelist?fields=status')).body as Page;
    expect(first.data).toHaveLength(100);
    const next = new URL(first.paging.next!);
    expect(`${next.origin}${next.pathname}`).toBe(`${base}/users/xinil/animelist`);
    expect(Object.fromEntries(next.searchParams)).toEqual({ fields: 'status', offset: '100', limit: '100' });
    expect(first.paging.previous).toBeUndefined();

    const second = (await get(first.paging.next!)).body as Page;
    expect(second.data).toHaveLength(100);
    expect(second.paging.previous).toContain('offset=0');
    const last = (await get(second.paging.next!)).body as Page;
    expect(last.data).toHaveLength(50);
    expect(last.paging).toEqual({ previous: expect.stringContaining('offset=100') });

    const all = (await get('/users/Xinil/animelist?status=plan_to_watch&limit=1000')).body;
    expect(all.paging).toEqual({});
    expect((all.data as unknown[]).length).toBe(200);
  });

  it('sends node fields only when asked, and each entry with its list_status', async () => {
    const plain = (await get('/users/Xinil/animelist?status=watching&limit=1')).body as { data: { node: Record<string, unknown> }[] };
    expect(plain.data[0]).toEqual({
      node: { id: 201, title: 'MAL anime 201', main_picture: expect.any(Object) },
      list_status: { status: 'watching', score: 7, num_episodes_watched: 0, is_rewatching: false, updated_at: '2022-12-28T19:20:54+00:00', comments: '' },
    });
    const withStatus = (await get('/users/Xinil/animelist?status=watching&limit=1&fields=list_status{comments},status')).body as {
      data: { node: Record<string, unknown> }[];
    };
    expect(withStatus.data[0]?.node.status).toBe('finished_airing');
  });

  it('answers bad parameters with 400, an unknown user with 404 and a private list with 403', async () => {
    expect(await get('/users/Xinil/animelist?limit=1001')).toEqual({ status: 400, body: { error: 'invalid_parameter', message: '' } });
    expect(await get('/users/Xinil/animelist?limit=0')).toEqual({ status: 400, body: { error: 'invalid_parameter', message: '' } });
    expect(await get('/users/Xinil/animelist?status=reading')).toEqual({ status: 400, body: { error: 'invalid_parameter', message: '' } });
    expect(await get('/users/nobody_here/animelist')).toEqual({ status: 404, body: { error: 'not_found', message: '' } });
    mal.setPrivate('Xinil');
    expect(await get('/users/Xinil/animelist')).toEqual({ status: 403, body: { error: 'forbidden', message: '' } });
    expect(mal.requests.map((request) => request.status)).toEqual([400, 400, 400, 404, 403]);
  });
});
