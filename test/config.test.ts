import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { PREMIUM_TIERS } from '../src/domain/tiers.ts';
import { opensslVersion, selfSignedCertificate } from './support/certificates.ts';

const noFile = join(tmpdir(), 'anitrack-no-such-env-file');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ env, envFile: noFile });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings', () => {
  it('has working defaults when nothing is set', () => {
    const config = loadConfig({ env: {}, envFile: noFile });
    expect(config).toMatchObject({
      DATABASE_URL: 'sqlite:./data/anitrack.db',
      DATA_DIR: './data',
      INTERACTIONS_MODE: 'gateway',
      DISCORD_API_URL: 'https://discord.com/api',
      ANILIST_API_URL: 'https://graphql.anilist.co',
      ANILIST_REQUESTS_PER_MINUTE: 30,
      MAL_API_URL: 'https://api.myanimelist.net/v2',
      DEFAULT_TIER: 'free',
      HOST: '127.0.0.1',
      PORT: 3000,
      PUBLIC_URL: 'http://127.0.0.1:3000',
      LOG_LEVEL: 'info',
      ENCRYPTION_KEYS_OLD: [],
    });
    expect(config.ENCRYPTION_KEY).toBeUndefined();
    expect(config.DISCORD_BOT_TOKEN).toBeUndefined();
  });

  it('coerces numbers, trims values and treats empty values as unset', () => {
    const config = loadConfig({
      env: { PORT: ' 8080 ', ANILIST_REQUESTS_PER_MINUTE: '90', MAL_CLIENT_ID: '', PUBLIC_URL: 'https://anitrack.example/' },
      envFile: noFile,
    });
    expect(config.PORT).toBe(8080);
    expect(config.ANILIST_REQUESTS_PER_MINUTE).toBe(90);
    expect(config.MAL_CLIENT_ID).toBeUndefined();
    expect(config.PUBLIC_URL).toBe('https://anitrack.example');
  });

  it('reads a .env file, with the real environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anitrack-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n# a comment\nHOST="0.0.0.0"\n');
    expect(loadConfig({ env: { LOG_LEVEL: 'warn' }, envFile: file })).toMatchObject({ PORT: 4000, LOG_LEVEL: 'warn', HOST: '0.0.0.0' });
  });

  it('reports every problem at once, in plain words, without echoing secrets', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root:hunter2@db/anitrack',
      ENCRYPTION_KEY: 'too-short',
      INTERACTIONS_MODE: 'websocket',
      ANILIST_REQUESTS_PER_MINUTE: '500',
      ANILIST_API_URL: 'graphql.anilist.co',
      DISCORD_PUBLIC_KEY: 'xyz',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'DATABASE_URL must look like sqlite:./data/anitrack.db or postgres://user:password@host/db',
      'ENCRYPTION_KEY must be the base64 encoding of exactly 32 bytes (try: openssl rand -base64 32)',
      'DISCORD_PUBLIC_KEY must be 64 hexadecimal characters',
      'INTERACTIONS_MODE must be gateway or http (got "websocket")',
      'ANILIST_API_URL must be an http:// or https:// address (got "graphql.anilist.co")',
      'ANILIST_REQUESTS_PER_MINUTE must be at most 90 (got "500")',
      'PORT must be a whole number (got "eighty")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes a default premium tier, one of the three', () => {
    for (const tier of PREMIUM_TIERS) expect(loadConfig({ env: { DEFAULT_TIER: tier }, envFile: noFile }).DEFAULT_TIER).toBe(tier);
    expect(loadConfig({ env: { DEFAULT_TIER: 'supporter_plus' }, envFile: noFile }).DEFAULT_TIER).toBe('supporter_plus');
    expect(problemsOf({ DEFAULT_TIER: 'Supporter+' })).toEqual(['DEFAULT_TIER must be one of free, supporter, supporter_plus (got "Supporter+")']);
  });

  it('reads the outbound addresses as a list, and says in plain words what is wrong with one', () => {
    expect(loadConfig({ env: {}, envFile: noFile }).OUTBOUND_ADDRESSES).toEqual([]);
    expect(loadConfig({ env: { OUTBOUND_ADDRESSES: '127.0.0.2, 127.0.0.3,2001:db8::7' }, envFile: noFile }).OUTBOUND_ADDRESSES).toEqual([
      '127.0.0.2',
      '127.0.0.3',
      '2001:db8::7',
    ]);
    expect(problemsOf({ OUTBOUND_ADDRESSES: 'eth0,127.0.0.2,0.0.0.0,127.0.0.2' })).toEqual([
      'OUTBOUND_ADDRESSES must be this machine’s own addresses to send from, separated by commas (e.g. 203.0.113.10,203.0.113.11): ' +
        '"eth0" is not an IPv4 or IPv6 address; "0.0.0.0" means any address, name the machine’s own addresses instead; "127.0.0.2" is named twice ' +
        '(got "eth0,127.0.0.2,0.0.0.0,127.0.0.2")',
    ]);
  });

  it('checks settings that depend on each other', () => {
    expect(problemsOf({ DISCORD_BOT_TOKEN: 'abc', INTERACTIONS_MODE: 'http' })).toEqual([
      'DISCORD_APPLICATION_ID is required when DISCORD_BOT_TOKEN is set',
      'DISCORD_PUBLIC_KEY is required when INTERACTIONS_MODE is http',
    ]);
    expect(problemsOf({ ENCRYPTION_KEYS_OLD: `${Buffer.alloc(32, 1).toString('base64')},nope` })).toEqual([
      'ENCRYPTION_KEYS_OLD must be the base64 encoding of exactly 32 bytes (try: openssl rand -base64 32)',
    ]);
  });
});

