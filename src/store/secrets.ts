// Sealing of secrets at rest (webhook tokens, OAuth tokens): AES-256-GCM with a fresh IV per
// value, a key id in front so keys can rotate, and the row's identity as associated data so a
// sealed value copied onto another row does not open there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(
      `A stored secret was sealed with encryption key "${keyId}", which is not configured. ` +
        'Set ENCRYPTION_KEY to that key, or list it in ENCRYPTION_KEYS_OLD and run `anitrack rotate-key`.',
    );
    this.name = 'SecretKeyMissingError';
  }
}

export class SecretCorruptError extends Error {
  constructor(reason: string) {
    super(`A stored secret cannot be opened: ${reason}. It was changed, copied from another row, or sealed under a different key with the same id.`);
    this.name = 'SecretCorruptError';
  }
}

export interface SecretBox {
  readonly currentKeyId: string;
  /** `context` names where the value lives (table, column, row id) and must match on open. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** True when the value is sealed under the current key, i.e. rotation can skip it. */
  isCurrent(sealed: string): boolean;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('anitrack key id\0').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(currentKey: Buffer, oldKeys: readonly Buffer[] = []): SecretBox {
  for (const key of [currentKey, ...oldKeys]) {
    if (key.length !== 32) throw new Error('Encryption keys must be exactly 32 bytes.');
  }
  const keyring = new Map<string, Buffer>();
  for (const key of [...oldKeys, currentKey]) keyring.set(keyIdOf(key), key);
  const currentKeyId = keyIdOf(currentKey);

  return {
    currentKeyId,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentKeyId, Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')].join('.');
    },
    open(sealed, context) {
      const { keyId, payload } = parse(sealed);
      const key = keyring.get(keyId);
      if (!key) throw new SecretKeyMissingError(keyId);
      if (payload.length < IV_BYTES + TAG_BYTES) throw new SecretCorruptError('it is too short');
      const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretCorruptError('its authentication tag does not match');
      }
    },
    isCurrent(sealed) {
      return parse(sealed).keyId === currentKeyId;
    },
  };
}

function parse(sealed: string): { keyId: string; payload: Buffer } {
  const [version, keyId, payload, ...rest] = sealed.split('.');
  if (version !== VERSION || !keyId || payload === undefined || rest.length > 0) {
    throw new SecretCorruptError('it is not in the sealed format');
  }
  return { keyId, payload: Buffer.from(payload, 'base64url') };
}
