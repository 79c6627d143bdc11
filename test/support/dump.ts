// Reads every row of every table as text, found through the database's own catalogue, so a
// test can check what is (or is not) stored anywhere, not just where it expects it.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/store/database.ts';

export async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const query =
    handle.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
      : sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  return (await query.execute(handle.db)).rows.map((row) => row.name);
}

export async function dumpAllTables(handle: DatabaseHandle, options: { except?: string[] } = {}): Promise<string> {
  const lines: string[] = [];
  for (const table of await tableNames(handle)) {
    if (options.except?.includes(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
    lines.push(`# ${table}`, ...rows.rows.map((row) => JSON.stringify(row)));
  }
  return lines.join('\n');
}

/** Rows tied to a member or a server, found through the privacy registry's description of each table. */
export async function registeredRowsFor(handle: DatabaseHandle, who: { userId?: string; guildId?: string }): Promise<string[]> {
  const { DATA_REGISTRY } = await import('../../src/privacy/data-registry.ts');
  const found: string[] = [];
  for (const [table, facts] of Object.entries(DATA_REGISTRY)) {
    const columns = [
      ...(who.guildId && facts.guildColumn ? [[facts.guildColumn, who.guildId]] : []),
      ...(who.userId ? (facts.userColumns ?? []).map((column) => [column, who.userId!]) : []),
    ];
    for (const [column, value] of columns) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column!)} = ${value}`.execute(handle.db);
      found.push(...rows.rows.map((row) => `${table}: ${JSON.stringify(row)}`));
    }
  }
  return found;
}
