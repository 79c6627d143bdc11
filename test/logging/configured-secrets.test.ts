// Which settings the logger is told to remove by value.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configuredSecrets } from '../../src/logging/configured-secrets.ts';
import { selfSignedCertificate } from '../support/certificates.ts';

describe('configured secrets', () => {
  it('are the tokens, the MyAnimeList client id, every spelling of every key, and the database password', () => {
    const key = randomBytes(32);
    const oldKey = randomBytes(32);
    const env = {
      DATABASE_URL: 'postgres://anitrack:p%40ss-word-1@db:5432/anitrack',
      ENCRYPTION_KEY: key.toString('base64url'),
      ENCRYPTION_KEYS_OLD: oldKey.toString('base64'),
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_BOT_TOKEN: 'bot-token-value',
      METRICS_TOKEN: 'metrics-token-value',
      MAL_CLIENT_ID: 'mal-client-id-value',
    };
    const secrets = configuredSecrets(loadConfig({ env, envFile: '/nonexistent/.env' }));
    expect(secrets).toEqual(
      expect.arrayContaining([
        'bot-token-value',
        'metrics-token-value',
        'mal-client-id-value',
        'p%40ss-word-1',
        'p@ss-word-1',
        ...[key, oldKey].flatMap((bytes) => [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]),
      ]),
    );
  });

  it('include every base64 line of the TLS private key, but not its path or the certificate', () => {
    const { certFile, keyFile, cert, key } = selfSignedCertificate();
    const secrets = configuredSecrets(loadConfig({ env: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile }, envFile: '/nonexistent/.env' }));
    const keyLines = key.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    expect(keyLines.length).toBeGreaterThan(0);
    expect(secrets).toEqual(keyLines);
    expect(secrets.join('\n')).not.toContain(keyFile);
    for (const line of cert.split('\n').filter((l) => !l.startsWith('-----'))) if (line.length >= 8) expect(secrets).not.toContain(line);
  });

  it('are none when nothing secret is set', () => {
    expect(configuredSecrets(loadConfig({ env: {}, envFile: '/nonexistent/.env' }))).toEqual([]);
  });
});
