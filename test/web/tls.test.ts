// HTTPS on the main web server, TLS 1.3 only (promise P9), checked from outside with the openssl
// command line and Node's own client against the whole app listening on a loopback port.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect as connectTcp, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { TLS13_CIPHER_SUITES, tlsContextOptions } from '../../src/web/tls.ts';
import { negotiated, opensslVersion, sClient, selfSignedCertificate, type Certificate } from '../support/certificates.ts';
import { collect, emptyFolder, freePort, runAnitrack, spawnAnitrack, waitFor } from '../support/cli.ts';
import { createFakeAniList } from '@anitrack/anilist-emulator';
import { startApp, type StartedApp } from './started-app.ts';

function portOf(address: string): number {
  return Number(new URL(address).port);
}

/** GET over https, trusting `ca` only. */
function httpsGet(port: number, path: string, ca: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

/** The SHA-256 fingerprint of the certificate a new TLS connection is served. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

const fingerprintOf = (certificate: Certificate) => new X509Certificate(certificate.cert).fingerprint256;

describe('HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let certificate: Certificate;
  let renewed: Certificate;
  /** The files the app is configured with: first `certificate`'s, later overwritten by renewals. */
  let files: { certFile: string; keyFile: string };
  let started: StartedApp;
  let port: number;

  beforeAll(async () => {
    expect(opensslVersion()).toMatch(/^OpenSSL \d/);
    certificate = selfSignedCertificate('first.localhost');
    renewed = selfSignedCertificate('renewed.localhost');
    const dir = mkdtempSync(join(tmpdir(), 'anitrack-live-'));
    files = { certFile: join(dir, 'fullchain.pem'), keyFile: join(dir, 'privkey.pem') };
    copyFileSync(certificate.certFile, files.certFile);
    copyFileSync(certificate.keyFile, files.keyFile);
    started = await startApp({ HOST: '127.0.0.1', TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: files.keyFile });
    port = portOf(started.address);
  });
  afterAll(async () => {
    await started?.close();
  });

  it('listens on https', () => {
    expect(started.address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses TLS 1.2', async () => {
    const run = await sClient(port, ['-tls1_2']);
    expect(run.code, run.stdout + run.stderr).not.toBe(0);
    expect(negotiated(run)).toBeNull();
    expect(run.stdout).toContain('Cipher is (NONE)');
    expect(run.stderr).toMatch(/protocol version/);
  });

  it('accepts TLS 1.3, and answers HTTP over it', async () => {
    const run = await sClient(port, ['-tls1_3'], { send: 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\s*Protocol\s*: TLSv1\.3$/m);
    expect(run.stdout).toMatch(/^HTTP\/1\.1 200 /m);
    expect(negotiated(run)).toEqual({ protocol: 'TLSv1.3', cipher: expect.stringMatching(/^TLS_/) });
    expect(TLS13_CIPHER_SUITES).toContain(negotiated(run)?.cipher);
  });

  it.each(TLS13_CIPHER_SUITES)('offers the TLS 1.3 suite %s', async (suite) => {
    const run = await sClient(port, ['-tls1_3', '-ciphersuites', suite]);
    expect(run.code, run.stderr).toBe(0);
    expect(negotiated(run)).toEqual({ protocol: 'TLSv1.3', cipher: suite });
  });

  it('answers GET /healthz over https, with Strict-Transport-Security (PUBLIC_URL defaults to https)', async () => {
    const response = await httpsGet(port, '/healthz', certificate.cert);
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('serves a renewed certificate after a reload, still TLS 1.3 only, and keeps it when the new files are broken', async () => {
    expect(await servedFingerprint(port)).toBe(fingerprintOf(certificate));
    copyFileSync(renewed.certFile, files.certFile);
    copyFileSync(renewed.keyFile, files.keyFile);
    expect(started.app.reloadCertificate()).toBe(true);
    expect(await servedFingerprint(port)).toBe(fingerprintOf(renewed));
    // Node forgets every TLS option not given again; the policy must survive the swap.
    expect(negotiated(await sClient(port, ['-tls1_2']))).toBeNull();
    expect(negotiated(await sClient(port, ['-tls1_3']))?.protocol).toBe('TLSv1.3');
    expect((await httpsGet(port, '/healthz', renewed.cert)).status).toBe(200);

    // A renewal caught half-written (a new certificate, the old key) is not served.
    copyFileSync(certificate.certFile, files.certFile);
    expect(started.app.reloadCertificate()).toBe(false);
    writeFileSync(files.keyFile, 'not a key\n');
    expect(started.app.reloadCertificate()).toBe(false);
    expect(await servedFingerprint(port)).toBe(fingerprintOf(renewed));
  });
});

describe('the TLS policy', () => {
  it('holds two locks on TLS 1.2 and older: the minimum version, and only TLS 1.3 suites to choose from', () => {
    // Either alone makes OpenSSL refuse TLS 1.2 (the handshake tests above pass with just one),
    // so this checks that both are there.
    expect(tlsContextOptions({ cert: 'c', key: 'k' })).toEqual({
      cert: 'c',
      key: 'k',
      minVersion: 'TLSv1.3',
      ciphers: 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256',
    });
  });
});

describe('without TLS settings', () => {
  it('listens on plain http, and a reload has nothing to do', async () => {
    const started = await startApp({ HOST: '127.0.0.1' });
    try {
      expect(started.address).toMatch(/^http:\/\//);
      expect(started.app.reloadCertificate()).toBe(false);
    } finally {
      await started.close();
    }
  });
});

describe('slow clients over TLS', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function listen(): Promise<number> {
    const { cert, key } = selfSignedCertificate();
    app = await buildWebServer({
      logger: createLogger({ level: 'silent' }),
      healthChecks: [],
      tls: { cert, key },
      timeouts: { headersMs: 300, requestMs: 2_000, checkIntervalMs: 50 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return (app.server.address() as AddressInfo).port;
  }

  it('are cut off when they open a connection and never start the handshake', async () => {
    const port = await listen();
    const closedAfterMs = await new Promise<number>((resolve, reject) => {
      const socket = connectTcp({ host: '127.0.0.1', port });
      let startedAt = 0;
      const giveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a silent connection open for 5 s'));
      }, 5_000);
      socket.on('connect', () => (startedAt = Date.now()));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(Date.now() - startedAt);
      });
    });
    expect(closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(closedAfterMs).toBeLessThan(1_500);
  });

  it('get a 408 when they trickle their headers in past the headers timeout', async () => {
    const port = await listen();
    const received = await new Promise<string>((resolve, reject) => {
      let text = '';
      let timer: NodeJS.Timeout | undefined;
      const giveUp = setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error('the server kept a trickling client for 5 s'));
      }, 5_000);
      const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
        socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
      });
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve(text);
      });
    });
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('the anitrack command with TLS', () => {
  it('stops before starting when a TLS file cannot be read: code 2, the setting named, no stack trace', async () => {
    const cwd = emptyFolder();
    const { certFile } = selfSignedCertificate();
    const missing = join(cwd, 'no-such-key.pem');
    const run = await runAnitrack(['start'], { cwd, settings: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: missing } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`AniTrack cannot start: 1 setting is wrong:\n  - TLS_KEY_FILE cannot be read: there is no such file (got "${missing}")`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves the renewed certificate after SIGHUP, without a restart', async () => {
    const cwd = emptyFolder();
    const first = selfSignedCertificate('first.localhost');
    const renewed = selfSignedCertificate('renewed.localhost');
    const files = { certFile: join(cwd, 'fullchain.pem'), keyFile: join(cwd, 'privkey.pem') };
    copyFileSync(first.certFile, files.certFile);
    copyFileSync(first.keyFile, files.keyFile);
    const anilist = createFakeAniList();
    const port = await freePort();
    const child = spawnAnitrack(['start'], {
      cwd,
      settings: {
        PORT: String(port),
        TLS_CERT_FILE: files.certFile,
        TLS_KEY_FILE: files.keyFile,
        // A real installation's settings, taking commands over HTTP so nothing dials Discord.
        DISCORD_BOT_TOKEN: 'a-bot-token-for-tests',
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        INTERACTIONS_MODE: 'http',
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
        ANILIST_API_URL: await anilist.start(),
      },
    });
    const finished = collect(child);
    try {
      const health = await waitFor(async () => (await httpsGet(port, '/healthz', first.cert)).status, 20_000);
      expect(health).toBe(200);
      expect(await servedFingerprint(port)).toBe(fingerprintOf(first));

      copyFileSync(renewed.certFile, files.certFile);
      copyFileSync(renewed.keyFile, files.keyFile);
      child.kill('SIGHUP');
      const served = await waitFor(async () => {
        const fingerprint = await servedFingerprint(port);
        return fingerprint === fingerprintOf(renewed) ? fingerprint : undefined;
      }, 5_000);
      expect(served).toBe(fingerprintOf(renewed));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await anilist.close();
    }
    const run = await finished;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Reloaded the TLS certificate');
  });
});
