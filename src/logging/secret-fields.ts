// Fields with one of these names hold a secret by their name alone: their value never reaches a
// log line, whatever it looks like.
export const SECRET_FIELDS = [
  'token',
  'webhookToken',
  'webhook_token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'authorization',
  'Authorization',
  'cookie',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEYS_OLD',
  'DISCORD_BOT_TOKEN',
  'DISCORD_CLIENT_SECRET',
  'PATREON_WEBHOOK_SECRET',
  'PATREON_CREATOR_TOKEN',
  'PATREON_CLIENT_SECRET',
  'METRICS_TOKEN',
  'MAL_CLIENT_ID',
  'DATABASE_URL',
];

const LOWER_CASE = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));

export function isSecretField(name: string): boolean {
  return LOWER_CASE.has(name.toLowerCase());
}
