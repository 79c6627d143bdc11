// Structured logs: JSON for machines, pretty lines when a person watches a terminal. No secret
// may reach a log line, and three layers see to it: fields named like secrets are replaced,
// every Error (Discord's carry tokens in their request URL) goes through one scrubbing
// serializer, and the finished line is scrubbed of token shapes and configured secret values.
import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import { createErrorSerializer } from './logging/error-serializer.ts';
import { SECRET_FIELDS } from './logging/secret-fields.ts';
import { createTextScrubber, REDACTED } from './logging/secret-text.ts';

export type { Logger };

// Fields named like secrets are replaced in the first levels of a logged object here, and at
// any depth inside an error by the serializer.
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
  /** Values removed wherever they appear in a line: the configured tokens, keys and passwords. */
  secrets?: readonly string[];
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = createTextScrubber(options.secrets);
  const errors = createErrorSerializer(scrub);
  const base: PinoOptions = {
    level: options.level,
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: { err: errors.serialize, error: errors.serialize },
    // pino serializes only top-level fields by name; an Error deeper in the object (a `cause`
    // wrapped in a detail field, a list of failures) would otherwise be written unscrubbed.
    formatters: { log: (object) => errors.serializeNested(object) },
    // The finished line, after pino formatted the message (a token interpolated into it, an
    // error's message taken as the line's message) and the child loggers' bindings.
    hooks: { streamWrite: scrub },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino(base);
}
