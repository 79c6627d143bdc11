// The token shapes removed from free text, and ordinary text that must come through untouched.
import { describe, expect, it } from 'vitest';
import { createTextScrubber } from '../../src/logging/secret-text.ts';

const WEBHOOK_TOKEN = 'k3Yx0_J9mQe2Wn8vT5bLr7uPz4aHc6dFg1sEo0iNyRtUw-VqXlKmBjZp3hG2fD9sA8cQ';
const INTERACTION_TOKEN = `aW50ZXJhY3Rpb246${'Q2hhbGxlbmdl'.repeat(10)}`;
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const scrub = createTextScrubber(['configured-secret-value', 'with "quotes" and \\ slash']);

describe('secrets in text', () => {
  it.each([
    [
      `POST https://discord.com/api/v10/webhooks/123456789012345678/${WEBHOOK_TOKEN}?wait=true`,
      'POST https://discord.com/api/v10/webhooks/123456789012345678/[redacted]?wait=true',
    ],
    [`/webhooks/987654321098765432/${INTERACTION_TOKEN}/messages/@original`, '/webhooks/987654321098765432/[redacted]/messages/@original'],
    [`/interactions/111111111111111111/${INTERACTION_TOKEN}/callback`, '/interactions/111111111111111111/[redacted]/callback'],
    [`bucket 123456789012345678/${WEBHOOK_TOKEN} is limited`, 'bucket 123456789012345678/[redacted] is limited'],
    [`Authorization: Bot ${BOT_TOKEN}`, 'Authorization: Bot [redacted]'],
    ['authorization: Bearer abcDEF123456ghiJKL789', 'authorization: Bearer [redacted]'],
    [`token ${BOT_TOKEN} leaked`, 'token [redacted] leaked'],
    ['connect postgres://anitrack:hunter2-pass@db:5432/anitrack', 'connect postgres://anitrack:[redacted]@db:5432/anitrack'],
    ['the key is configured-secret-value, twice: configured-secret-value', 'the key is [redacted], twice: [redacted]'],
  ])('%s', (text, expected) => {
    expect(scrub(text)).toBe(expected);
  });

  it('finds a configured secret also as it is escaped inside a JSON line', () => {
    const line = JSON.stringify({ msg: 'x with "quotes" and \\ slash y' });
    expect(scrub(line)).toBe(JSON.stringify({ msg: 'x [redacted] y' }));
  });

  it.each([
    'the bot disconnected from the gateway',
    'rate limited on /webhooks/:id/:token',
    'GET /channels/123456789012345678/messages/123456789012345679',
    '/webhooks/123456789012345678/[redacted]',
    'at handleErrors (file:///work/main/node_modules/@discordjs/rest/dist/index.mjs:750:13)',
    'https://anilist.co/anime/12345 aired at 2026-01-02T03:04:05.678Z',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(scrub(text)).toBe(text);
  });

  it('ignores configured values too short to tell from ordinary text', () => {
    expect(createTextScrubber(['', 'abc'])('abc level 30')).toBe('abc level 30');
  });
});
