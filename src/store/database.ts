// Opens the database named by DATABASE_URL: a SQLite file for one-machine installs, PostgreSQL
// when several processes share one store. Everything above this file sees one Kysely type.
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { checkpointInBackground, type CheckpointProblem } from './background-checkpoints.ts';
import { createPrivateFile, ensurePrivateFolder, restrictToOwner } from './private-files.ts';
import type { Database } from './schema.ts';

export type StoreDialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** A short, password-free description for logs ("sqlite:/abs/path" or "postgres://host/db"). */
  description: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const INT8_OID = 20;

export interface DatabaseOptions {
  /** Told when SQLite's log can no longer be checkpointed in the background (it is then done inline). */
  onCheckpointProblem?: (problem: CheckpointProblem) => void;
}

type OpenedDatabase = Pick<DatabaseHandle, 'db' | 'dialect' | 'description'> & { beforeClose?: () => Promise<void> };

export function openDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  const { beforeClose, ...db }: OpenedDatabase = url.startsWith('sqlite:') ? openSqlite(url.slice('sqlite:'.length), options) : openPostgres(url);
  let closing: Promise<void> | undefined;
  return {
    ...db,
    async ping() {
      try {
        await sql`select 1`.execute(db.db);
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closing ??= (beforeClose?.() ?? Promise.resolve()).then(() => db.db.destroy());
      return closing;
    },
  };
}

function openSqlite(path: string, options: DatabaseOptions): OpenedDatabase {
  const file = resolve(path);
  ensurePrivateFolder(dirname(file));
  // SQLite would create the file readable by everyone (0644); made first, it is the owner's
  // only, and SQLite gives the -wal and -shm files it creates the database file's mode.
  createPrivateFile(file);
  for (const ours of [file, `${file}-wal`, `${file}-shm`]) restrictToOwner(ours);
  const connection = new SqliteDatabase(file);
  // WAL lets readers work while the worker writes; the busy timeout lets a second process
  // (the CLI, say) wait for a lock instead of failing at once.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  cachePreparedStatements(connection);
  const beforeClose = checkpointInBackground(connection, file, options.onCheckpointProblem ?? (() => undefined));
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) }), dialect: 'sqlite', description: `sqlite:${file}`, beforeClose };
}

// Kysely prepares every query afresh; preparing is most of the cost of a small SQLite query, and
// the bot runs the same few hundred statements all day. Reusing a statement is safe because
// better-sqlite3 runs each one to completion synchronously.
const STATEMENT_CACHE_SIZE = 500;

function cachePreparedStatements(connection: SqliteDatabase.Database): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, SqliteDatabase.Statement>();
  connection.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof connection.prepare;
}

function openPostgres(url: string): OpenedDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Times are BIGINT milliseconds, far below 2^53: read them as numbers, not strings.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle connection that PostgreSQL drops (a restart, a failover) emits 'error' on the pool;
  // unhandled, that would end the process. The pool replaces the connection on the next query.
  pool.on('error', () => undefined);
  const parsed = new URL(url);
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    description: `postgres://${parsed.host}${parsed.pathname}`,
  };
}
