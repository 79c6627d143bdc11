// Keeps SQLite's checkpoints off the event loop. By default the connection that commits the
// write filling the log past 1000 pages also copies the log back into the database file, inside
// that commit: under a burst of commands a 15-60 ms pause every few hundred milliseconds, on the
// thread that answers Discord. Here a thread of its own checkpoints every database this process
// opened, a few times a second, and each connection keeps only a distant backstop of its own.
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** SQLite's default, for a connection the thread can no longer checkpoint for. */
const CHECKPOINT_ITSELF_PAGES = 1000;
/** About 40 MiB of log: reached only if the thread stopped keeping up. */
const BACKSTOP_PAGES = 10_000;
/** A stuck thread must not keep a database from closing. */
const RELEASE_TIMEOUT_MS = 2000;

export interface CheckpointProblem {
  file: string;
  reason: string;
}

interface Watched {
  worker: Worker;
  connection: SqliteDatabase.Database;
  file: string;
  onProblem: (problem: CheckpointProblem) => void;
  released?: () => void;
}

const watched = new Map<number, Watched>();
let thread: Worker | undefined;
let nextId = 1;

/**
 * Hands the connection's checkpoints to the shared thread. The function returned must be awaited
 * before the connection closes: the thread's own connection closes first, so that the last one
 * to close is this one, which folds the log into the file and removes it as SQLite always does.
 */
export function checkpointInBackground(connection: SqliteDatabase.Database, file: string, onProblem: Watched['onProblem']): () => Promise<void> {
  const id = nextId++;
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = checkpointThread();
  watched.set(id, { worker, connection, file, onProblem });
  worker.postMessage({ type: 'watch', id, file });
  return () => release(id);
}

function release(id: number): Promise<void> {
  const entry = watched.get(id);
  // Not watched any more: the thread gave up on it, and the connection checkpoints itself.
  if (!entry) return Promise.resolve();
  const { worker } = entry;
  return new Promise((resolve) => {
    const timeout = setTimeout(done, RELEASE_TIMEOUT_MS);
    function done() {
      clearTimeout(timeout);
      watched.delete(id);
      if (![...watched.values()].some((other) => other.worker === worker && other.released)) worker.unref();
      resolve();
    }
    entry.released = done;
    // Waiting for the answer is work in progress: the process must not end in the middle of it.
    worker.ref();
    worker.postMessage({ type: 'release', id });
  });
}

function checkpointThread(): Worker {
  if (thread) return thread;
  const worker = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
    // The thread holds no data of its own; the process's flags (a large young generation) are
    // not for it.
    execArgv: [],
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  worker.unref();
  worker.on('message', (message: { type: 'released' | 'gave-up'; id: number; reason?: string }) => {
    const entry = watched.get(message.id);
    if (!entry) return;
    if (message.type === 'released') entry.released?.();
    else selfCheckpoint(message.id, entry, message.reason ?? 'unknown');
  });
  // The next database opened starts a new thread; those this one watched checkpoint themselves.
  const lost = (reason: string) => {
    if (thread === worker) thread = undefined;
    for (const [id, entry] of watched) {
      if (entry.worker !== worker) continue;
      if (entry.released) entry.released();
      else selfCheckpoint(id, entry, reason);
    }
  };
  worker.on('error', (error) => lost(error.message));
  worker.on('exit', (code) => lost(`the checkpoint thread stopped (exit code ${code})`));
  thread = worker;
  return worker;
}

function selfCheckpoint(id: number, entry: Watched, reason: string): void {
  watched.delete(id);
  if (entry.connection.open) entry.connection.pragma(`wal_autocheckpoint = ${CHECKPOINT_ITSELF_PAGES}`);
  entry.onProblem({ file: entry.file, reason });
}
