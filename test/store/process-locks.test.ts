// Locks between processes: on PostgreSQL each lock object stands for a process with its own
// session; a lock is held by one of them at a time and freed the moment its session ends.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessLocks, createPostgresLocks, lockKey, type ProcessLocks } from '../../src/store/process-locks.ts';
import { createTestStore, type TestStore } from '../support/stores.ts';

describe('process locks on PostgreSQL', () => {
  let store: TestStore | undefined;
  const opened: ProcessLocks[] = [];
  afterEach(async () => {
    for (const locks of opened.splice(0)) await locks.close();
    await store?.dispose();
    store = undefined;
  });
  const locksFor = (testStore: TestStore) => {
    const locks = createPostgresLocks(testStore.url, testStore.database.db);
    opened.push(locks);
    return locks;
  };

  it('lets one process hold a name until it releases it', async () => {
    store = await createTestStore('postgres');
    const first = locksFor(store);
    const second = locksFor(store);
    const held = await first.tryHold('scheduler');
    expect(held?.isHeld()).toBe(true);
    expect(await second.tryHold('scheduler')).toBeUndefined();
    expect(await first.tryHold('scheduler')).toBeUndefined();
    expect(await second.tryHold('address 127.0.0.2')).toBeDefined();
    await held?.release();
    expect(held?.isHeld()).toBe(false);
    expect(await second.tryHold('scheduler')).toBeDefined();
  });

  it('frees the lock when the holding session dies, and tells the holder it lost it', async () => {
    store = await createTestStore('postgres');
    const holder = locksFor(store);
    const standby = locksFor(store);
    const held = await holder.tryHold('scheduler');
    expect(held).toBeDefined();
    // What PostgreSQL does when the holding process is killed: its backend ends.
    const admin = new pg.Client({ connectionString: store.url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = $1::bigint`, [
      lockKey('scheduler'),
    ]);
    await admin.end();
    await held?.lost;
    expect(held?.isHeld()).toBe(false);
    expect(await standby.tryHold('scheduler')).toBeDefined();
    // The old holder can take other locks again on a fresh session.
    expect(await holder.tryHold('another job')).toBeDefined();
  });

  it('runs exclusive work of one name one at a time across processes', async () => {
    store = await createTestStore('postgres');
    const locks = [locksFor(store), locksFor(store)];
    const order: string[] = [];
    const work = (who: string) => async () => {
      order.push(`${who} in`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push(`${who} out`);
      return who;
    };
    const results = await Promise.all([locks[0]!.exclusive('recompute', work('a')), locks[1]!.exclusive('recompute', work('b'))]);
    expect(results).toEqual(['a', 'b']);
    const [first, second] = order[0] === 'a in' ? ['a', 'b'] : ['b', 'a'];
    expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });
});

describe('process locks in one process (SQLite)', () => {
  it('holds names and queues exclusive work', async () => {
    const locks = createInProcessLocks();
    const held = await locks.tryHold('scheduler');
    expect(await locks.tryHold('scheduler')).toBeUndefined();
    await held?.release();
    expect(await locks.tryHold('scheduler')).toBeDefined();
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        locks.exclusive('x', async () => {
          order.push(n);
          await new Promise((resolve) => setTimeout(resolve, 10));
          order.push(-n);
        }),
      ),
    );
    expect(order).toEqual([1, -1, 2, -2, 3, -3]);
    await expect(locks.exclusive('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.exclusive('x', async () => 'after a failure')).toBe('after a failure');
  });
});
