// Re-seals every stored secret under the current key, after ENCRYPTION_KEY changed and the
// previous key moved to ENCRYPTION_KEYS_OLD. Each sealed column is listed here once, with the
// associated data its rows were sealed with.
import type { Kysely } from 'kysely';
import { webhookTokenContext } from './kysely/guilds.repo.ts';
import { patreonTokenContext } from './kysely/patreon.repo.ts';
import { sessionTokenContext } from './kysely/sessions.repo.ts';
import type { Database } from './schema.ts';
import type { SecretBox } from './secrets.ts';

export interface RotationReport {
  resealed: number;
  alreadyCurrent: number;
}

export async function rotateSecrets(db: Kysely<Database>, secrets: SecretBox): Promise<RotationReport> {
  const report: RotationReport = { resealed: 0, alreadyCurrent: 0 };
  // Opens everything before writing anything: a missing old key stops the run with nothing changed.
  const rows = await db.selectFrom('guilds').select(['id', 'webhook_token']).where('webhook_token', 'is not', null).execute();
  const updates: { id: string; sealed: string }[] = [];
  for (const row of rows) {
    if (row.webhook_token === null) continue;
    if (secrets.isCurrent(row.webhook_token)) {
      report.alreadyCurrent += 1;
      continue;
    }
    const context = webhookTokenContext(row.id);
    updates.push({ id: row.id, sealed: secrets.seal(secrets.open(row.webhook_token, context), context) });
  }
  // Rows holding a pair of OAuth tokens, each sealed for its row and column.
  type TokenPair = { key: string; access_token: string; refresh_token: string };
  const resealPairs = (pairs: TokenPair[], contextOf: (column: 'access_token' | 'refresh_token', key: string) => string): TokenPair[] =>
    pairs.flatMap((pair) => {
      if (secrets.isCurrent(pair.access_token) && secrets.isCurrent(pair.refresh_token)) {
        report.alreadyCurrent += 1;
        return [];
      }
      const reseal = (column: 'access_token' | 'refresh_token') =>
        secrets.seal(secrets.open(pair[column], contextOf(column, pair.key)), contextOf(column, pair.key));
      return [{ key: pair.key, access_token: reseal('access_token'), refresh_token: reseal('refresh_token') }];
    });
  const sessionUpdates = resealPairs(
    await db.selectFrom('sessions').select(['id_hash as key', 'access_token', 'refresh_token']).execute(),
    sessionTokenContext,
  );
  const linkUpdates = resealPairs(
    await db.selectFrom('patreon_links').select(['discord_user_id as key', 'access_token', 'refresh_token']).execute(),
    patreonTokenContext,
  );
  await db.transaction().execute(async (trx) => {
    for (const update of updates) {
      await trx.updateTable('guilds').set({ webhook_token: update.sealed }).where('id', '=', update.id).execute();
    }
    for (const { key, ...sealed } of sessionUpdates) {
      await trx.updateTable('sessions').set(sealed).where('id_hash', '=', key).execute();
    }
    for (const { key, ...sealed } of linkUpdates) {
      await trx.updateTable('patreon_links').set(sealed).where('discord_user_id', '=', key).execute();
    }
  });
  report.resealed = updates.length + sessionUpdates.length + linkUpdates.length;
  return report;
}
