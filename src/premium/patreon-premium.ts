// Premium through Patreon, running: the member rescan (the truth, every PATREON_RESCAN_MINUTES
// and at start), webhooks applied in between, and after either the servers' tiers worked out
// again, the list limits applied, and the admins told of what changed.
import type { TierRule } from '../domain/patron-tier.ts';
import { PREMIUM_TIERS, tierOf, type PremiumTier, type TierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { PatreonMemberReport, Repositories } from '../store/repositories.ts';
import { deliverNotices, noticeText, type NoticeKind } from './notices.ts';
import type { PatreonApi } from './patreon-api.ts';
import { applyGuildStates, guildStatesFrom, supporterTiers, type GuildChange } from './patreon-tiers.ts';

export interface PatreonPremiumOptions {
  repositories: Repositories;
  api: PatreonApi;
  /** Where members are read from; without it only webhooks and links bring members. */
  campaign?: { id: string; creatorToken: string } | undefined;
  rules: readonly TierRule[];
  graceDays: number;
  rescanEveryMs: number;
  tiers: TierTable;
  /** Applies the list limits to servers whose tier may have changed (pauses or resumes anime). */
  enforceTierLimits(guildIds: readonly string[]): Promise<void>;
  deliverNotices: Omit<Parameters<typeof deliverNotices>[0], 'repositories' | 'now' | 'logger'>;
  logger: Logger;
  now(): number;
  /** Runs a recompute while no other process sharing the database runs one (store.locks). */
  acrossProcesses?<T>(work: () => Promise<T>): Promise<T>;
}

// A replayed webhook is refused by its hash for this long; Patreon's retries come well within it.
const WEBHOOK_MEMORY_MS = 30 * 24 * 3_600_000;

export function createPatreonPremium(options: PatreonPremiumOptions) {
  const { repositories, logger, now } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const stopping = new AbortController();

  // One at a time, here and across processes: a webhook and a rescan finding the same change
  // must not both tell the admins.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const exclusive = () => (options.acrossProcesses ? options.acrossProcesses(work) : work());
    const turn = queue.then(exclusive, exclusive);
    queue = turn.catch(() => undefined);
    return turn;
  };

  /** Works the servers' tiers out again from what is stored, and acts on what changed. */
  const recompute = (): Promise<GuildChange[]> =>
    oneAtATime(async () => {
      const at = now();
      const [members, links, assignments] = await Promise.all([
        repositories.patreon.members.all(),
        repositories.patreon.links.all(),
        repositories.patreon.assignments.all(),
      ]);
      const supporters = supporterTiers(members, links, options.rules, options.graceDays, at);
      const changes = await applyGuildStates(repositories, guildStatesFrom(supporters, assignments), at);
      const tierChanged = changes.filter((change) => change.before.patreonTier !== change.after.patreonTier).map((change) => change.guildId);
      if (tierChanged.length > 0) await options.enforceTierLimits(tierChanged);
      if (changes.length > 0) await writeNotices(changes, at);
      // Also those a failed send left behind.
      await deliverNotices({ ...options.deliverNotices, repositories, logger, now });
      return changes;
    });

  // A notice when the server's own tier (grants and DEFAULT_TIER considered) goes up or down, and
  // when a grace period starts or ends with the payment made.
  async function writeNotices(changes: readonly GuildChange[], at: number): Promise<void> {
    const guilds = new Map((await repositories.guilds.getMany(changes.map((change) => change.guildId))).map((guild) => [guild.guildId, guild]));
    for (const { guildId, before, after } of changes) {
      const grant = guilds.get(guildId)?.premiumTier ?? null;
      const from = tierOf({ premiumTier: grant, patreonTier: before.patreonTier }, options.tiers.defaultTier);
      const to = tierOf({ premiumTier: grant, patreonTier: after.patreonTier }, options.tiers.defaultTier);
      // A grace period matters only where Patreon decides the tier: not under a grant, not below the default.
      const graceMatters = grant === null && to !== options.tiers.defaultTier;
      const notice = noticeFor(from, to, graceMatters ? before.graceUntil : null, graceMatters ? after.graceUntil : null);
      if (!notice) continue;
      const text =
        notice === 'premium_started'
          ? noticeText.premium_started(to)
          : notice === 'payment_restored'
            ? noticeText.payment_restored(to)
            : notice === 'grace_started'
              ? noticeText.grace_started(to, after.graceUntil ?? at, options.tiers[options.tiers.defaultTier])
              : noticeText.premium_ended(from, to, options.tiers[to]);
      await repositories.patreon.notices.add(guildId, notice, text, at);
    }
  }

  async function rescan(): Promise<void> {
    if (options.campaign) {
      try {
        const reports = await options.api.campaignMembers(options.campaign.id, options.campaign.creatorToken, stopping.signal);
        const at = now();
        for (const report of reports) await repositories.patreon.members.apply(report, at);
        const gone = await repositories.patreon.members.removeAllExcept(new Set(reports.map((report) => report.id)));
        logger.info({ members: reports.length, gone }, 'Rescanned the Patreon campaign');
      } catch (error) {
        if (stopping.signal.aborted) return;
        // Stored members stay as they were; grace periods still run out below.
        logger.error({ err: error }, 'The Patreon rescan failed; it is tried again at the next one');
      }
    }
    await repositories.patreon.webhookEvents.deleteOlderThan(now() - WEBHOOK_MEMORY_MS);
    await recompute();
  }

  const runOnce = () => {
    running ??= rescan()
      .catch((error: unknown) => logger.error({ err: error }, 'Working out premium from Patreon failed'))
      .finally(() => (running = undefined));
    return running;
  };

  return {
    recompute,
    /** One rescan now (or the one already running). */
    rescanNow: runOnce,
    /** A member's state from a verified webhook; false when it was older than what is stored. */
    async applyMember(trigger: string, report: PatreonMemberReport): Promise<boolean> {
      if (trigger === 'members:delete') {
        await repositories.patreon.members.remove(report.id);
      } else if (!(await repositories.patreon.members.apply(report, now(), { ifNotOlder: true }))) {
        return false;
      }
      await recompute();
      return true;
    },
    start() {
      if (timer) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), options.rescanEveryMs);
      timer.unref();
    },
    /** Stops the rescans (another process runs the scheduler now); start() resumes them. */
    async pause() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    async stop() {
      if (timer) clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}

export type PatreonPremium = ReturnType<typeof createPatreonPremium>;

function noticeFor(from: PremiumTier, to: PremiumTier, graceBefore: number | null, graceAfter: number | null): NoticeKind | undefined {
  const rank = (tier: PremiumTier) => PREMIUM_TIERS.indexOf(tier);
  if (rank(to) < rank(from)) return 'premium_ended';
  if (rank(to) > rank(from)) return 'premium_started';
  if (graceBefore === null && graceAfter !== null) return 'grace_started';
  if (graceBefore !== null && graceAfter === null) return 'payment_restored';
  return undefined;
}
