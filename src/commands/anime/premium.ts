// /anime premium: the server's tier and what it allows, where the tier comes from (the
// operator, a Patreon supporter, or the default), a warning while a supporter's payment is in
// its grace period, and how to get premium. Supporters are named as mentions that ping nobody.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { limitWords, readServerPremium, type ServerPremium } from './server-premium.ts';

const yesNo = (allowed: boolean) => (allowed ? 'yes' : 'no');

function sourceLine(premium: ServerPremium): string {
  if (premium.source === 'grant') return 'This tier was granted by the operator of this AniTrack.';
  if (premium.source === 'patreon') {
    const names = premium.supporters.map((id) => `<@${id}>`).join(', ');
    return `This tier comes from Patreon, thanks to ${names || 'a supporter'}.`;
  }
  return premium.supporters.length > 0
    ? `This is the default tier. ${premium.supporters.map((id) => `<@${id}>`).join(', ')} chose this server for their Patreon support, but no pledge of theirs gives a tier right now.`
    : 'This is the default tier of this AniTrack.';
}

export const premium = defineSubcommand(
  { type: Option.Subcommand, name: 'premium', description: "Show this server's premium tier, its limits and who supports it" },
  {
    access: 'everyone',
    async run(context) {
      const { services, guildId } = context;
      const shown = await readServerPremium(services.repositories, services.tiers, guildId);
      const { limits } = shown;
      const lines = [
        `**${TIER_NAMES[shown.tier]}** — ${sourceLine(shown)}`,
        `Anime on the list: ${limitWords(limits.maxAnime, 'anime')}`,
        `Members per anime: ${limitWords(limits.maxMembersPerAnime, 'members')}`,
        `List import: ${yesNo(limits.canImport)}`,
        // The highest tier has both (see domain/tiers.ts).
        `Custom notification time: ${yesNo(limits.customTiming)}`,
      ];
      if (shown.graceUntil !== null) {
        lines.push(
          `⚠️ A supporter's Patreon payment did not go through. Premium stays until ${discordTime(shown.graceUntil, 'D')}; after that, anime past the smaller list are paused (nothing is deleted).`,
        );
      }
      const billing = services.dashboardUrl ? `${services.dashboardUrl}/billing` : undefined;
      lines.push(
        billing
          ? `Premium comes from supporting AniTrack on Patreon: pick the server it applies to at ${billing}.`
          : 'Premium comes from supporting AniTrack on Patreon, or from the operator of this AniTrack.',
      );
      return { content: lines.join('\n'), allowedMentions: { parse: [] } };
    },
  },
);
