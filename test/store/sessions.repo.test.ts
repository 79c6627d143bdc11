import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSecrets } from '../../src/store/rotate-secrets.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import type { DashboardSession } from '../../src/store/repositories.ts';
import { rawTableBytes } from '../support/raw-bytes.ts';
import { createTestStore, DIALECTS, testKey, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 11, 1);
const ACCESS = 'PLAINTEXT_ACCESS_TOKEN_0f9e8d7c6b5a';
const REFRESH = 'PLAINTEXT_REFRESH_TOKEN_1a2b3c4d5e6f';
const session = (idHash: string, userId = '700000000000000001'): DashboardSession => ({
  idHash,
  userId,
  username: 'Frieren',
  csrfToken: `csrf-${idHash}`,
  accessToken: ACCESS,
  refreshToken: REFRESH,
  tokenExpiresAt: NOW + 3_600_000,
  createdAt: NOW,
  expiresAt: NOW + 86_400_000,
});

describe.each(DIALECTS)('dashboard sessions on %s', (dialect) => {
  let store: TestStore;
  const oldKey = testKey();
  beforeEach(async () => {
    store = await createTestStore(dialect, createSecretBox(oldKey));
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('keeps Discord tokens sealed at rest and opens them for the session', async () => {
    await store.repositories.sessions.create(session('a'));
    expect(await store.repositories.sessions.get('a', NOW)).toEqual(session('a'));
    const bytes = (await rawTableBytes(store, 'sessions')).toString('latin1');
    expect(bytes).toContain('csrf-a');
    expect(bytes).not.toContain(ACCESS);
    expect(bytes).not.toContain(REFRESH);
  });

  it('does not return an expired session, and updates, deletes and forgets a user’s sessions', async () => {
    const { sessions } = store.repositories;
    await sessions.create(session('a'));
    await sessions.create(session('b'));
    await sessions.create(session('c', '700000000000000002'));
    expect(await sessions.get('a', NOW + 86_400_000)).toBeUndefined();
    await sessions.updateTokens('a', { accessToken: 'new-access', refreshToken: 'new-refresh', tokenExpiresAt: NOW + 7_200_000 });
    expect(await sessions.get('a', NOW)).toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh', tokenExpiresAt: NOW + 7_200_000 });
    expect((await sessions.delete('b'))?.refreshToken).toBe(REFRESH);
    expect(await sessions.get('b', NOW)).toBeUndefined();
    expect((await sessions.deleteForUser('700000000000000001')).map((deleted) => deleted.idHash)).toEqual(['a']);
    expect(await sessions.get('c', NOW)).toBeDefined();
    expect(await sessions.deleteExpired(NOW + 86_400_000)).toBe(1);
  });

  it('re-seals session tokens when the encryption key rotates', async () => {
    await store.repositories.sessions.create(session('a'));
    const newBox = createSecretBox(Buffer.alloc(32, 7), [oldKey]);
    expect(await rotateSecrets(store.database.db, newBox)).toEqual({ resealed: 1, alreadyCurrent: 0 });
    const { rows } = await sql<{ access_token: string }>`select access_token from sessions`.execute(store.database.db);
    expect(newBox.isCurrent(rows[0]!.access_token)).toBe(true);
  });
});
