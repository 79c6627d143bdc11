// Locks between the processes that share one database, so jobs that must run once at a time
// (the scheduler, an outbound address's budget, a recompute) do, however many processes run.
// On PostgreSQL they are advisory locks: a held lock lives in one dedicated session, which
// PostgreSQL ends (and so releases every lock in it) the moment the holding process dies, so a
// standby takes over within its next try. `exclusive` uses a transaction-scoped lock, gone with
// the transaction. SQLite serves one process, so its locks are kept in memory.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { oneAtATimePerKey } from '../domain/one-at-a-time.ts';
import type { Database } from './schema.ts';

export interface HeldLock {
  readonly name: string;
  /** False once released or lost (the session ended). */
  isHeld(): boolean;
  /** Resolves when the lock is lost without being released: stop the work it guards at once. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface ProcessLocks {
  /** Takes `name` for this process if no process holds it; undefined when another does. */
  tryHold(name: string): Promise<HeldLock | undefined>;
  /** Runs `work` while no other process runs work under the same name (waits its turn). */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Releases everything held. */
  close(): Promise<void>;
}

// How often the lock session is asked whether it still lives: a session cut by the network
// (not by the process dying) is otherwise noticed only at the next query.
const SESSION_CHECK_MS = 3000;

/** Advisory lock keys are 64-bit integers: the first eight bytes of a hash of the name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(`anitrack:${name}`).digest().readBigInt64BE(0).toString();
}

export function createPostgresLocks(connectionString: string, db: Kysely<Database>): ProcessLocks {
  let session: Promise<LockSession> | undefined;
  const openSession = () => {
    session ??= LockSession.open(connectionString, () => {
      session = undefined;
    });
    return session;
  };
  return {
    async tryHold(name) {
      const current = await openSession();
      return current.tryHold(name);
    },
    async exclusive(name, work) {
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${lockKey(name)}::bigint)`.execute(trx);
        return work();
      });
    },
    async close() {
      const current = session;
      session = undefined;
      if (current) await (await current).end();
    },
  };
}

class LockSession {
  private readonly held = new Map<string, { lose(): void }>();
  private ended = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly client: pg.Client,
    private readonly onEnd: () => void,
  ) {
    const lose = () => this.lose();
    client.on('error', lose);
    client.on('end', lose);
    this.timer = setInterval(() => {
      client.query('select 1').catch(lose);
    }, SESSION_CHECK_MS);
    this.timer.unref();
  }

  static async open(connectionString: string, onEnd: () => void): Promise<LockSession> {
    const client = new pg.Client({ connectionString, keepAlive: true, application_name: 'anitrack locks' });
    try {
      await client.connect();
    } catch (error) {
      onEnd();
      throw error;
    }
    return new LockSession(client, onEnd);
  }

  async tryHold(name: string): Promise<HeldLock | undefined> {
    if (this.held.has(name)) return undefined;
    const key = lockKey(name);
    const result = await this.client.query<{ held: boolean }>('select pg_try_advisory_lock($1::bigint) as held', [key]);
    if (!result.rows[0]?.held) return undefined;
    let held = true;
    let lose!: () => void;
    const lost = new Promise<void>((resolve) => {
      lose = () => {
        if (!held) return;
        held = false;
        resolve();
      };
    });
    this.held.set(name, { lose });
    return {
      name,
      isHeld: () => held,
      lost,
      release: async () => {
        if (!held) return;
        held = false;
        this.held.delete(name);
        await this.client.query('select pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
      },
    };
  }

  private lose(): void {
    void this.finish({ lost: true });
  }

  async end(): Promise<void> {
    await this.finish({ lost: false });
  }

  // Lost: the session died under the locks, and their holders are told; otherwise they were let go.
  private async finish({ lost }: { lost: boolean }): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    if (lost) for (const lock of this.held.values()) lock.lose();
    this.held.clear();
    this.onEnd();
    await this.client.end().catch(() => undefined);
  }
}

/** One process, one database file: a lock is a name in a set, `exclusive` a queue. */
export function createInProcessLocks(): ProcessLocks {
  const held = new Set<string>();
  const inTurn = oneAtATimePerKey();
  return {
    async tryHold(name) {
      if (held.has(name)) return undefined;
      held.add(name);
      let holding = true;
      return {
        name,
        isHeld: () => holding,
        // In one process a lock is only ever released, never lost.
        lost: new Promise<void>(() => undefined),
        release: async () => {
          holding = false;
          held.delete(name);
        },
      };
    },
    exclusive: (name, work) => inTurn(name, work),
    async close() {
      held.clear();
    },
  };
}
