// Work under one key runs one piece at a time, in the order it was asked for; work under
// different keys runs side by side. A piece that fails does not stop the ones after it.
export type OneAtATimePerKey = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function oneAtATimePerKey(): OneAtATimePerKey {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const settled = current.catch(() => undefined);
    tails.set(key, settled);
    // The map keeps only keys with work still queued.
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return current;
  };
}
