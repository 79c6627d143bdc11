import type { Kysely } from 'kysely';
import type { CommandLocksRepository } from '../repositories.ts';
import type { Database } from '../schema.ts';
import { compiledOnce } from './compiled-once.ts';
import { insertGuildIfMissing } from './guild-defaults.ts';

// Read by every lockable command.
const selectRoles = compiledOnce(['guild_id', 'command'], (db, values) =>
  db.selectFrom('command_locks').select('role_id').where('guild_id', '=', values.guild_id).where('command', '=', values.command).orderBy('role_id'),
);

export function createCommandLocksRepository(db: Kysely<Database>): CommandLocksRepository {
  return {
    async lock(guildId, command, roleId, now) {
      await insertGuildIfMissing(db, guildId, now);
      const inserted = await db
        .insertInto('command_locks')
        .values({ guild_id: guildId, command, role_id: roleId, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('role_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async unlock(guildId, command, roleId) {
      let query = db.deleteFrom('command_locks').where('guild_id', '=', guildId).where('command', '=', command);
      if (roleId !== undefined) query = query.where('role_id', '=', roleId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async rolesFor(guildId, command) {
      const { rows } = await selectRoles(db, { guild_id: guildId, command });
      return rows.map((row) => row.role_id);
    },
    async listForGuild(guildId) {
      const rows = await db
        .selectFrom('command_locks')
        .select(['command', 'role_id'])
        .where('guild_id', '=', guildId)
        .orderBy('command')
        .orderBy('role_id')
        .execute();
      return rows.map((row) => ({ command: row.command, roleId: row.role_id }));
    },
  };
}
