// Each repository test runs once on a SQLite file and once on PostgreSQL, each test on a
// database of its own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type StoreDialect } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Repositories } from '../../src/store/repositories.ts';
import { createSecretBox, type SecretBox } from '../../src/store/secrets.ts';
import { TEMPLATE_DATABASE, withDatabase } from './postgres.global.ts';

export const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export interface TestStore {
  dialect: StoreDialect;
  url: string;
  /** The SQLite file, for tests that read raw bytes. */
  file?: string;
  database: DatabaseHandle;
  repositories: Repositories;
  secrets: SecretBox;
  /**
   * Another connection pool to the same PostgreSQL database. On SQLite, where one process
   * uses one connection (and a second connection in the same thread would block on the first),
   * this shares the connection: cross-process SQLite tests use child processes instead.
   */
  openAnother(): Promise<{ database: DatabaseHandle; repositories: Repositories }>;
  dispose(): Promise<void>;
}

export function testKey(): Buffer {
  return randomBytes(32);
}

export async function createTestStore(dialect: StoreDialect, secrets: SecretBox = createSecretBox(testKey())): Promise<TestStore> {
  const others: DatabaseHandle[] = [];
  let url: string;
  let file: string | undefined;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'anitrack-sqlite-'));
    file = join(dir, 'test.db');
    url = `sqlite:${file}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const adminUrl = inject('postgresAdminUrl');
    const name = `anitrack_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name} template ${TEMPLATE_DATABASE}`);
    url = withDatabase(adminUrl, name);
    cleanup = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
  const database = openDatabase(url);
  await migrateToLatest(database);
  const open = async () => {
    if (dialect === 'sqlite') return { database, repositories: createKyselyRepositories(database, secrets) };
    const another = openDatabase(url);
    others.push(another);
    return { database: another, repositories: createKyselyRepositories(another, secrets) };
  };
  return {
    dialect,
    url,
    ...(file !== undefined && { file }),
    database,
    repositories: createKyselyRepositories(database, secrets),
    secrets,
    openAnother: open,
    async dispose() {
      for (const other of others) await other.close();
      await database.close();
      await cleanup();
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
