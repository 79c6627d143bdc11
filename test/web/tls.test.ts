// HTTPS on the main web server, TLS 1.3 only (promise P9).
import { type AddressInfo, connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { buildWebServer } from '../../src/web/server.ts';
import { tlsContextOptions } from '../../src/web/tls.ts';
import { selfSignedCertificate } from '../support/certificates.ts';

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
