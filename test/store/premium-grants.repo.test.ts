// Premium tiers as grants an operator makes: a server has one or none (then DEFAULT_TIER
// applies, see domain/tiers.ts), and each grant keeps the time it was made.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { createTestStore, DIALECTS, testKey, type TestStore } from '../support/stores.ts';

const A = '100000000000000001';
const B = '100000000000000002';
const NOW = Date.UTC(2026, 10, 26);
const HOUR = 3_600_000;

describe.each(DIALECTS)('premium grants on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('grants a tier (creating the server row), keeps its date when granted again, and takes it back', async () => {
    const { guilds } = store.repositories;
    expect(await guilds.premiumGrants()).toEqual([]);
    await guilds.updateSettings(B, { titleLanguage: 'english' }, NOW);
    expect((await guilds.get(B))?.premiumTier).toBeNull();

    await guilds.setPremiumTier(A, 'supporter', NOW + HOUR);
    await guilds.setPremiumTier(B, 'free', NOW + 2 * HOUR);
    expect((await guilds.get(A))?.premiumTier).toBe('supporter');
    // A grant of "free" is a grant: it holds whatever DEFAULT_TIER says.
    expect((await guilds.get(B))?.premiumTier).toBe('free');
    expect(await guilds.premiumGrants()).toEqual([
      { guildId: A, tier: 'supporter', since: NOW + HOUR },
      { guildId: B, tier: 'free', since: NOW + 2 * HOUR },
    ]);

    await guilds.setPremiumTier(A, 'supporter', NOW + 3 * HOUR);
    expect((await guilds.premiumGrants())[0]).toEqual({ guildId: A, tier: 'supporter', since: NOW + HOUR });
    await guilds.setPremiumTier(A, 'supporter_plus', NOW + 4 * HOUR);
    expect(await guilds.premiumGrants()).toEqual([
      { guildId: B, tier: 'free', since: NOW + 2 * HOUR },
      { guildId: A, tier: 'supporter_plus', since: NOW + 4 * HOUR },
    ]);

    await guilds.setPremiumTier(B, null, NOW + 5 * HOUR);
    await guilds.setPremiumTier('100000000000000999', null, NOW);
    expect((await guilds.get(B))?.premiumTier).toBeNull();
    expect(await guilds.get('100000000000000999')).toBeUndefined();
    expect(await guilds.premiumGrants()).toEqual([{ guildId: A, tier: 'supporter_plus', since: NOW + 4 * HOUR }]);
  });
});

describe('the premium_since migration', () => {
  it('keeps a paid tier set before it as a grant dated by the row, and leaves free rows without one', async () => {
    const store = await createTestStore('sqlite');
    try {
      const { db } = store.database;
      // As a database from before the migration would hold them.
      // (Later migrations are undone too: migrations run in order.)
      await sql`delete from kysely_migration where name >= '0008-premium-since'`.execute(db);
      await sql`drop index airings_media_next_idx`.execute(db);
      await sql`drop table catalogue`.execute(db);
      await sql`drop table sessions`.execute(db);
      await sql`drop table audit_log`.execute(db);
      for (const table of ['patreon_members', 'patreon_links', 'premium_assignments', 'patreon_webhook_events', 'premium_notices']) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
      await sql`alter table guilds drop column patreon_grace_until`.execute(db);
      await sql`drop index deliveries_planning_idx`.execute(db);
      await sql`drop index tracked_anime_followers_idx`.execute(db);
      await sql`alter table tracked_anime drop column limit_paused_at`.execute(db);
      await sql`alter table guilds drop column patreon_tier`.execute(db);
      await sql`alter table tracked_anime drop column paused_at`.execute(db);
      await sql`create index tracked_anime_media_idx on tracked_anime (media_id)`.execute(db);
      await sql`alter table guilds drop column premium_since`.execute(db);
      for (const [id, tier, at] of [
        [A, 'supporter_plus', NOW],
        [B, 'free', NOW + HOUR],
      ] as const) {
        await sql`insert into guilds (id, title_language, post_air_delay_minutes, premium_tier, created_at, updated_at) values (${id}, 'romaji', 0, ${tier}, ${at}, ${at})`.execute(
          db,
        );
      }
      expect((await migrateToLatest(store.database)).applied).toEqual([
        '0008-premium-since',
        '0009-catalogue',
        '0010-planning-indexes',
        '0011-sessions',
        '0012-audit-log',
        '0013-paused-anime',
        '0014-tier-limits',
        '0015-patreon',
        '0016-next-airing-index',
      ]);
      const again = openDatabase(store.url);
      try {
        const { guilds } = createKyselyRepositories(again, createSecretBox(testKey()));
        expect(await guilds.premiumGrants()).toEqual([{ guildId: A, tier: 'supporter_plus', since: NOW }]);
        expect((await guilds.get(B))?.premiumTier).toBeNull();
      } finally {
        await again.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