describe('TLS_CERT_FILE and TLS_KEY_FILE', () => {
  opensslVersion();
  const pair = selfSignedCertificate();
  const other = selfSignedCertificate();

  it('are read at start into the settings, and make the default PUBLIC_URL https', () => {
    const config = loadConfig({ env: { TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.keyFile }, envFile: noFile });
    expect(config.TLS_CERT_FILE).toEqual({ path: pair.certFile, pem: pair.cert });
    expect(config.TLS_KEY_FILE).toEqual({ path: pair.keyFile, pem: pair.key });
    expect(config.PUBLIC_URL).toBe('https://127.0.0.1:3000');
    const proxied = loadConfig({ env: { TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.keyFile, PUBLIC_URL: 'https://anitrack.example' }, envFile: noFile });
    expect(proxied.PUBLIC_URL).toBe('https://anitrack.example');
    const plain = loadConfig({ env: {}, envFile: noFile });
    expect([plain.TLS_CERT_FILE, plain.TLS_KEY_FILE, plain.PUBLIC_URL]).toEqual([undefined, undefined, 'http://127.0.0.1:3000']);
  });

  it('go together: one without the other is refused', () => {
    expect(problemsOf({ TLS_CERT_FILE: pair.certFile })).toEqual(['TLS_KEY_FILE is required when TLS_CERT_FILE is set (both or neither)']);
    expect(problemsOf({ TLS_KEY_FILE: pair.keyFile })).toEqual(['TLS_CERT_FILE is required when TLS_KEY_FILE is set (both or neither)']);
  });

  it('must be files that can be read, named with their path', () => {
    const folder = mkdtempSync(join(tmpdir(), 'anitrack-tls-folder-'));
    const missing = join(folder, 'missing.pem');
    expect(problemsOf({ TLS_CERT_FILE: missing, TLS_KEY_FILE: folder })).toEqual([
      `TLS_CERT_FILE cannot be read: there is no such file (got "${missing}")`,
      `TLS_KEY_FILE cannot be read: it is a folder, not a file (got "${folder}")`,
    ]);
  });

  it('must hold a PEM certificate and its unencrypted private key', () => {
    const folder = mkdtempSync(join(tmpdir(), 'anitrack-tls-bad-'));
    const junk = join(folder, 'junk.pem');
    writeFileSync(junk, 'hello\n');
    const encrypted = join(folder, 'encrypted.pem');
    execFileSync('openssl', ['pkey', '-in', pair.keyFile, '-aes256', '-passout', 'pass:a-passphrase', '-out', encrypted], { stdio: 'ignore', timeout: 10_000 });

    // Swapped: the key where the certificate goes and the other way round.
    expect(problemsOf({ TLS_CERT_FILE: pair.keyFile, TLS_KEY_FILE: pair.certFile })).toEqual([
      `TLS_CERT_FILE must be a PEM certificate (a file starting with -----BEGIN CERTIFICATE-----) (got "${pair.keyFile}")`,
      `TLS_KEY_FILE must be a PEM private key (a file starting with -----BEGIN PRIVATE KEY----- or similar) (got "${pair.certFile}")`,
    ]);
    expect(problemsOf({ TLS_CERT_FILE: junk, TLS_KEY_FILE: encrypted })).toEqual([
      `TLS_CERT_FILE must be a PEM certificate (a file starting with -----BEGIN CERTIFICATE-----) (got "${junk}")`,
      `TLS_KEY_FILE is protected by a passphrase, which AniTrack has no way to enter: give it the key without one (got "${encrypted}")`,
    ]);
    expect(problemsOf({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: other.keyFile })).toEqual([
      `TLS_KEY_FILE is not the private key of the certificate in TLS_CERT_FILE (got "${other.keyFile}")`,
    ]);
  });

  it('are reported like every other setting, without the key in the message', () => {
    let message = '';
    try {
      loadConfig({ env: { TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: other.keyFile }, envFile: noFile });
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toBe(
      `AniTrack cannot start: 1 setting is wrong:\n  - TLS_KEY_FILE is not the private key of the certificate in TLS_CERT_FILE (got "${other.keyFile}")`,
    );
    expect(message).not.toContain('PRIVATE KEY');
  });
});
