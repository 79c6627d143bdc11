// Writes that arrive together share one transaction. On SQLite a commit costs more than the
// small inserts in it (the WAL frames for each page it touched), and under a burst of commands
// many such writes are waiting at the same moment: the first one waits a turn of the event loop,
// whatever arrives meanwhile (or while the previous group is written) joins it, and each caller
// learns when its group is written. Alone, an entry waits one turn, a few microseconds.
export type GroupCommit<T> = (entry: T) => Promise<void>;

export function groupCommit<T>(write: (entries: readonly T[]) => Promise<void>): GroupCommit<T> {
  let gathering: { entries: T[]; written: Promise<void> } | undefined;
  let previous: Promise<unknown> = Promise.resolve();
  return (entry) => {
    if (!gathering) {
      const group: { entries: T[]; written: Promise<void> } = { entries: [], written: Promise.resolve() };
      group.written = previous.then(nextTurn, nextTurn).then(() => {
        if (gathering === group) gathering = undefined;
        return write(group.entries);
      });
      // A failed group is its callers' to report; the next group is written all the same.
      previous = group.written.catch(() => undefined);
      gathering = group;
    }
    gathering.entries.push(entry);
    return gathering.written;
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
