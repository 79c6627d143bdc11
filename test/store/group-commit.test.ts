// Writes that arrive together share one write; a group that fails fails its own callers only.
import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/store/group-commit.ts';

describe('group commit', () => {
  it('writes entries that arrive together once, and those arriving during a write in the next group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    let firstWrite = true;
    const record = groupCommit<number>(async (entries) => {
      groups.push([...entries]);
      if (firstWrite) {
        firstWrite = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
    });
    const first = [record(1), record(2), record(3)];
    // The first group is being written (and held open): these wait for it, together.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const second = [record(4), record(5)];
    expect(groups).toEqual([[1, 2, 3]]);
    release();
    await Promise.all([...first, ...second]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('rejects the callers of a failed group and still writes the next one', async () => {
    const written: number[] = [];
    const record = groupCommit<number>(async (entries) => {
      if (entries.includes(13)) throw new Error('disk full');
      written.push(...entries);
    });
    const failing = [record(12), record(13)];
    await expect(failing[0]).rejects.toThrow('disk full');
    await expect(failing[1]).rejects.toThrow('disk full');
    await record(14);
    expect(written).toEqual([14]);
  });

  it('answers a lone entry once it is written', async () => {
    const written: string[] = [];
    const record = groupCommit<string>(async (entries) => void written.push(...entries));
    await record('alone');
    expect(written).toEqual(['alone']);
  });
});
