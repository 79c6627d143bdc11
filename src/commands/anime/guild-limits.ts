import type { TierLimits } from '../../domain/tiers.ts';
import type { CommandServices } from '../command.ts';

export async function limitsFor(guildId: string, services: CommandServices): Promise<TierLimits> {
  const settings = await services.repositories.guilds.get(guildId);
  return services.tiers[settings?.premiumTier ?? 'free'];
}
