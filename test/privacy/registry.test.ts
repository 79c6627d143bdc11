import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_REGISTRY } from '../../src/privacy/data-registry.ts';
import { tableNames } from '../support/dump.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

describe.each(DIALECTS)('the data registry on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('describes every table the migrations create, and only those', async () => {
    // A migration that adds a table must say here what in it belongs to a server or a member.
    expect((await tableNames(store.database)).sort()).toEqual(Object.keys(DATA_REGISTRY).sort());
  });

  it('names only columns that exist, so deletion and export reach every one of them', async () => {
    for (const [table, facts] of Object.entries(DATA_REGISTRY)) {
      const named = [...(facts.guildColumn ? [facts.guildColumn] : []), ...(facts.userColumns ?? [])];
      const existing = await columnNames(table);
      for (const column of named) expect(existing, `${table}.${column}`).toContain(column);
    }
  });

  it("lists the server owner's id among the columns naming a member", () => {
    expect(DATA_REGISTRY.guilds.userColumns).toContain('owner_id');
  });

  async function columnNames(table: string): Promise<string[]> {
    const query =
      store.dialect === 'sqlite'
        ? sql<{ name: string }>`select name from pragma_table_info(${table})`
        : sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table}`;
    return (await query.execute(store.database.db)).rows.map((row) => row.name);
  }
});
