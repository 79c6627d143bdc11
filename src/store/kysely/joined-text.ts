// Aggregates a text column into one comma-separated string per group, in either dialect. For
// reads of many thousands of rows (planning a fan-out), one row per group with a long string
// costs far less than a row object per server; ids and snowflakes never contain commas.
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { StoreDialect } from '../database.ts';

export function joinedText(dialect: StoreDialect, text: Expression<string>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`string_agg(${text}, ',')` : sql<string>`group_concat(${text}, ',')`;
}

export function splitJoined(joined: string | null): string[] {
  return joined ? joined.split(',') : [];
}
