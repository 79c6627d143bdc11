import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { StoreDialect } from '../database.ts';
import type { DeliveriesRepository, Delivery, DeliveryKind, DeliveryStatus, PendingBatch, PlanningKey, SettledGroup } from '../repositories.ts';
import type { Database, DeliveriesTable } from '../schema.ts';
import { chunk } from './chunk.ts';
import { compiledOnce } from './compiled-once.ts';
import { joinedServerIds, joinedText, splitJoined } from './joined-text.ts';

// A delivery this worker holds: every completion is fenced by the lease, so a worker whose lease
// expired (and whose row another worker took over) changes nothing.
const leasedRow = (db: Kysely<Database>, id: number, owner: string) =>
  db.updateTable('deliveries').where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending');

// Every message of a fan-out is recorded by this statement, so it is compiled once. A message id
// recorded for an earlier part stays.
const markOneSent = compiledOnce(['id', 'owner', 'message_id', 'now'], (db, values) =>
  leasedRow(db, values.id, values.owner)
    .set((eb) => ({
      status: 'sent',
      message_id: eb.fn.coalesce('message_id', eb.val(values.message_id)),
      sent_at: values.now,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      updated_at: values.now,
    }))
    .returning('id'),
);

// Every status but pending, named so that the lookup goes through the planning index; a record,
// so that a status added later must be listed here too.
const SETTLED: Record<Exclude<DeliveryStatus, 'pending'>, true> = { sending: true, sent: true, failed: true, skipped: true, cancelled: true };
const SETTLED_STATUSES = Object.keys(SETTLED) as Exclude<DeliveryStatus, 'pending'>[];
const planningKeyText = (key: PlanningKey) => `${key.mediaId}:${key.episode}:${key.kind}`;

// A column that a condition must not look up through an index (SQLite's documented unary plus).
const notForIndex = (dialect: StoreDialect, column: string) => (dialect === 'postgres' ? sql.ref(column) : sql`+${sql.ref(column)}`);

type PlannedRow = Pick<Insertable<DeliveriesTable>, 'guild_id' | 'media_id' | 'episode' | 'kind' | 'due_at'>;
const PLANNED_COLUMNS = ['guild_id', 'media_id', 'episode', 'kind', 'due_at'] as const;

function insertPlanned(db: Kysely<Database>, rows: readonly PlannedRow[], now: number) {
  return (
    db
      .insertInto('deliveries')
      .values(rows.map((row) => ({ ...row, status: 'pending', attempts: 0, parts_sent: 0, created_at: now, updated_at: now })))
      // A row cancelled before anything went out comes back when it is wanted again (the
      // channel set again, the anime re-added, the episode back on AniList's schedule);
      // anything sent, being sent, skipped or failed stays as it is.
      .onConflict((oc) =>
        oc
          .columns(['guild_id', 'media_id', 'episode', 'kind'])
          .doUpdateSet((eb) => ({
            status: 'pending',
            due_at: eb.ref('excluded.due_at'),
            attempts: 0,
            last_error: null,
            updated_at: now,
          }))
          .where('deliveries.status', '=', 'cancelled')
          .where('deliveries.sent_at', 'is', null),
      )
      .returning('id')
  );
}

// Planning 100,000 deliveries is 200 full chunks, and building each chunk's statement took a
// third of planning's time: the statement for a full chunk is compiled once (the last, shorter
// one is built as usual).
const PLAN_CHUNK = 500;
const CHUNK_KEYS = Array.from({ length: PLAN_CHUNK }, (_, index) => PLANNED_COLUMNS.map((column) => `${index}.${column}`));
const insertFullChunk = compiledOnce([...CHUNK_KEYS.flat(), 'now'], (db, values) =>
  insertPlanned(
    db,
    CHUNK_KEYS.map((keys) => Object.fromEntries(PLANNED_COLUMNS.map((column, index) => [column, values[keys[index]!]])) as unknown as PlannedRow),
    values.now!,
  ),
);
const fullChunkValues = (rows: readonly PlannedRow[], now: number) => {
  const values: Record<string, unknown> = { now };
  rows.forEach((row, index) => {
    const keys = CHUNK_KEYS[index]!;
    PLANNED_COLUMNS.forEach((column, position) => (values[keys[position]!] = row[column]));
  });
  return values;
};

