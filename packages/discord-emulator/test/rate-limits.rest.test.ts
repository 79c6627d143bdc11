// Rate limits as Discord reports them, checked two ways: the raw headers and bodies, and what
// @discordjs/rest does with them (wait out a 429 and retry; pace itself from the headers so a
// well-behaved client never sees a 429 at all).
import { Routes, type APIMessage, type APIWebhook } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAnimeServer, startDiscord, type Started } from './helpers.ts';

let fake: Started;
let webhook: APIWebhook;
let animeId: string;

beforeEach(async () => {
  fake = await startDiscord();
  animeId = addAnimeServer(fake.discord).animeId;
  webhook = (await fake.rest.post(Routes.channelWebhooks(animeId), { body: { name: 'AniTrack' } })) as APIWebhook;
});
afterEach(() => fake.close());

const EXECUTE = 'POST /webhooks/:webhookId/:token';
const execute = (content: string) =>
  fake.rest.post(Routes.webhook(webhook.id, webhook.token), {
    body: { content },
    auth: false,
    query: new URLSearchParams({ wait: 'true' }),
  }) as Promise<APIMessage>;
const botFetch = (path: string) => fetch(`${fake.apiUrl}/v10${path}`, { headers: { authorization: `Bot ${fake.discord.botToken}` } });

describe('headers', () => {
  it('reports the bucket on every answer: limit, remaining, reset (epoch seconds), reset-after and bucket id', async () => {
    const response = await botFetch('/users/@me');
    expect(response.status).toBe(200);
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(response.headers.get('x-ratelimit-limit')).toBe('50');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(reset).toBeGreaterThan(Date.now() / 1000 - 1);
    expect(reset).toBeLessThan(Date.now() / 1000 + 2);
    expect(Number(response.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(1);
    expect(response.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('counts webhook executions 5 per 2 s per webhook', async () => {
    const url = `${fake.apiUrl}/v10/webhooks/${webhook.id}/${webhook.token}`;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index < 6; index++) {
      last = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: `n${index}` }) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429]);
    expect(last?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last?.headers.get('x-ratelimit-scope')).toBe('user');
    expect(last?.headers.get('retry-after')).toMatch(/^[12]$/);
    expect(await last?.json()).toMatchObject({ message: 'You are being rate limited.', global: false, retry_after: expect.any(Number) });
    expect(fake.discord.messages(animeId)).toHaveLength(5);
  });

  it('answers the global limit with X-RateLimit-Global and scope global, counting unauthenticated webhook calls per address, apart from the bot', async () => {
    fake.discord.setRateLimits({ global: { limit: 2, windowMs: 5000 } });
    expect((await botFetch('/users/@me')).status).toBe(200);
    expect((await botFetch('/guilds/120000000000000001')).status).toBe(200);
    const limited = await botFetch('/users/@me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ global: true, message: 'You are being rate limited.' });
    await expect(execute('still delivered')).resolves.toMatchObject({ content: 'still delivered' });

    const url = `${fake.apiUrl}/v10/webhooks/${webhook.id}/${webhook.token}`;
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'again' }) });
    expect((await post()).status).toBe(204);
    const overAddressLimit = await post();
    expect(overAddressLimit.status).toBe(429);
    expect(overAddressLimit.headers.get('x-ratelimit-global')).toBe('true');
    expect(overAddressLimit.headers.get('x-ratelimit-bucket')).toBeNull();
  });
});

describe('@discordjs/rest against the fake', () => {
  it('waits out a 429 and retries transparently: one 429 counted, the message delivered once', async () => {
    fake.discord.forceRateLimit(EXECUTE, { retryAfterMs: 300 });
    const message = await execute('Episode 12 is out');
    expect(message.content).toBe('Episode 12 is out');
    const counts = fake.discord.counts();
    expect(counts.tooManyRequests).toBe(1);
    expect(counts.byRoute[EXECUTE]).toBe(2);
    expect(fake.discord.messages(animeId).map((recorded) => recorded.body.content)).toEqual(['Episode 12 is out']);
  });

  it('paces from the headers, so a burst over the per-webhook limit gets no 429 and keeps its order', async () => {
    fake.discord.setRateLimits({ perWebhook: { limit: 2, windowMs: 600 } });
    const contents = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(contents.map((content) => execute(content)));
    expect(fake.discord.counts().tooManyRequests).toBe(0);
    expect(fake.discord.messages(animeId).map((recorded) => recorded.body.content)).toEqual(contents);
  });

  it('retries injected 5xx answers (its own policy) and then succeeds', async () => {
    fake.discord.failNext(EXECUTE, 502, undefined, 2);
    await expect(execute('after two 502s')).resolves.toMatchObject({ content: 'after two 502s' });
    const statuses = fake.discord
      .requests()
      .filter((request) => request.route === EXECUTE)
      .map((request) => request.status);
    expect(statuses).toEqual([502, 502, 200]);
  });
});

describe('recorded requests', () => {
  it('keep method, route, query and body but never a credential', async () => {
    await execute('hello');
    const recorded = fake.discord.requests();
    const create = recorded.find((request) => request.route === 'POST /channels/:channelId/webhooks');
    const run = recorded.find((request) => request.route === EXECUTE);
    expect(create?.headers.authorization).toBe('Bot [redacted]');
    expect(run).toMatchObject({ method: 'POST', query: { wait: 'true' }, body: { content: 'hello' }, status: 200, path: `/webhooks/${webhook.id}/[token]` });
    expect(JSON.stringify(recorded)).not.toContain(fake.discord.botToken);
    expect(JSON.stringify(recorded)).not.toContain(webhook.token);
  });
});
