// Serialises changes that check a per-server limit before inserting ("fewer than 8 anime").
// PostgreSQL: a row lock on the server's row inside the transaction. SQLite: the first
// statement of the transaction is a write, which takes SQLite's single write lock for the
// rest of the transaction, so nothing else can slip in between the check and the insert.
import type { Kysely, Transaction } from 'kysely';
import type { StoreDialect } from '../database.ts';
import type { Database } from '../schema.ts';
import { insertGuildIfMissing } from './guild-defaults.ts';

export async function withGuildLock<T>(
  db: Kysely<Database>,
  dialect: StoreDialect,
  guildId: string,
  now: number,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await insertGuildIfMissing(db, guildId, now, trx);
    if (dialect === 'postgres') {
      await trx.selectFrom('guilds').select('id').where('id', '=', guildId).forUpdate().executeTakeFirst();
    }
    return work(trx);
  });
}