export function createDeliveriesRepository(db: Kysely<Database>, dialect: StoreDialect): DeliveriesRepository {
  // The id as text, to join it into a string (PostgreSQL does not cast a bigint to text by itself).
  const idText = dialect === 'postgres' ? sql<string>`cast(id as text)` : sql<string>`id`;

  return {
    async plan(deliveries, now) {
      let inserted = 0;
      // One transaction: a fan-out's 100,000 rows would otherwise be hundreds of commits.
      await db.transaction().execute(async (trx) => {
        for (const part of chunk(deliveries, PLAN_CHUNK)) {
          const rows = part.map((delivery) => ({
            guild_id: delivery.guildId,
            media_id: delivery.mediaId,
            episode: delivery.episode,
            kind: delivery.kind,
            due_at: delivery.dueAt,
          }));
          const result =
            rows.length === PLAN_CHUNK ? (await insertFullChunk(db, fullChunkValues(rows, now), trx)).rows : await insertPlanned(trx, rows, now).execute();
          inserted += result.length;
        }
      });
      return inserted;
    },
    async claimDue({ now, limit, leaseMs, owner }) {
      let due = db
        .selectFrom('deliveries')
        .select('id')
        .where((eb) =>
          eb.or([eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)])]),
        )
        .orderBy('due_at')
        .orderBy('id')
        .limit(limit);
      // Several workers may share one PostgreSQL: each skips rows another is claiming.
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sending', lease_owner: owner, lease_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toDelivery).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    },
    async recordParts(id, owner, { partsSent, messageId, now }) {
      const result = await leasedRow(db, id, owner)
        .set((eb) => ({ parts_sent: partsSent, message_id: eb.fn.coalesce('message_id', eb.val(messageId)), updated_at: now }))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async markSent(id, owner, { messageId, now }) {
      return (await markOneSent(db, { id, owner, message_id: messageId, now })).rows.length > 0;
    },
    async markSentMany(owner, sent, now) {
      const kept = new Set<number>();
      // One commit for the lot; each row by the statement compiled once (a single statement for
      // all of them would be built afresh for each batch).
      await db.transaction().execute(async (trx) => {
        for (const { id, messageId } of sent) {
          if ((await markOneSent(db, { id, owner, message_id: messageId, now }, trx)).rows.length > 0) kept.add(id);
        }
      });
      return kept;
    },
    async retryLater(id, owner, { dueAt, error, now, refundAttempt = false }) {
      const result = await leasedRow(db, id, owner)
        .set((eb) => ({
          status: 'pending',
          due_at: dueAt,
          last_error: error,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
          ...(refundAttempt && { attempts: eb('attempts', '-', 1) }),
        }))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async finish(id, owner, { status, error, now }) {
      const result = await leasedRow(db, id, owner)
        .set({ status, last_error: error, lease_owner: null, lease_until: null, updated_at: now })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async cancelPendingForGuild(guildId, now, mediaId, reason) {
      let query = db
        .updateTable('deliveries')
        .set({ status: 'cancelled', updated_at: now, ...(reason !== undefined && { last_error: reason }) })
        .where('guild_id', '=', guildId)
        .where('status', '=', 'pending');
      if (mediaId !== undefined) query = query.where('media_id', '=', mediaId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async listForGuild(guildId, { limit, before }) {
      let query = db.selectFrom('deliveries').selectAll().where('guild_id', '=', guildId);
      if (before !== undefined) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toDelivery);
    },
    async deleteHistory(before) {
      const result = await db
        .deleteFrom('deliveries')
        .where('status', 'in', ['sent', 'failed', 'skipped', 'cancelled'])
        .where('updated_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async mediaWithOpenDeliveries() {
      const rows = await db.selectFrom('deliveries').select('media_id').distinct().where('status', 'in', ['pending', 'sending']).orderBy('media_id').execute();
      return rows.map((row) => row.media_id);
    },
    async listPending() {
      const rows = await db.selectFrom('deliveries').selectAll().where('status', '=', 'pending').orderBy('due_at').orderBy('id').execute();
      return rows.map(toDelivery);
    },
    async listPendingForPlanning(guildIds) {
      // One row per episode, kind and due time: its servers as one string (compared whole with
      // the wanted list) and each server with its row's id, split only when planning needs the
      // rows. 100,000 deliveries are a few strings.
      const batches = await db
        .selectFrom('deliveries')
        .select((eb) => [
          'media_id',
          'episode',
          'kind',
          'due_at',
          joinedServerIds(dialect, eb.ref('guild_id')).as('guild_ids'),
          joinedText(dialect, sql<string>`${eb.ref('guild_id')} || ':' || ${idText}`).as('rows'),
        ])
        // For a few servers, their rows are found through the server's key; a lookup by status
        // would read every pending row in the store (SQLite picks it without statistics).
        .where(guildIds === undefined ? sql.ref('status') : notForIndex(dialect, 'status'), '=', 'pending')
        .$if(guildIds !== undefined, (query) => query.where('guild_id', 'in', guildIds!))
        .groupBy(['media_id', 'episode', 'kind', 'due_at'])
        .execute();
      return batches.map((batch): PendingBatch => ({
        mediaId: batch.media_id,
        episode: batch.episode,
        kind: batch.kind as DeliveryKind,
        dueAt: Number(batch.due_at),
        // Server ids are digits, so equal joined strings mean equal lists.
        hasServers: (guildIds) => guildIds.join(',') === batch.guild_ids,
        rows: () =>
          splitJoined(batch.rows).map((entry) => {
            const colon = entry.indexOf(':');
            return { guildId: entry.slice(0, colon), id: Number(entry.slice(colon + 1)) };
          }),
      }));
    },
    async listSettledForPlanning(keys, guildIds) {
      const wanted = new Set(keys.map(planningKeyText));
      const numbers = [...new Set(keys.map((key) => key.episode))];
      const groups = new Map<string, SettledGroup>();
      for (const part of chunk([...new Set(keys.map((key) => key.mediaId))], 500)) {
        const rows = await db
          .selectFrom('deliveries')
          .select((eb) => [
            'media_id',
            'episode',
            'kind',
            eb
              .case()
              .when(eb.and([eb('status', '=', 'cancelled'), eb('sent_at', 'is', null)]))
              .then(1)
              .else(0)
              .end()
              .as('revivable'),
            joinedText(dialect, eb.ref('guild_id')).as('guild_ids'),
          ])
          .where('status', 'in', SETTLED_STATUSES)
          .where('media_id', 'in', part)
          .where('episode', 'in', numbers)
          .$if(guildIds !== undefined, (query) => query.where('guild_id', 'in', guildIds!))
          .groupBy(['media_id', 'episode', 'kind', 'revivable'])
          .execute();
        for (const row of rows) {
          const key = { mediaId: row.media_id, episode: row.episode, kind: row.kind as DeliveryKind };
          const text = planningKeyText(key);
          if (!wanted.has(text)) continue;
          let group = groups.get(text);
          if (!group) groups.set(text, (group = { ...key, settled: new Map() }));
          const revivable = Number(row.revivable) === 1;
          for (const guildId of splitJoined(row.guild_ids)) group.settled.set(guildId, revivable);
        }
      }
      return [...groups.values()];
    },
    async countDue(now) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async movePending(moves, now) {
      let moved = 0;
      // One statement per new due time: a delay moves many servers' rows to the same time.
      const byDueAt = new Map<number, number[]>();
      for (const move of moves) {
        const ids = byDueAt.get(move.dueAt);
        if (ids) ids.push(move.id);
        else byDueAt.set(move.dueAt, [move.id]);
      }
      for (const [dueAt, ids] of byDueAt) {
        for (const part of chunk(ids, 500)) {
          const result = await db
            .updateTable('deliveries')
            .set({ due_at: dueAt, updated_at: now })
            .where('id', 'in', part)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          moved += Number(result.numUpdatedRows);
        }
      }
      return moved;
    },
    async cancelPending(ids, now, reason) {
      let cancelled = 0;
      for (const part of chunk(ids, 500)) {
        const result = await db
          .updateTable('deliveries')
          .set({ status: 'cancelled', updated_at: now, ...(reason !== undefined && { last_error: reason }) })
          .where('id', 'in', part)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        cancelled += Number(result.numUpdatedRows);
      }
      return cancelled;
    },
    async get(id) {
      const row = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toDelivery(row);
    },
    async renewLeases(owner, leaseUntil, now) {
      const result = await db
        .updateTable('deliveries')
        .set({ lease_until: leaseUntil, updated_at: now })
        .where('lease_owner', '=', owner)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async leaseHolders() {
      const rows = await db
        .selectFrom('deliveries')
        .leftJoin('worker_heartbeats', 'worker_heartbeats.owner', 'deliveries.lease_owner')
        .select(['deliveries.lease_owner as owner', 'worker_heartbeats.seen_at as seenAt'])
        .distinct()
        .where('deliveries.status', '=', 'sending')
        .where('deliveries.lease_owner', 'is not', null)
        .execute();
      return rows.map((row) => ({ owner: row.owner!, seenAt: row.seenAt === null ? null : Number(row.seenAt) }));
    },
    async releaseLeasesOf(owners, now) {
      let released = 0;
      for (const part of chunk(owners, 500)) {
        const result = await db
          .updateTable('deliveries')
          .set({ status: 'pending', lease_owner: null, lease_until: null, updated_at: now })
          .where('status', '=', 'sending')
          .where('lease_owner', 'in', part)
          .executeTakeFirst();
        released += Number(result.numUpdatedRows);
      }
      return released;
    },
    async troubles({ now, failedSince, stuckBefore }) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => [
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([eb('status', '=', 'failed'), eb('updated_at', '>=', failedSince)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('failed'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(
                  eb.or([
                    eb.and([eb('status', '=', 'pending'), eb('due_at', '<', stuckBefore)]),
                    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('stuck'),
        ])
        .where('status', 'in', ['failed', 'pending', 'sending'])
        .executeTakeFirstOrThrow();
      return { failed: Number(row.failed ?? 0), stuck: Number(row.stuck ?? 0) };
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('due_at').as('next'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? undefined : Number(row.next);
    },
  };
}

function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: Number(row.id),
    guildId: row.guild_id,
    mediaId: row.media_id,
    episode: row.episode,
    kind: row.kind as DeliveryKind,
    dueAt: row.due_at,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    messageId: row.message_id,
    partsSent: row.parts_sent,
    sentAt: row.sent_at,
  };
}
