// The one way an Error becomes part of a log line, whatever its class and wherever it sits in
// the logged object. @discordjs/rest errors keep the request's URL (webhook and interaction
// tokens are in its path) and body; undici's keep a `cause`; AggregateError keeps `errors`.
// Every field is kept, because an operator needs them, with every string scrubbed of secrets.
import { isSecretField } from './secret-fields.ts';
import { REDACTED, type ScrubText } from './secret-text.ts';

export type SerializedError = Record<string, unknown>;

// Deep enough for a cause chain of errors holding request bodies; beyond it the value is cut.
const MAX_DEPTH = 10;

export interface ErrorSerializer {
  /** An Error as a plain, scrubbed object; any other value is returned as it is. */
  serialize(value: unknown): unknown;
  /** The object with every Error nested anywhere in it serialized; the same object when it holds none. */
  serializeNested<T>(value: T): T;
}

export function createErrorSerializer(scrub: ScrubText): ErrorSerializer {
  const fromError = (error: Error, ancestors: Set<object>, depth: number): SerializedError => {
    const fields: Record<string, unknown> = { type: error.constructor?.name ?? error.name, message: error.message, stack: error.stack };
    // Own enumerable fields: url, method, status, code, requestBody, rawError, errno, syscall…
    for (const [key, value] of Object.entries(error)) fields[key] = value;
    // Set through the constructor's options, `cause` is not enumerable.
    if (error.cause !== undefined) fields.cause = error.cause;
    const { errors } = error as { errors?: unknown };
    if (Array.isArray(errors)) fields.errors = errors;
    return clean(fields, ancestors, depth) as SerializedError;
  };

  const clean = (value: unknown, ancestors: Set<object>, depth: number): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (typeof value !== 'object' || value === null) return value;
    if (ancestors.has(value)) return '[circular]';
    if (depth > MAX_DEPTH) return '[too deep]';
    // A file sent with the request: its size says enough, its bytes would flood the line.
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
    ancestors.add(value);
    try {
      if (value instanceof Error) return fromError(value, ancestors, depth + 1);
      if (Array.isArray(value)) return value.map((item) => clean(item, ancestors, depth + 1));
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return clean(json.call(value), ancestors, depth + 1);
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = isSecretField(key) ? REDACTED : clean(item, ancestors, depth + 1);
      return copy;
    } finally {
      ancestors.delete(value);
    }
  };

  // Walks plain objects and arrays only: other values are pino's to write as it always has.
  const nested = (value: unknown, ancestors: Set<object>, depth: number): unknown => {
    if (value instanceof Error) return clean(value, new Set(), 0);
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || ancestors.has(value)) return value;
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) return value;
    ancestors.add(value);
    try {
      let changed: Record<string, unknown> | unknown[] | undefined;
      for (const [key, item] of Object.entries(value)) {
        const replaced = nested(item, ancestors, depth + 1);
        if (replaced === item) continue;
        changed ??= isArray ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
        (changed as Record<string, unknown>)[key] = replaced;
      }
      return changed ?? value;
    } finally {
      ancestors.delete(value);
    }
  };

  return {
    serialize: (value) => (value instanceof Error ? clean(value, new Set(), 0) : value),
    serializeNested: <T>(value: T) => nested(value, new Set(), 0) as T,
  };
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
