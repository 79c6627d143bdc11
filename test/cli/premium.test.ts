// `anitrack premium …`, run as the real command against a database of each kind: what it
// stores, what it prints, and how it refuses what an operator mistyped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';
import { emptyFolder, runAnitrack } from '../support/cli.ts';

const A = '100000000000000001';
const B = '100000000000000002';

describe.each(DIALECTS)('anitrack premium on %s', (dialect) => {
  let store: TestStore;
  let cwd: string;
  const premium = (args: string[], settings: Record<string, string> = {}) =>
    runAnitrack(['premium', ...args], { cwd, settings: { DATABASE_URL: store.url, LOG_LEVEL: 'warn', ...settings } });

  beforeEach(async () => {
    store = await createTestStore(dialect);
    cwd = emptyFolder();
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('grants tiers, lists them with their dates, and takes a grant back', async () => {
    const before = Date.now();
    const granted = await premium(['set', A, 'supporter_plus']);
    expect(granted).toMatchObject({ code: 0, stdout: `Server ${A} now has the Supporter+ (supporter_plus) tier.\n` });
    expect((await premium(['set', B, 'supporter'])).code).toBe(0);

    const grants = await store.repositories.guilds.premiumGrants();
    expect(grants.map(({ guildId, tier }) => ({ guildId, tier }))).toEqual([
      { guildId: A, tier: 'supporter_plus' },
      { guildId: B, tier: 'supporter' },
    ]);
    expect(grants[0]!.since).toBeGreaterThanOrEqual(before);
    expect(grants[0]!.since).toBeLessThanOrEqual(Date.now());

    const listed = await premium(['list'], { DEFAULT_TIER: 'supporter' });
    expect(listed.code).toBe(0);
    const minute = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    expect(listed.stdout).toBe(
      [
        'SERVER              TIER            SINCE',
        `${A}  supporter_plus  ${minute(grants[0]!.since)}`,
        `${B}  supporter       ${minute(grants[1]!.since)}`,
        '',
        'Servers without a grant are on the default tier, Supporter (supporter), set by DEFAULT_TIER.',
        '',
        'No server has a tier from a Patreon supporter.',
        '',
        'No account looks like it spreads one list over several servers.',
        '',
      ].join('\n'),
    );

    const cleared = await premium(['clear', B]);
    expect(cleared).toMatchObject({ code: 0, stdout: `Server ${B} no longer has the Supporter (supporter) tier; it is on the default tier, Free (free).\n` });
    expect((await store.repositories.guilds.get(B))?.premiumTier).toBeNull();
    expect((await premium(['clear', B])).stdout).toBe(`Server ${B} has no granted tier; it stays on the default tier, Free (free).\n`);
    expect((await store.repositories.guilds.premiumGrants()).map((grant) => grant.guildId)).toEqual([A]);
    // Six runs of the real command, each starting Node and tsx: slow on a busy machine.
  }, 90_000);

  it('says so when no server has a grant', async () => {
    const listed = await premium(['list']);
    expect(listed).toMatchObject({
      code: 0,
      stdout: [
        'No server has a granted tier. Servers without a grant are on the default tier, Free (free), set by DEFAULT_TIER.',
        '',
        'No server has a tier from a Patreon supporter.',
        '',
        'No account looks like it spreads one list over several servers.',
        '',
      ].join('\n'),
    });
  });

  it('lists the servers Patreon supporters upgrade, and accounts that spread one list over three full servers', async () => {
    const now = Date.UTC(2026, 11, 1);
    await store.repositories.patreon.setGuildState({ guildId: A, patreonTier: 'supporter_plus', graceUntil: now + 86_400_000 }, now);
    await store.repositories.patreon.assignments.assign('700000000000000009', A, now);
    const spreader = '800000000000000001';
    for (const [index, guildId] of ['100000000000000011', '100000000000000012', '100000000000000013'].entries()) {
      await store.repositories.trackedAnime.add({ guildId, mediaId: index + 1, nickname: `anime ${index}`, addedBy: spreader, now, maxPerGuild: null });
    }
    const listed = await premium(['list'], { FREE_MAX_ANIME: '1' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${A}  supporter_plus  700000000000000009  payment failed; premium until 2026-12-02 00:00 UTC`);
    expect(listed.stdout).toContain(`user ${spreader}: added most of 3 full lists (servers 100000000000000011, 100000000000000012, 100000000000000013)`);
    expect(listed.stdout).toContain('reported only; nothing was changed');
  }, 60_000);

  it('refuses a bad server id or tier in one line with exit code 2, storing nothing', async () => {
    const [badId, badTier, badClear, badDefault] = await Promise.all([
      premium(['set', '12345', 'supporter']),
      premium(['set', A, 'gold']),
      premium(['clear', 'server-1']),
      premium(['list'], { DEFAULT_TIER: 'platinum' }),
    ]);
    expect(badId).toMatchObject({ code: 2, stdout: '', stderr: 'The server id must be a Discord id of 17 to 20 digits (got "12345").\n' });
    expect(badTier).toMatchObject({ code: 2, stdout: '', stderr: 'The tier must be one of free, supporter, supporter_plus (got "gold").\n' });
    expect(badClear.code).toBe(2);
    expect(badDefault.code).toBe(2);
    expect(badDefault.stderr).toContain('  - DEFAULT_TIER must be one of free, supporter, supporter_plus (got "platinum")');
    expect(await store.repositories.guilds.get(A)).toBeUndefined();
  });
});
