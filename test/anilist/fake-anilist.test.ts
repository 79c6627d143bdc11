// The local AniList must behave as AniList's API is documented to (its GraphQL endpoint, rate
// limits and error bodies), or every client test above proves nothing. Raw HTTP here.
import { buildSchema, isEnumType, isInputObjectType, isObjectType, type GraphQLNamedType } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAniList, DISABLED_MESSAGE, fakeMedia, type FakeAniList } from '@anitrack/anilist-emulator';
import { FULL_SCHEMA_MISSING, loadFullAniListSchema } from '../support/anilist-full-schema.ts';
import { FAKE_ANILIST_SDL } from '@anitrack/anilist-emulator';

describe('the fake AniList', () => {
  let fake: FakeAniList;
  let url: string;
  beforeEach(async () => {
    fake = createFakeAniList();
    url = await fake.start();
    fake.setMedia(Array.from({ length: 120 }, (_, index) => fakeMedia(index + 1)));
  });
  afterEach(() => fake.close());

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  it("serves only AniList's own names and types", (context) => {
    const full = loadFullAniListSchema();
    if (!full) return context.skip(FULL_SCHEMA_MISSING);
    const mismatches: string[] = [];
    for (const type of Object.values(buildSchema(FAKE_ANILIST_SDL).getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const real = full.getType(type.name);
      if (!real) mismatches.push(`type ${type.name} is not AniList's`);
      else mismatches.push(...compareTypes(type, real));
    }
    expect(mismatches).toEqual([]);
  });

  it('answers an invalid query with HTTP 400 and the error located in the query', async () => {
    const { status, body } = await post('query {\n  Page {\n    nope\n  }\n}');
    expect(status).toBe(400);
    // With AniList's schema file at hand the message is AniList's own; without it, the fake's.
    expect(body).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/Cannot query field "nope" on type "Page"\.$/), status: 400, locations: [{ line: 3, column: 5 }] }],
    });
  });

  it('answers a single-object miss with HTTP 404 "Not Found."', async () => {
    const { status, body } = await post('query ($id: Int) {\n  Media(id: $id, type: ANIME) { id }\n}', { id: 99999 });
    expect(status).toBe(404);
    expect(body).toEqual({ errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 2, column: 3 }] }], data: { Media: null } });
  });

  it('clamps perPage to 50 and pages by hasNextPage', async () => {
    const query = 'query ($page: Int) { Page(page: $page, perPage: 100) { pageInfo { perPage hasNextPage } media(type: ANIME) { id } } }';
    const pages = [await post(query, { page: 1 }), await post(query, { page: 3 })];
    expect(pages.map(({ body }) => (body.data as { Page: { pageInfo: unknown; media: unknown[] } }).Page)).toMatchObject([
      { pageInfo: { perPage: 50, hasNextPage: true }, media: expect.objectContaining({ length: 50 }) },
      { pageInfo: { perPage: 50, hasNextPage: false }, media: expect.objectContaining({ length: 20 }) },
    ]);
  });

  it('computes timeUntilAiring and notYetAired from its clock', async () => {
    fake.clock.set(1_000_000);
    fake.setAirings([
      { id: 1, mediaId: 1, episode: 1, airingAt: 999_000 },
      { id: 2, mediaId: 1, episode: 2, airingAt: 1_003_600 },
    ]);
    const { body } = await post('{ Page { airingSchedules(notYetAired: true) { episode timeUntilAiring media { nextAiringEpisode { episode } } } } }');
    expect(body).toEqual({ data: { Page: { airingSchedules: [{ episode: 2, timeUntilAiring: 3600, media: { nextAiringEpisode: { episode: 2 } } }] } } });
  });

  it('sends rate-limit headers, and over the limit a 429 with Retry-After and X-RateLimit-Reset', async () => {
    // Degraded mode as the docs describe it: the header still says 90, 30 are allowed.
    fake.setRateLimit({ limit: 2, advertisedLimit: 90, windowMs: 60_000 });
    const query = '{ Media(id: 1) { id } }';
    const first = await post(query);
    await post(query);
    const limited = await post(query);

    expect(first.status).toBe(200);
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining')]).toEqual(['90', '89']);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ data: null, errors: [{ message: 'Too Many Requests.', status: 429 }] });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeCloseTo(Date.now() / 1000 + retryAfter, -1);
    expect(fake.counts()).toEqual({ received: 3, ok: 2, tooManyRequests: 1 });
  });

  it("serves a user's lists by status through MediaListCollection, and a 404 for an unknown user", async () => {
    fake.setUserLists({ Yuki: { CURRENT: [1, 2], PLANNING: [3], COMPLETED: [4] } });
    const query =
      'query ($name: String, $in: [MediaListStatus]) {\n  MediaListCollection(userName: $name, type: ANIME, status_in: $in) { lists { name status entries { mediaId status media { id } } } }\n}';
    const { status, body } = await post(query, { name: 'yuki', in: ['CURRENT', 'PLANNING'] });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        MediaListCollection: {
          lists: [
            {
              name: 'Watching',
              status: 'CURRENT',
              entries: [
                { mediaId: 1, status: 'CURRENT', media: { id: 1 } },
                { mediaId: 2, status: 'CURRENT', media: { id: 2 } },
              ],
            },
            { name: 'Planning', status: 'PLANNING', entries: [{ mediaId: 3, status: 'PLANNING', media: { id: 3 } }] },
          ],
        },
      },
    });
    const missing = await post(query, { name: 'nobody', in: ['CURRENT'] });
    expect(missing).toMatchObject({
      status: 404,
      body: { errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 2, column: 3 }] }], data: { MediaListCollection: null } },
    });
  });

  it('can refuse requests with a 429 after letting some through', async () => {
    fake.rateLimitNext(2, { after: 1, retryAfterSeconds: 3 });
    const statuses: number[] = [];
    let limited: Headers | undefined;
    for (let index = 0; index < 4; index++) {
      const answer = await post('{ Media(id: 1) { id } }');
      statuses.push(answer.status);
      if (answer.status === 429) {
        limited = answer.headers;
        expect(answer.body).toEqual({ data: null, errors: [{ message: 'Too Many Requests.', status: 429 }] });
      }
    }
    expect(statuses).toEqual([200, 429, 429, 200]);
    expect([limited?.get('retry-after'), limited?.get('x-ratelimit-remaining')]).toEqual(['3', '0']);
  });

  it('answers 403 with the documented body while disabled', async () => {
    fake.disable();
    const { status, body } = await post('{ Media(id: 1) { id } }');
    expect(status).toBe(403);
    expect(body).toEqual({ errors: [{ message: DISABLED_MESSAGE, status: 403, locations: [{ line: 1, column: 1 }] }], data: null });
    fake.enable();
    expect((await post('{ Media(id: 1) { id } }')).status).toBe(200);
  });
});

