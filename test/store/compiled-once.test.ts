import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/store/kysely/compiled-once.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 10, 26);

describe.each(DIALECTS)('statements compiled once on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const lockRole = compiledOnce(['guild_id', 'command', 'role_id', 'created_at'], (db, row) =>
    db
      .insertInto('command_locks')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('role_id'),
  );
  const rolesOf = compiledOnce(['guild_id'], (db, values) =>
    db.selectFrom('command_locks').select('role_id').where('guild_id', '=', values.guild_id).orderBy('role_id').limit(10),
  );

  it('sends the values of each call, in a transaction too, with the constants the statement holds', async () => {
    const { db } = store.database;
    await store.repositories.guilds.ensure('1', NOW);
    await store.repositories.guilds.ensure('2', NOW);
    expect((await lockRole(db, { guild_id: '1', command: 'add', role_id: '10', created_at: NOW })).rows).toEqual([{ role_id: '10' }]);
    await db.transaction().execute(async (trx) => {
      await lockRole(db, { guild_id: '2', command: 'add', role_id: '20', created_at: NOW }, trx);
    });
    // A conflict: nothing inserted, nothing returned.
    expect((await lockRole(db, { guild_id: '1', command: 'add', role_id: '10', created_at: NOW })).rows).toEqual([]);
    expect((await rolesOf(db, { guild_id: '1' })).rows).toEqual([{ role_id: '10' }]);
    expect((await rolesOf(db, { guild_id: '2' })).rows).toEqual([{ role_id: '20' }]);
    expect(await store.repositories.commandLocks.rolesFor('2', 'add')).toEqual(['20']);
  });

  it('refuses a value the statement does not send (it would be silently ignored)', async () => {
    const forgetful = compiledOnce(['guild_id', 'command'], (db, values) =>
      db.selectFrom('command_locks').select('role_id').where('guild_id', '=', values.guild_id),
    );
    await expect(forgetful(store.database.db, { guild_id: '1', command: 'add' })).rejects.toThrow(/command did not become/);
  });
});
