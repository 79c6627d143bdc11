import { describe, expect, it } from 'vitest';
import { classifyDiscordResponse } from '../../src/delivery/discord/classify-discord-response.ts';

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const classify = (answer: Parameters<typeof classifyDiscordResponse>[0], attempt = 1) => classifyDiscordResponse(answer, attempt, policy, () => 0.5);

describe('classifying what Discord answered', () => {
  it('2xx is sent, with the message id when Discord returned one', () => {
    expect(classify({ status: 200, messageId: '42' })).toEqual({ kind: 'sent', messageId: '42' });
    expect(classify({ status: 204 })).toEqual({ kind: 'sent', messageId: null });
  });

  it('a deleted webhook or a revoked token means the webhook is gone', () => {
    expect(classify({ status: 404, code: 10015, message: 'Unknown Webhook' })).toMatchObject({ kind: 'gone', reason: 'HTTP 404 (10015): Unknown Webhook' });
    expect(classify({ status: 401, code: 50027, message: 'Invalid Webhook Token' })).toMatchObject({ kind: 'gone' });
  });

  it('a bare 401, 403 or 404 (a proxy in between, not Discord) is retried, never taken for a gone webhook', () => {
    for (const status of [401, 403, 404]) {
      expect(classify({ status, message: 'Not Found' }, 1)).toMatchObject({ kind: 'retry' });
      expect(classify({ status }, 5)).toMatchObject({ kind: 'failed' });
    }
    expect(classify({ status: 403, code: 50013, message: 'Missing Permissions' })).toMatchObject({ kind: 'retry' });
  });

  it('429 waits exactly what Discord asked, however many attempts', () => {
    expect(classify({ status: 429, retryAfterMs: 64_570 }, 50)).toMatchObject({ kind: 'retry', afterMs: 64_570 });
  });

  it('5xx and network errors back off exponentially, then give up', () => {
    expect(classify({ status: 502 }, 1)).toMatchObject({ kind: 'retry', afterMs: 750 });
    expect(classify({ status: 500 }, 3)).toMatchObject({ kind: 'retry', afterMs: 3000 });
    expect(classify({ networkError: 'ECONNRESET' }, 2)).toMatchObject({ kind: 'retry', afterMs: 1500, reason: 'network error: ECONNRESET' });
    expect(classify({ status: 503 }, 5)).toMatchObject({ kind: 'failed' });
    expect(classify({ status: 500 }, 30)).toMatchObject({ kind: 'failed' });
  });

  it('a payload Discord refuses is not retried', () => {
    expect(classify({ status: 400, code: 50035, message: 'Invalid Form Body' })).toEqual({ kind: 'rejected', reason: 'HTTP 400 (50035): Invalid Form Body' });
  });
});
