// SQLite's log is folded back into the database file by a thread of its own, never inside a
// commit on the event loop; the database still closes tidily, and if the thread cannot do the
// work the connection goes back to doing it itself.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointInBackground, type CheckpointProblem } from '../../src/store/background-checkpoints.ts';
import { openDatabase } from '../../src/store/database.ts';

const PAGE = 4096;
/** More than SQLite's default threshold (1000 pages), at which a commit would checkpoint inline. */
const ROWS = 1500;

describe('background checkpoints', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'anitrack-checkpoints-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const sizeOf = (file: string) => statSync(file).size;

  it('leaves a large commit in the log and copies it into the file moments later', async () => {
    const file = join(root, 'anitrack.db');
    const database = openDatabase(`sqlite:${file}`);
    try {
      await sql`create table blobs (body blob not null)`.execute(database.db);
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS}) insert into blobs (body) select randomblob(${PAGE}) from n`.execute(
        database.db,
      );
      const rightAfter = sizeOf(file);
      expect(sizeOf(`${file}-wal`)).toBeGreaterThan(ROWS * PAGE);
      // The commit returned without copying the pages: the file holds little more than the schema.
      expect(rightAfter).toBeLessThan((ROWS * PAGE) / 2);

      await expect.poll(() => sizeOf(file), { timeout: 5000, interval: 50 }).toBeGreaterThan(ROWS * PAGE);
      const { count } = (await sql<{ count: number }>`select count(*) as count from blobs`.execute(database.db)).rows[0]!;
      expect(count).toBe(ROWS);
    } finally {
      await database.close();
    }
    // Closed, the last connection folded the log away as SQLite always does.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = new SqliteDatabase(file, { readonly: true });
    expect(again.prepare('select count(*) as count from blobs').get()).toEqual({ count: ROWS });
    again.close();
  });

  it('gives the work back to the connection when the thread cannot do it, and says so', async () => {
    const connection = new SqliteDatabase(join(root, 'own.db'));
    connection.pragma('journal_mode = WAL');
    const problems: CheckpointProblem[] = [];
    // The thread opens a connection of its own by name; a name that is not there fails it.
    const release = checkpointInBackground(connection, join(root, 'missing.db'), (problem) => problems.push(problem));
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);

    await expect.poll(() => problems.length, { timeout: 5000 }).toBe(1);
    expect(problems[0]).toMatchObject({ file: join(root, 'missing.db'), reason: expect.stringMatching(/directory does not exist|unable to open/) });
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await release();
    connection.close();
  });
});
