// HTTPS for the main web server, TLS 1.3 only (the privacy policy promises it: promise P9).
// Older versions are refused during the handshake, so a client that cannot speak TLS 1.3 never
// gets a page. The certificate is swapped in place when it is renewed (replaceCertificate):
// connections already open keep the one they started with, new ones get the new one.
import { readFileSync } from 'node:fs';
import type { Server as HttpsServer, ServerOptions as HttpsServerOptions } from 'node:https';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { FastifyInstance } from 'fastify';

/** The certificate (a chain may follow it in the same PEM) and its private key, as PEM text. */
export interface TlsCertificate {
  cert: string;
  key: string;
}

/** Where the certificate and key are read from again on a renewal. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

const TLS_MIN_VERSION = 'TLSv1.3';

/** The TLS 1.3 cipher suites, all three AEADs; with TLS 1.3 only there is nothing weaker to allow. */
export const TLS13_CIPHER_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

/** What Node's TLS needs for our policy: this certificate, TLS 1.3 and nothing older, its suites. */
export function tlsContextOptions(certificate: TlsCertificate): SecureContextOptions {
  return {
    cert: certificate.cert,
    key: certificate.key,
    minVersion: TLS_MIN_VERSION,
    // Names starting with TLS_ are TLS 1.3 suites to Node (OpenSSL's "ciphersuites").
    ciphers: TLS13_CIPHER_SUITES.join(':'),
  };
}

/**
 * Fastify's `https` option. Node's https server takes the http server's options from the same
 * object, and Fastify passes its `http` option only to a plain http server, so the timeouts
 * (timeouts.ts) must come in here too or a slow client over TLS would be held for Node's defaults.
 */
export function httpsServerOptions(certificate: TlsCertificate, timeouts: HttpsServerOptions): HttpsServerOptions {
  return { ...timeouts, ...tlsContextOptions(certificate) };
}

export class TlsFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TlsFileError';
  }
}

/**
 * Reads the two files again (after a renewal) and checks that Node can serve them. Throws a
 * TlsFileError saying which setting's file is wrong.
 */
export function readCertificateFiles(files: TlsFiles): TlsCertificate {
  const certificate = { cert: readPem(files.certFile, 'TLS_CERT_FILE'), key: readPem(files.keyFile, 'TLS_KEY_FILE') };
  try {
    createSecureContext(tlsContextOptions(certificate));
  } catch (error) {
    throw new TlsFileError(`TLS_CERT_FILE and TLS_KEY_FILE cannot be used together: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return certificate;
}

/** Serves `certificate` to every new connection of `web`, which must have been built with TLS. */
export function replaceCertificate(web: FastifyInstance, certificate: TlsCertificate): void {
  // Node builds the new context from these options alone: without minVersion and the suites
  // again, new connections would get Node's defaults, TLS 1.2 included.
  (web.server as unknown as HttpsServer).setSecureContext(tlsContextOptions(certificate));
}

function readPem(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TlsFileError(`${setting} (${path}) cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
