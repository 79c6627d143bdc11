// The one error serializer, over each kind of error the app meets: every field an operator
// needs is kept, and no token survives in any of them.
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createErrorSerializer } from '../../src/logging/error-serializer.ts';
import { createTextScrubber } from '../../src/logging/secret-text.ts';

const TOKEN = 'k3Yx0_J9mQe2Wn8vT5bLr7uPz4aHc6dFg1sEo0iNyRtUw-VqXlKmBjZp3hG2fD9sA8cQ';
const WEBHOOK_ID = '123456789012345678';
const WEBHOOK_URL = `https://discord.com/api/v10/webhooks/${WEBHOOK_ID}/${TOKEN}`;
const SECRET = 'configured-secret-value';
const { serialize, serializeNested } = createErrorSerializer(createTextScrubber([SECRET]));

function expectNoSecret(serialized: unknown): void {
  const text = JSON.stringify(serialized);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(SECRET);
}

describe('the error serializer', () => {
  it('replaces a field named like a secret at any depth, whatever its value looks like', () => {
    const error = new Error('could not send', { cause: { webhook: { id: WEBHOOK_ID, token: 'short' }, request: { headers: { Authorization: 'plain' } } } });
    const serialized = serialize(error) as { cause: { webhook: { id: string; token: string }; request: { headers: { Authorization: string } } } };
    expect(serialized.cause.webhook).toEqual({ id: WEBHOOK_ID, token: '[redacted]' });
    expect(serialized.cause.request.headers.Authorization).toBe('[redacted]');
  });

  it('keeps a DiscordAPIError’s request, without its token, and sizes its files instead of copying them', () => {
    const error = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'POST', `${WEBHOOK_URL}?wait=true`, {
      body: { content: `hello ${SECRET}` },
      files: [{ name: 'export.json', data: Buffer.alloc(4096) }],
    });
    const serialized = serialize(error);
    expectNoSecret(serialized);
    expect(serialized).toMatchObject({
      type: 'DiscordAPIError',
      message: 'Unknown Webhook',
      code: 10015,
      status: 404,
      method: 'POST',
      url: `https://discord.com/api/v10/webhooks/${WEBHOOK_ID}/[redacted]?wait=true`,
      rawError: { message: 'Unknown Webhook', code: 10015 },
      requestBody: { files: [{ name: 'export.json', data: '[4096 bytes]' }], json: { content: 'hello [redacted]' } },
    });
    expect((serialized as { stack: string }).stack).toContain('DiscordAPIError[10015]: Unknown Webhook');
  });

  it('keeps an HTTPError’s status and URL, without the token', () => {
    const serialized = serialize(new HTTPError(502, 'Bad Gateway', 'PATCH', `${WEBHOOK_URL}/messages/@original`, { body: undefined }));
    expectNoSecret(serialized);
    expect(serialized).toMatchObject({
      type: 'HTTPError',
      status: 502,
      method: 'PATCH',
      url: `https://discord.com/api/v10/webhooks/${WEBHOOK_ID}/[redacted]/messages/@original`,
    });
  });

  it('removes the token from a RateLimitError’s URL and bucket ("{id}/{token}")', () => {
    const error = new RateLimitError({
      timeToReset: 800,
      limit: 5,
      method: 'post',
      hash: 'Global(POST:/webhooks/:id/:token)',
      url: WEBHOOK_URL,
      route: `/webhooks/${WEBHOOK_ID}/${TOKEN}`,
      majorParameter: `${WEBHOOK_ID}/${TOKEN}`,
      global: false,
      retryAfter: 800,
      sublimitTimeout: 0,
      scope: 'shared',
    });
    const serialized = serialize(error);
    expectNoSecret(serialized);
    expect(serialized).toMatchObject({
      type: 'RateLimitError',
      retryAfter: 800,
      majorParameter: `${WEBHOOK_ID}/[redacted]`,
      route: `/webhooks/${WEBHOOK_ID}/[redacted]`,
    });
  });

  it('follows a fetch error’s cause chain (the URL is in both the message and the cause)', async () => {
    const error = await fetch(`http://[::1/webhooks/${WEBHOOK_ID}/${TOKEN}`).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TypeError);
    const serialized = serialize(error) as { message: string; cause: { code: string; input: string } };
    expectNoSecret(serialized);
    expect(serialized.message).toContain(`/webhooks/${WEBHOOK_ID}/[redacted]`);
    expect(serialized.cause).toMatchObject({ code: 'ERR_INVALID_URL', input: `http://[::1/webhooks/${WEBHOOK_ID}/[redacted]` });
  });

  it('keeps a network error’s code and address', async () => {
    const port = await closedPort();
    const error = await fetch(`http://127.0.0.1:${port}/webhooks/${WEBHOOK_ID}/${TOKEN}`).catch((failure: unknown) => failure);
    const serialized = serialize(error) as { message: string; cause: Record<string, unknown> };
    expectNoSecret(serialized);
    expect(serialized.message).toBe('fetch failed');
    expect(serialized.cause).toMatchObject({ code: 'ECONNREFUSED', address: '127.0.0.1', port });
  });

  it('serializes each error of an AggregateError, and any error class with the token in a field of its own', () => {
    class WebhookFailure extends Error {
      constructor(readonly endpoint: string) {
        super(`failed: ${endpoint}`);
      }
    }
    const serialized = serialize(new AggregateError([new WebhookFailure(WEBHOOK_URL), new Error(`Bot ${SECRET}`)], 'two failures'));
    expectNoSecret(serialized);
    expect(serialized).toMatchObject({
      type: 'AggregateError',
      errors: [
        { type: 'WebhookFailure', endpoint: `https://discord.com/api/v10/webhooks/${WEBHOOK_ID}/[redacted]` },
        { type: 'Error', message: 'Bot [redacted]' },
      ],
    });
  });

  it('stops at a cycle', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    first.cause = second;
    expect(serialize(first)).toMatchObject({ message: 'first', cause: { message: 'second', cause: '[circular]' } });
  });

  it('finds errors anywhere in a logged object, and leaves an object without one as it is', () => {
    const plain = { guildId: '1', nested: { list: [1, 'two'] } };
    expect(serializeNested(plain)).toBe(plain);
    const logged = { guildId: '1', detail: { failures: [new Error(`at ${WEBHOOK_URL}`)] } };
    const serialized = serializeNested(logged);
    expectNoSecret(serialized);
    expect(serialized).toMatchObject({
      guildId: '1',
      detail: { failures: [{ type: 'Error', message: `at https://discord.com/api/v10/webhooks/${WEBHOOK_ID}/[redacted]` }] },
    });
    expect(logged.detail.failures[0]).toBeInstanceOf(Error);
  });

  it('passes anything other than an Error through', () => {
    expect(serialize('just a string')).toBe('just a string');
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
