// What a server may do (list size, subscribers, import) follows its tier: the one granted to
// it, or the installation's default (domain/tiers.ts decides which).
import type { TierLimits } from '../../domain/tiers.ts';
import type { CommandServices } from '../command.ts';
import type { ServerSettings } from '../server-settings.ts';

export async function limitsFor(context: { serverSettings: ServerSettings; services: Pick<CommandServices, 'tiers'> }): Promise<TierLimits> {
  return context.services.tiers.limitsFor(await context.serverSettings.get());
}
