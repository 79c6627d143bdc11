// `anitrack backup <file>`: on SQLite, an online copy of the database (store/backup.ts); on
// PostgreSQL, how to make one with pg_dump, which does it better than AniTrack could. Either way
// the operator is reminded of the key: a backup without it has its webhook URLs sealed for good.
import { join, resolve } from 'node:path';
import { GENERATED_KEY_FILE } from '../store/encryption-keys.ts';
import { backupSqlite, type SqliteBackup } from '../store/backup.ts';

export interface BackupSettings {
  DATABASE_URL: string;
  DATA_DIR: string;
  ENCRYPTION_KEY?: string | undefined;
  ENCRYPTION_KEYS_OLD: string[];
}

export type BackupOutcome = { written: true; report: string } | { written: false; guidance: string };

export async function backup(settings: BackupSettings, target: string, options: { force: boolean }): Promise<BackupOutcome> {
  if (!settings.DATABASE_URL.startsWith('sqlite:')) return { written: false, guidance: postgresGuidance(settings.DATABASE_URL, target) };
  const copy = await backupSqlite(settings.DATABASE_URL, target, { overwrite: options.force });
  return { written: true, report: sqliteReport(copy, settings) };
}

function sqliteReport(copy: SqliteBackup, settings: BackupSettings): string {
  return [
    `Backed up ${copy.source} to ${copy.file} (${formatBytes(copy.bytes)}, readable by this account only).`,
    keyReminder(settings),
    `To restore: stop AniTrack, put the copy in place of ${copy.source} (removing any -wal and -shm files beside it), and start it again.`,
  ].join('\n');
}

function postgresGuidance(databaseUrl: string, target: string): string {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1)) || '(the user name)';
  // The password stays out of the command line, where other accounts could read it.
  const withoutPassword = `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}${url.search}`;
  return [
    `AniTrack does not copy a PostgreSQL database itself: pg_dump makes a consistent copy of database ${database} while AniTrack runs.`,
    '',
    `  pg_dump --format=custom --file=${shellQuote(target)} --dbname=${shellQuote(withoutPassword)}`,
    '',
    'Give it the password in PGPASSWORD or ~/.pgpass. With Docker Compose, from the folder of compose.yaml:',
    '',
    `  docker compose exec -T postgres pg_dump --format=custom --username=${url.username || 'anitrack'} ${database} > ${shellQuote(target)}`,
    '',
    `Restore into an empty database with: pg_restore --no-owner --dbname=<database URL> ${shellQuote(target)}`,
    '',
    'Keep ENCRYPTION_KEY with the backup (but not in the same place): the webhook URLs in it are sealed with that key, and without it they are lost.',
  ].join('\n');
}

function keyReminder(settings: BackupSettings): string {
  const current = settings.ENCRYPTION_KEY ? 'the ENCRYPTION_KEY setting' : `the key file ${resolve(join(settings.DATA_DIR, GENERATED_KEY_FILE))}`;
  // Rows not yet re-sealed by `anitrack rotate-key` still need an earlier key.
  const where = settings.ENCRYPTION_KEYS_OLD.length > 0 ? `${current} and ENCRYPTION_KEYS_OLD` : current;
  return `Keep ${where} with the backup (but not in the same place): the webhook URLs in it are sealed with that key, and without it they are lost.`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
