// The bytes a table's rows are written in on disk (the SQLite file, or PostgreSQL's heap file
// of the table), after a checkpoint: what someone holding a copy of the database would read.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestStore } from './stores.ts';

export async function rawTableBytes(store: TestStore, table: string): Promise<Buffer> {
  if (store.file) {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.database.db);
    return readFileSync(store.file);
  }
  await sql`checkpoint`.execute(store.database.db);
  const { rows } = await sql<{ bytes: Buffer }>`select pg_read_binary_file(pg_relation_filepath(${table})) as bytes`.execute(store.database.db);
  return rows[0]!.bytes;
}