function compareTypes(fake: GraphQLNamedType, real: GraphQLNamedType): string[] {
  if (fake.constructor !== real.constructor) return [`${fake.name} is a different kind of type`];
  if (isEnumType(fake) && isEnumType(real)) {
    const values = new Set(real.getValues().map((value) => value.name));
    return fake
      .getValues()
      .filter((value) => !values.has(value.name))
      .map((value) => `${fake.name}.${value.name} is not AniList's`);
  }
  if (!(isObjectType(fake) && isObjectType(real)) && !(isInputObjectType(fake) && isInputObjectType(real))) return [];
  const problems: string[] = [];
  const realFields = real.getFields();
  for (const [name, field] of Object.entries(fake.getFields())) {
    const other = realFields[name];
    if (!other) {
      problems.push(`${fake.name}.${name} is not AniList's`);
      continue;
    }
    if (String(field.type) !== String(other.type)) problems.push(`${fake.name}.${name} is ${field.type}, AniList's is ${other.type}`);
    if (!('args' in field) || !('args' in other)) continue;
    for (const arg of field.args) {
      const realArg = other.args.find((candidate) => candidate.name === arg.name);
      if (!realArg) problems.push(`${fake.name}.${name}(${arg.name}) is not AniList's`);
      else if (String(arg.type) !== String(realArg.type)) problems.push(`${fake.name}.${name}(${arg.name}) is ${arg.type}, AniList's is ${realArg.type}`);
    }
  }
  return problems;
}
