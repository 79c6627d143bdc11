import { randomBytes } from 'node:crypto';
import { DiscordAPIError } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { captureLog } from './support/log-capture.ts';

const WEBHOOK_TOKEN = randomBytes(51).toString('base64url');
const WEBHOOK_PATH = `/webhooks/123456789012345678/${WEBHOOK_TOKEN}`;

describe('logging', () => {
  it('writes JSON lines with secrets redacted wherever they sit', () => {
    const log = captureLog();
    const logger = createLogger({ level: 'info', destination: log.destination });
    logger.info({ token: 'tok-1', webhook: { id: '1', token: 'tok-2' }, request: { headers: { authorization: 'Bot tok-3' } }, guildId: '42' }, 'sent');
    logger.info({ config: { DISCORD_BOT_TOKEN: 'tok-4', ENCRYPTION_KEY: 'key-5', METRICS_TOKEN: 'tok-6', PORT: 3000 } }, 'settings');
    const output = log.text();
    for (const secret of ['tok-1', 'tok-2', 'tok-3', 'tok-4', 'key-5', 'tok-6']) expect(output).not.toContain(secret);
    const [first, second] = log.lines();
    expect(first).toMatchObject({ msg: 'sent', guildId: '42', token: '[redacted]', webhook: { id: '1', token: '[redacted]' } });
    expect(second!.config).toEqual({ DISCORD_BOT_TOKEN: '[redacted]', ENCRYPTION_KEY: '[redacted]', METRICS_TOKEN: '[redacted]', PORT: 3000 });
  });

  it('removes tokens from the message, whether written into it or interpolated', () => {
    const log = captureLog();
    const logger = createLogger({ level: 'info', destination: log.destination });
    logger.info(`posted to ${WEBHOOK_PATH}`);
    logger.warn('retrying %s', `https://discord.com/api/v10${WEBHOOK_PATH}/messages/@original`);
    expect(log.text()).not.toContain(WEBHOOK_TOKEN);
    expect(log.lines().map((line) => line.msg)).toEqual([
      'posted to /webhooks/123456789012345678/[redacted]',
      'retrying https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original',
    ]);
  });

  it('removes configured secret values from every part of a line', () => {
    const key = randomBytes(32).toString('base64');
    const botToken = `${Buffer.from('123456789012345678').toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    const log = captureLog();
    const logger = createLogger({ level: 'trace', destination: log.destination, secrets: [key, botToken] });
    logger.child({ note: `started with ${key}` }).debug({ detail: { said: `token is ${botToken}` } }, `key ${key}`);
    logger.error(new Error(`failed with ${key}`));
    const output = log.text();
    expect(output).not.toContain(key);
    expect(output).not.toContain(botToken);
    const [first, second] = log.lines();
    expect(first).toMatchObject({ note: 'started with [redacted]', detail: { said: 'token is [redacted]' }, msg: 'key [redacted]' });
    expect(second).toMatchObject({ msg: 'failed with [redacted]', err: { message: 'failed with [redacted]' } });
  });

  it('writes errors (as err, as error, or nested anywhere) with their details and without their tokens', () => {
    const log = captureLog();
    const logger = createLogger({ level: 'info', destination: log.destination });
    const discordError = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'POST', `https://discord.com/api/v10${WEBHOOK_PATH}`, {
      body: { content: 'hi' },
    });
    logger.error({ err: discordError }, 'as err');
    logger.error({ error: discordError }, 'as error');
    logger.error({ attempts: [{ failure: new TypeError('fetch failed', { cause: discordError }) }] }, 'nested');
    expect(log.text()).not.toContain(WEBHOOK_TOKEN);
    const expected = { type: 'DiscordAPIError', status: 404, code: 10015, url: 'https://discord.com/api/v10/webhooks/123456789012345678/[redacted]' };
    const [asErr, asError, nested] = log.lines();
    expect(asErr!.err).toMatchObject(expected);
    expect(asError!.error).toMatchObject(expected);
    expect(nested).toMatchObject({ attempts: [{ failure: { type: 'TypeError', message: 'fetch failed', cause: expected } }] });
  });
});
