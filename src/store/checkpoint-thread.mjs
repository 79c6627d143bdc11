// The thread that writes SQLite's write-ahead log back into the database file (a checkpoint),
// so the event loop serving Discord never does. Copying a busy second's pages and syncing the
// file takes 15-60 ms: on the main thread that was a pause every few hundred milliseconds under
// load, long enough to push suggestions past their deadline. Plain JavaScript because a worker
// does not inherit the TypeScript loader the CLI registers at run time.
import { parentPort } from 'node:worker_threads';
import { setInterval } from 'node:timers';
import SqliteDatabase from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 250;
/** id → a connection of this thread's own to the database that id's handle opened. */
const connections = new Map();

parentPort.on('message', (message) => {
  if (message.type === 'watch') watch(message.id, message.file);
  else if (message.type === 'release') release(message.id);
});

function watch(id, file) {
  try {
    const connection = new SqliteDatabase(file, { fileMustExist: true });
    connection.pragma('busy_timeout = 1000');
    connections.set(id, connection);
  } catch (error) {
    giveUp(id, error);
  }
}

function release(id) {
  const connection = connections.get(id);
  connections.delete(id);
  try {
    connection?.close();
  } finally {
    // Closed first, so the handle's own connection is the last and tidies the log away.
    parentPort.postMessage({ type: 'released', id });
  }
}

// PASSIVE copies what no reader still needs and never waits for anyone; the next write on the
// main connection then starts the log over from its beginning.
setInterval(() => {
  for (const [id, connection] of connections) {
    try {
      connection.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      connections.delete(id);
      closeQuietly(connection);
      giveUp(id, error);
    }
  }
}, CHECKPOINT_EVERY_MS);

/** The handle's connection goes back to checkpointing itself. */
function giveUp(id, error) {
  parentPort.postMessage({ type: 'gave-up', id, reason: error instanceof Error ? error.message : String(error) });
}

function closeQuietly(connection) {
  try {
    connection.close();
  } catch {
    // Already unusable: the handle is told either way.
  }
}
