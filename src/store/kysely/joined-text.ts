// Aggregates a text column into one comma-separated string per group, in either dialect. For
// reads of many thousands of rows (planning a fan-out), one row per group with a long string
// costs far less than a row object per server; ids and snowflakes never contain commas.
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { StoreDialect } from '../database.ts';

export function joinedText(dialect: StoreDialect, text: Expression<string>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`string_agg(${text}, ',')` : sql<string>`group_concat(${text}, ',')`;
}

/**
 * Server ids joined in code-unit order, the order planning compares lists in (a list read in
 * another order is only compared the slow way). SQLite reads a group's rows in the order of the
 * index it walks, and the planning indexes end with the server id, so it is asked for no sort;
 * PostgreSQL aggregates in the order rows lie on disk, so it sorts, bytewise.
 */
export function joinedServerIds(dialect: StoreDialect, column: Expression<string>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`string_agg(${column}, ',' order by ${column} collate "C")` : sql<string>`group_concat(${column}, ',')`;
}

export function splitJoined(joined: string | null): string[] {
  return joined ? joined.split(',') : [];
}
