// An online copy of the SQLite database, safe while AniTrack runs: SQLite's backup API reads a
// consistent snapshot through a connection of its own, and in WAL mode the running bot's writes
// go on meanwhile. The copy is written under a temporary name beside the target and renamed into
// place when complete, so a failed backup never leaves a half file under the name asked for.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createPrivateFile, PRIVATE_FILE_MODE } from './private-files.ts';

export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

export interface SqliteBackup {
  /** The database file copied, absolute. */
  source: string;
  /** The backup written, absolute. */
  file: string;
  bytes: number;
}

/** The file a `sqlite:` DATABASE_URL names, resolved as the store resolves it. */
export function sqliteFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) throw new Error('not a sqlite: database URL');
  return resolve(databaseUrl.slice('sqlite:'.length));
}

export async function backupSqlite(databaseUrl: string, target: string, options: { overwrite: boolean }): Promise<SqliteBackup> {
  const source = sqliteFile(databaseUrl);
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupRefused(`There is no database at ${source} (DATABASE_URL): nothing to back up.`);
  if ([source, `${source}-wal`, `${source}-shm`].includes(file)) throw new BackupRefused(`${file} is the database itself: choose another file for the backup.`);
  if (existsSync(file) && !options.overwrite) throw new BackupRefused(`${file} exists already: choose another name, or add --force to replace it.`);
  if (!existsSync(dirname(file))) throw new BackupRefused(`The folder ${dirname(file)} does not exist.`);

  // Sealed secrets are in the copy: it is the owner's only from its first byte.
  const partial = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  createPrivateFile(partial);
  // Not through openDatabase: a backup must neither create a missing database nor migrate one.
  const connection = new SqliteDatabase(source, { fileMustExist: true });
  try {
    connection.pragma('busy_timeout = 5000');
    // After a first small step, the rest in one: a step reads one snapshot, so a write by the
    // running bot between steps cannot make the copy start over again and again.
    await connection.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 1) });
    chmodSync(partial, PRIVATE_FILE_MODE);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    connection.close();
  }
  return { source, file, bytes: statSync(file).size };
}
