// What a server may do (list size, subscribers, import) follows its tier: the one granted to
// it, Patreon's, or the installation's default (domain/tiers.ts decides which).
import type { TierLimits } from '../../domain/tiers.ts';
import type { Repositories } from '../../store/repositories.ts';
import type { CommandServices } from '../command.ts';
import type { ServerSettings } from '../server-settings.ts';

export async function limitsFor(context: { serverSettings: ServerSettings; services: Pick<CommandServices, 'tiers'> }): Promise<TierLimits> {
  return context.services.tiers.limitsFor(await context.serverSettings.get());
}

/** Anime on the server's list paused by its tier's limit: they still count towards it. */
export async function pausedByLimit(repositories: Pick<Repositories, 'trackedAnime'>, guildId: string): Promise<number> {
  return (await repositories.trackedAnime.listForGuild(guildId)).filter((entry) => entry.finishedAt === null && entry.limitPausedAt !== null).length;
}

/** Said after "the list is full" when some of it is paused by the limit, so the count makes sense. */
export function pausedCountNote(paused: number): string {
  if (paused === 0) return '';
  return ` ${paused === 1 ? '1 of them is' : `${paused} of them are`} paused because the list is over this server's tier limit, and still counted.`;
}
