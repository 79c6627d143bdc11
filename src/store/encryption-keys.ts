// Where the sealing keys come from: the settings, or, for a first run with no key set, a key
// generated once into the data folder so that a newcomer's install still seals its secrets.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger.ts';
import { ensurePrivateFolder, PRIVATE_FILE_MODE, restrictToOwner } from './private-files.ts';

export interface EncryptionKeySettings {
  ENCRYPTION_KEY?: string | undefined;
  ENCRYPTION_KEYS_OLD: string[];
  DATA_DIR: string;
}

export interface EncryptionKeys {
  current: Buffer;
  old: Buffer[];
}

export const GENERATED_KEY_FILE = 'encryption.key';

export function resolveEncryptionKeys(settings: EncryptionKeySettings, logger: Logger): EncryptionKeys {
  const old = settings.ENCRYPTION_KEYS_OLD.map((key) => Buffer.from(key, 'base64'));
  const keyFile = resolve(join(settings.DATA_DIR, GENERATED_KEY_FILE));
  const generated = existsSync(keyFile) ? readKeyFile(keyFile) : undefined;
  // A key file copied in by hand (or restored from a backup) may have come with looser access.
  if (generated) restrictToOwner(keyFile);

  if (settings.ENCRYPTION_KEY) {
    // A key generated on an earlier first run stays readable, so moving to a configured key
    // is just: set ENCRYPTION_KEY, then `anitrack rotate-key`.
    return { current: Buffer.from(settings.ENCRYPTION_KEY, 'base64'), old: generated ? [...old, generated] : old };
  }
  if (generated) {
    logger.warn({ keyFile }, 'Using the encryption key generated in the data folder; production installs should set ENCRYPTION_KEY');
    return { current: generated, old };
  }
  ensurePrivateFolder(resolve(settings.DATA_DIR));
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  logger.warn(
    { keyFile },
    'ENCRYPTION_KEY is not set: generated a new key into the data folder. Production installs should set ENCRYPTION_KEY and keep a copy of it',
  );
  return { current: key, old };
}

function readKeyFile(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`The key file ${path} does not hold a base64 32-byte key.`);
  return key;
}
