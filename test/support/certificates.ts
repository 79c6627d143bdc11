// Throwaway self-signed certificates, made by the openssl command line, and a way to run
// `openssl s_client` that cannot hang: stdin is /dev/null (so it quits after the handshake) and
// a timeout kills it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** `openssl version`, or a clear failure saying the tests need it. */
export function opensslVersion(): string {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5_000 }).trim();
  } catch (error) {
    throw new Error(`these tests need the openssl command line: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A new P-256 key and a one-day certificate for localhost and 127.0.0.1, in a folder of its own. */
export function selfSignedCertificate(commonName = 'localhost'): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'anitrack-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 },
  );
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

export interface SClientRun {
  /** null when openssl was killed by the timeout. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SClientOptions {
  /**
   * Sent once connected, then stdin is closed and s_client waits for the server to hang up
   * (-ign_eof): an HTTP/1.0 request gets its answer, and s_client has the session (TLS 1.3
   * sends it after the handshake) to print. Without one, stdin is /dev/null and s_client quits
   * as soon as the handshake is over.
   */
  send?: string;
  timeoutMs?: number;
}

/** `openssl s_client -connect 127.0.0.1:<port> <args…>`, killed after `timeoutMs`. */
export function sClient(port: number, args: string[], options: SClientOptions = {}): Promise<SClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', ...(options.send ? ['-ign_eof'] : []), ...args], {
      stdio: [options.send ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 10_000,
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.send);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What s_client says was negotiated: its session's protocol and cipher, or null for none. */
export function negotiated(run: SClientRun): { protocol: string; cipher: string } | null {
  // A refused handshake still prints a session block (the version it tried, cipher 0000), so
  // the line that counts is "New, <protocol>, Cipher is <cipher>".
  const match = /^New, (TLSv[\d.]+), Cipher is (\S+)$/m.exec(run.stdout);
  if (!match) return null;
  return { protocol: match[1]!, cipher: match[2]! };
}
