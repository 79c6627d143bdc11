import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSecrets } from '../../src/store/rotate-secrets.ts';
import { createSecretBox, keyIdOf, SecretCorruptError, SecretKeyMissingError } from '../../src/store/secrets.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 10, 26);

describe('sealing', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('opens what it sealed, and seals the same text differently each time', () => {
    const sealed = box.seal('secret-token', 'guilds.webhook_token:1');
    expect(sealed.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(sealed).not.toContain('secret-token');
    expect(box.open(sealed, 'guilds.webhook_token:1')).toBe('secret-token');
    expect(box.seal('secret-token', 'guilds.webhook_token:1')).not.toBe(sealed);
  });

  it('refuses a value moved to another row or tampered with', () => {
    const sealed = box.seal('secret-token', 'guilds.webhook_token:1');
    expect(() => box.open(sealed, 'guilds.webhook_token:2')).toThrow(SecretCorruptError);
    const flipped = `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;
    expect(() => box.open(flipped, 'guilds.webhook_token:1')).toThrow(SecretCorruptError);
    expect(() => box.open('plaintext', 'guilds.webhook_token:1')).toThrow('not in the sealed format');
  });

  it('names the missing key instead of returning garbage when the key is wrong', () => {
    const sealed = box.seal('secret-token', 'ctx');
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(sealed, 'ctx')).toThrow(SecretKeyMissingError);
    expect(() => other.open(sealed, 'ctx')).toThrow(`sealed with encryption key "${keyIdOf(key)}", which is not configured`);
  });
});

describe.each(DIALECTS)('key rotation on %s', (dialect) => {
  let store: TestStore;
  const oldKey = randomBytes(32);
  beforeEach(async () => {
    store = await createTestStore(dialect, createSecretBox(oldKey));
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('re-seals every secret under the new key and keeps each one readable', async () => {
    const guildIds = Array.from({ length: 5 }, (_, index) => `10000000000000000${index}`);
    for (const [index, guildId] of guildIds.entries()) {
      await store.repositories.guilds.setNotifyChannel(guildId, { channelId: `3${index}`, webhook: { id: `4${index}`, token: `token-${index}` } }, NOW);
    }
    const newKey = randomBytes(32);
    const rotating = createSecretBox(newKey, [oldKey]);
    expect(await rotateSecrets(store.database.db, rotating)).toEqual({ resealed: 5, alreadyCurrent: 0 });
    expect(await rotateSecrets(store.database.db, rotating)).toEqual({ resealed: 0, alreadyCurrent: 5 });

    // After rotation the old key is no longer needed.
    const repositories = createKyselyRepositories(store.database, createSecretBox(newKey));
    for (const [index, guildId] of guildIds.entries()) {
      expect((await repositories.guilds.getNotifyChannel(guildId))?.webhook.token).toBe(`token-${index}`);
    }
  });

  it('changes nothing when an old key is missing', async () => {
    await store.repositories.guilds.setNotifyChannel('100000000000000001', { channelId: '3', webhook: { id: '4', token: 'token' } }, NOW);
    await expect(rotateSecrets(store.database.db, createSecretBox(randomBytes(32)))).rejects.toThrow(SecretKeyMissingError);
    expect((await store.repositories.guilds.getNotifyChannel('100000000000000001'))?.webhook.token).toBe('token');
  });
});
