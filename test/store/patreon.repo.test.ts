// What premium through Patreon keeps: members as Patreon last described them (a failed payment
// keeps what was paid for and dates the failure; a late webhook about an older charge changes
// nothing), links with their Patreon tokens sealed at rest (and re-sealed on key rotation), one
// server per supporter, and webhooks already applied.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSecrets } from '../../src/store/rotate-secrets.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import type { PatreonMemberReport } from '../../src/store/repositories.ts';
import { rawTableBytes } from '../support/raw-bytes.ts';
import { createTestStore, DIALECTS, testKey, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const ACCESS = 'PLAINTEXT_PATREON_ACCESS_9f8e7d6c';
const REFRESH = 'PLAINTEXT_PATREON_REFRESH_1a2b3c4d';
const report = (patch: Partial<PatreonMemberReport> = {}): PatreonMemberReport => ({
  id: '52c7b310-0000-4000-8000-000000000001',
  patreonUserId: '719414',
  discordUserId: '296385262794178570',
  patronStatus: 'active_patron',
  lastChargeStatus: 'Paid',
  lastChargeAt: NOW - 10 * DAY,
  entitledCents: 500,
  tierIds: ['8348592'],
  ...patch,
});

describe.each(DIALECTS)('Patreon storage on %s', (dialect) => {
  let store: TestStore;
  const oldKey = testKey();
  beforeEach(async () => {
    store = await createTestStore(dialect, createSecretBox(oldKey));
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('keeps the entitlement through a failed payment, dated from the failed charge, and forgets it once paid', async () => {
    const { members } = store.repositories.patreon;
    await members.apply(report(), NOW);
    // Patreon may report nothing entitled once the card is declined.
    await members.apply(report({ patronStatus: 'declined_patron', lastChargeStatus: 'Declined', lastChargeAt: NOW - DAY, entitledCents: 0, tierIds: [] }), NOW);
    expect((await members.all())[0]).toMatchObject({ patronStatus: 'declined_patron', entitledCents: 500, tierIds: ['8348592'], declinedSince: NOW - DAY });
    // A second look at the same failure does not move the date.
    await members.apply(
      report({ patronStatus: 'declined_patron', lastChargeStatus: 'Declined', lastChargeAt: NOW - DAY, entitledCents: 0, tierIds: [] }),
      NOW + DAY,
    );
    expect((await members.all())[0]?.declinedSince).toBe(NOW - DAY);
    await members.apply(report({ lastChargeAt: NOW }), NOW + DAY);
    expect((await members.all())[0]).toMatchObject({ patronStatus: 'active_patron', declinedSince: null });
  });

  it('leaves a member alone when a webhook describes an older charge, but a rescan always writes', async () => {
    const { members } = store.repositories.patreon;
    await members.apply(report({ lastChargeAt: NOW }), NOW);
    expect(await members.apply(report({ patronStatus: 'former_patron', lastChargeAt: NOW - 30 * DAY }), NOW, { ifNotOlder: true })).toBe(false);
    expect((await members.all())[0]?.patronStatus).toBe('active_patron');
    expect(await members.apply(report({ patronStatus: 'former_patron', lastChargeAt: NOW }), NOW, { ifNotOlder: true })).toBe(true);
    expect((await members.all())[0]?.patronStatus).toBe('former_patron');
    await members.apply(report({ lastChargeAt: NOW - 30 * DAY }), NOW);
    expect((await members.all())[0]?.patronStatus).toBe('active_patron');
    expect(await members.removeAllExcept(new Set())).toBe(1);
    expect(await members.all()).toEqual([]);
  });

  it('seals link tokens at rest, re-seals them on rotation, and keeps one link each way', async () => {
    const { links } = store.repositories.patreon;
    const link = {
      discordUserId: '700000000000000001',
      patreonUserId: '719414',
      accessToken: ACCESS,
      refreshToken: REFRESH,
      tokenExpiresAt: NOW + DAY,
      linkedAt: NOW,
    };
    await links.save(link);
    expect(await links.get(link.discordUserId)).toEqual(link);
    const bytes = (await rawTableBytes(store, 'patreon_links')).toString('latin1');
    expect(bytes).toContain('719414');
    expect(bytes).not.toContain(ACCESS);
    expect(bytes).not.toContain(REFRESH);

    // The same Patreon account linked by another Discord user moves the link.
    await links.save({ ...link, discordUserId: '700000000000000002' });
    expect(await links.all()).toEqual([{ discordUserId: '700000000000000002', patreonUserId: '719414' }]);

    const newBox = createSecretBox(Buffer.alloc(32, 9), [oldKey]);
    expect(await rotateSecrets(store.database.db, newBox)).toEqual({ resealed: 1, alreadyCurrent: 0 });
    const { rows } = await sql<{ access_token: string; refresh_token: string }>`select access_token, refresh_token from patreon_links`.execute(
      store.database.db,
    );
    expect(newBox.isCurrent(rows[0]!.access_token) && newBox.isCurrent(rows[0]!.refresh_token)).toBe(true);
  });

  it('puts a supporter on one server at a time and remembers webhooks already applied', async () => {
    const { assignments, webhookEvents } = store.repositories.patreon;
    expect(await assignments.assign('700000000000000001', '100000000000000001', NOW)).toBeUndefined();
    expect(await assignments.assign('700000000000000001', '100000000000000002', NOW + 1)).toBe('100000000000000001');
    expect((await assignments.forGuild('100000000000000002')).map((row) => row.discordUserId)).toEqual(['700000000000000001']);
    expect(await assignments.forGuild('100000000000000001')).toEqual([]);
    expect(await assignments.unassign('700000000000000001')).toBe('100000000000000002');

    expect(await webhookEvents.firstSighting('hash-a', 'members:update', NOW)).toBe(true);
    expect(await webhookEvents.firstSighting('hash-a', 'members:update', NOW + 1)).toBe(false);
    await webhookEvents.forget('hash-a');
    expect(await webhookEvents.firstSighting('hash-a', 'members:update', NOW + 2)).toBe(true);
    expect(await webhookEvents.deleteOlderThan(NOW + 3)).toBe(1);
  });
});
