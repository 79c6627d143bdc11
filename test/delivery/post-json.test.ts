// The webhook sender's HTTP client against a real server on loopback: what it hands back of an
// answer, however the answer arrives, and how it fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonPoster, type JsonPoster } from '../../src/delivery/discord/post-json.ts';

describe('the JSON poster', () => {
  let server: Server;
  let poster: JsonPoster;
  const received: { url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ url: request.url ?? '', headers: request.headers, body });
        void answer(request.url ?? '', response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    poster = createJsonPoster(`http://127.0.0.1:${port}/api/v10`, { timeoutMs: 300, maxSockets: 2 });
  });
  afterEach(async () => {
    poster.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const answer = async (url: string, response: import('node:http').ServerResponse) => {
    if (url.includes('/in-parts')) {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '4' });
      response.write('{"id":"12345678901234567","con');
      await sleep(20);
      response.write('tent":"Episode 5 — ');
      await sleep(20);
      response.end('out now"}');
    } else if (url.includes('/no-content')) {
      response.writeHead(204).end();
    } else if (url.includes('/not-json')) {
      response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad gateway</html>');
    } else if (url.includes('/broken-json')) {
      response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message": ');
    } else if (url.includes('/hang-up')) {
      response.socket?.destroy();
    }
    // "/silent": never answered.
  };

  it('sends the JSON body with its headers to the path under the base, and reads an answer that arrives in parts', async () => {
    const answered = await poster.post('/webhooks/1/t/in-parts?wait=true', '{"content":"hi"}');
    expect(answered).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-ratelimit-remaining': '4' }),
      body: { id: '12345678901234567', content: 'Episode 5 — out now' },
    });
    expect(received[0]).toMatchObject({
      url: '/api/v10/webhooks/1/t/in-parts?wait=true',
      body: '{"content":"hi"}',
      headers: expect.objectContaining({ 'content-type': 'application/json', 'user-agent': 'DiscordBot (AniTrack, 0.1)' }),
    });
  });

  it('hands back the status with no body for an empty answer, one that is not JSON, or JSON cut short', async () => {
    expect(await poster.post('/no-content', '{}')).toMatchObject({ status: 204, body: undefined });
    expect(await poster.post('/not-json', '{}')).toMatchObject({ status: 502, body: undefined });
    expect(await poster.post('/broken-json', '{}')).toMatchObject({ status: 500, body: undefined });
  });

  it('fails in plain words when no answer comes in time, and with the error when the connection drops', async () => {
    await expect(poster.post('/silent', '{}')).rejects.toThrow('no answer within 300 ms');
    await expect(poster.post('/hang-up', '{}')).rejects.toThrow(/other side closed|socket hang up|ECONNRESET/);
    // The pool carries on after both.
    expect((await poster.post('/no-content', '{}')).status).toBe(204);
  });
});
