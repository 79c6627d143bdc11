// The daily retention job (promises P1 and P4 in docs/promises.md): servers that removed the bot (or whose
// webhook is gone with no sign of life since) lose their data after a grace period, and the
// delivery history and the audit log of configuration changes are kept only for a while, and
// expired dashboard logins are deleted. AniList data follows its own rule in the sync.
import type { API } from '@discordjs/core/http-only';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';
import { deleteGuildData } from './guild-data.ts';

export interface RetentionOptions {
  repositories: Repositories;
  discord: API;
  logger: Logger;
  now(): number;
  graceMs: number;
  historyMs: number;
  /** How long audit log entries are kept (AUDIT_LOG_DAYS). */
  auditLogMs: number;
  intervalMs?: number;
}

export interface RetentionJob {
  run(): Promise<{ serversDeleted: number; deliveriesDeleted: number; sessionsDeleted: number; auditEntriesDeleted: number }>;
  start(): void;
  stop(): void;
}

export function createRetentionJob(options: RetentionOptions): RetentionJob {
  const { repositories, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    const now = options.now();
    const abandoned = await repositories.guilds.abandoned(now - options.graceMs);
    for (const guildId of abandoned) await deleteGuildData(repositories, options.discord, guildId, now);
    const deliveriesDeleted = await repositories.deliveries.deleteHistory(now - options.historyMs);
    const sessionsDeleted = await repositories.sessions.deleteExpired(now);
    const auditEntriesDeleted = await repositories.auditLog.deleteOlderThan(now - options.auditLogMs);
    if (abandoned.length + deliveriesDeleted + sessionsDeleted + auditEntriesDeleted > 0) {
      logger.info({ serversDeleted: abandoned.length, deliveriesDeleted, sessionsDeleted, auditEntriesDeleted }, 'Retention: old data deleted');
    }
    return { serversDeleted: abandoned.length, deliveriesDeleted, sessionsDeleted, auditEntriesDeleted };
  };
  const safeRun = () => void run().catch((error: unknown) => logger.error({ err: error }, 'Retention run failed'));
  return {
    run,
    start() {
      if (timer) return;
      safeRun();
      timer = setInterval(safeRun, options.intervalMs ?? 24 * 3_600_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
