// The secret values among the settings, for the logger to remove by value from every line: a
// field name can be redacted only where we thought of it, a value is caught wherever it goes.
import type { Config } from '../config.ts';

type SecretSettings = Pick<
  Config,
  | 'DISCORD_BOT_TOKEN'
  | 'DISCORD_CLIENT_SECRET'
  | 'PATREON_CREATOR_TOKEN'
  | 'PATREON_WEBHOOK_SECRET'
  | 'PATREON_CLIENT_SECRET'
  | 'ENCRYPTION_KEY'
  | 'ENCRYPTION_KEYS_OLD'
  | 'METRICS_TOKEN'
  | 'MAL_CLIENT_ID'
  | 'DATABASE_URL'
  | 'TLS_KEY_FILE'
>;

export function configuredSecrets(config: SecretSettings): string[] {
  const keys = [config.ENCRYPTION_KEY, ...config.ENCRYPTION_KEYS_OLD].filter((key): key is string => Boolean(key));
  return [
    config.DISCORD_BOT_TOKEN,
    config.DISCORD_CLIENT_SECRET,
    config.PATREON_CREATOR_TOKEN,
    config.PATREON_WEBHOOK_SECRET,
    config.PATREON_CLIENT_SECRET,
    config.METRICS_TOKEN,
    config.MAL_CLIENT_ID,
    ...databasePassword(config.DATABASE_URL),
    // The TLS private key the settings read (its path is no secret, its text is).
    ...tlsKeyLines(config.TLS_KEY_FILE?.pem),
    // A key may be written as base64 or base64url in the settings and end up in another
    // encoding in a message (a Buffer printed as hex, say): every spelling of it is a secret.
    ...keys.flatMap(keySpellings),
  ].filter((value): value is string => Boolean(value));
}

function keySpellings(key: string): string[] {
  const bytes = Buffer.from(key, 'base64');
  return [key, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

// As written in the URL and as sent to PostgreSQL (a driver's message may show either).
function databasePassword(url: string): string[] {
  if (url.startsWith('sqlite:')) return [];
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

// A PEM key is base64 in lines of 64 characters; a message is likelier to carry a line of it
// than the whole file, so each line is a secret (the armour lines are not).
function tlsKeyLines(pem: string | undefined): string[] {
  if (!pem) return [];
  return pem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('-----'));
}
