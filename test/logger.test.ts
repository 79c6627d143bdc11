import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

describe('logging', () => {
  it('writes JSON lines with secrets redacted wherever they sit', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ token: 'tok-1', webhook: { id: '1', token: 'tok-2' }, request: { headers: { authorization: 'Bot tok-3' } }, guildId: '42' }, 'sent');
    logger.info({ config: { DISCORD_BOT_TOKEN: 'tok-4', ENCRYPTION_KEY: 'key-5', PORT: 3000 } }, 'settings');
    const output = lines.join('');
    for (const secret of ['tok-1', 'tok-2', 'tok-3', 'tok-4', 'key-5']) expect(output).not.toContain(secret);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({ msg: 'sent', guildId: '42', token: '[redacted]', webhook: { id: '1', token: '[redacted]' } });
    expect(second.config).toEqual({ DISCORD_BOT_TOKEN: '[redacted]', ENCRYPTION_KEY: '[redacted]', PORT: 3000 });
  });
});
