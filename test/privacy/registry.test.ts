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
});
