import type { Kysely, Selectable } from 'kysely';
import type { DashboardSession, SessionsRepository } from '../repositories.ts';
import type { Database, SessionsTable } from '../schema.ts';
import type { SecretBox } from '../secrets.ts';

// A sealed token opens only on the row (and column) it was sealed for.
export const sessionTokenContext = (column: 'access_token' | 'refresh_token', idHash: string) => `sessions.${column}:${idHash}`;

export function createSessionsRepository(db: Kysely<Database>, secrets: SecretBox): SessionsRepository {
  const toSession = (row: Selectable<SessionsTable>): DashboardSession => ({
    idHash: row.id_hash,
    userId: row.user_id,
    username: row.username,
    csrfToken: row.csrf_token,
    accessToken: secrets.open(row.access_token, sessionTokenContext('access_token', row.id_hash)),
    refreshToken: secrets.open(row.refresh_token, sessionTokenContext('refresh_token', row.id_hash)),
    tokenExpiresAt: Number(row.token_expires_at),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  });
  const sealedTokens = (idHash: string, tokens: Pick<DashboardSession, 'accessToken' | 'refreshToken'>) => ({
    access_token: secrets.seal(tokens.accessToken, sessionTokenContext('access_token', idHash)),
    refresh_token: secrets.seal(tokens.refreshToken, sessionTokenContext('refresh_token', idHash)),
  });

  return {
    async create(session) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          username: session.username,
          csrf_token: session.csrfToken,
          ...sealedTokens(session.idHash, session),
          token_expires_at: session.tokenExpiresAt,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async get(idHash, now) {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
      return row && toSession(row);
    },
    async updateTokens(idHash, tokens) {
      await db
        .updateTable('sessions')
        .set({ ...sealedTokens(idHash, tokens), token_expires_at: tokens.tokenExpiresAt })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async delete(idHash) {
      const row = await db.deleteFrom('sessions').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
      return row && toSession(row);
    },
    async forUser(userId) {
      const rows = await db
        .selectFrom('sessions')
        .select(['username', 'created_at', 'expires_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({ username: row.username, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) }));
    },
    async deleteForUser(userId) {
      return (await db.deleteFrom('sessions').where('user_id', '=', userId).returningAll().execute()).map(toSession);
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
