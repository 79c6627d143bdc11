// Kysely builds and compiles a query afresh on every call. For a wide statement (the media upsert
// has twenty columns, a server's first row fourteen) that costs more than the database takes to
// run it, and /anime add runs several. A statement made here is built and compiled once per
// database, with a placeholder for each value; a call only puts its values in the placeholders'
// places. The SQL is the builder's own, so it is exactly what building it each time would send.
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from '../schema.ts';

const PLACEHOLDER = Symbol('compiled-once placeholder');

interface Placeholder {
  readonly [PLACEHOLDER]: string;
}

const isPlaceholder = (value: unknown): value is Placeholder => typeof value === 'object' && value !== null && PLACEHOLDER in value;

interface Compiled<O> {
  query: CompiledQuery<O>;
  /** Per parameter: the value's key, or a constant of the statement itself (a limit, a null). */
  slots: ({ key: string } | { constant: unknown })[];
}

/**
 * @param keys the values a call supplies; each must become a parameter of the statement (not
 *   be used to decide its shape), or the first call throws.
 * @param build builds the statement from placeholders, typed `never` so that they fit any column.
 * @returns runs the statement on `db`, or inside a transaction of it (`executor`).
 */
export function compiledOnce<K extends string, O>(
  keys: readonly K[],
  build: (db: Kysely<Database>, values: Record<K, never>) => Compilable<O>,
): (db: Kysely<Database>, values: Record<K, unknown>, executor?: Kysely<Database>) => Promise<QueryResult<O>> {
  // Per database, because the SQL differs by dialect (`?` or `$1`).
  const compiledFor = new WeakMap<Kysely<Database>, Compiled<O>>();
  return async (db, values, executor = db) => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      compiled = compile(db, keys, build);
      compiledFor.set(db, compiled);
    }
    const parameters = compiled.slots.map((slot) => ('key' in slot ? values[slot.key as K] : slot.constant));
    return await executor.executeQuery<O>({ ...compiled.query, parameters });
  };
}

function compile<K extends string, O>(
  db: Kysely<Database>,
  keys: readonly K[],
  build: (db: Kysely<Database>, values: Record<K, never>) => Compilable<O>,
): Compiled<O> {
  const placeholders = Object.fromEntries(keys.map((key) => [key, { [PLACEHOLDER]: key }])) as unknown as Record<K, never>;
  const query = build(db, placeholders).compile();
  const slots = query.parameters.map((value) => (isPlaceholder(value) ? { key: value[PLACEHOLDER] } : { constant: value }));
  const unused = keys.filter((key) => !slots.some((slot) => 'key' in slot && slot.key === key));
  if (unused.length > 0) throw new Error(`compiledOnce: ${unused.join(', ')} did not become parameters of: ${query.sql}`);
  return { query, slots };
}
