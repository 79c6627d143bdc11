// Structured logs: JSON for machines, pretty lines when a person watches a terminal.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Any field with one of these names is replaced before a line is written, wherever it sits in
// the first levels of a logged object: tokens and keys must never reach a log file.
const SECRET_FIELDS = [
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
  'PATREON_ACCESS_TOKEN',
  'MAL_CLIENT_ID',
  'DATABASE_URL',
];

export const redactPaths = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature-ed25519"]',
  'res.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: string;
  /** Pretty output for a person at a terminal; JSON otherwise. */
  pretty?: boolean;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino(base);
}
