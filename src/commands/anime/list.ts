// /anime list: the server's list (nickname, title, next episode) or the member's subscriptions.
// Anime that finished airing are shown once, then leave the list.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import { displayTitle } from '../../domain/titles.ts';
import type { TrackedAnime } from '../../store/repositories.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { nicknameCode } from './nickname.ts';

const DESCRIPTION_MAX = 4000;
const RESUME_FOOTER =
  'Anime paused over the list limit keep their subscribers and resume by themselves when the server gets a premium tier with room for them, or when an anime is removed.';

// "paused: over the Free list of 8": the tier's limit paused it (lapse without loss).
function overLimitWords(tierName: string, maxAnime: number | null): string {
  return maxAnime === null ? 'paused: over the list limit' : `paused: over the ${tierName} list of ${maxAnime}`;
}

// Paused on the dashboard or by the tier's limit: still listed, in its place, but no notifications.
function pausedMark(item: TrackedAnime, overLimit: string): string {
  if (item.limitPausedAt !== null) return ` (${overLimit})`;
  return item.pausedAt === null ? '' : ' (paused)';
}

export const list = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'list',
    description: "Show this server's list, or the anime you subscribed to",
    options: [
      {
        type: Option.String,
        name: 'filter',
        description: 'Which list (default: the server’s)',
        choices: [
          { name: "This server's list", value: 'server' },
          { name: 'My subscriptions', value: 'subscribed' },
        ],
      },
    ],
  },
  {
    access: 'everyone',
    async run(context) {
      const { services, guildId, userId } = context;
      const filter = context.options.filter ?? 'server';
      const { trackedAnime, media, airings, subscriptions } = services.repositories;
      const settings = await context.serverSettings.get();
      const language = settings?.titleLanguage ?? 'romaji';
      const limits = services.tiers.limitsFor(settings);
      const overLimit = overLimitWords(TIER_NAMES[services.tiers.tierFor(settings)], limits.maxAnime);
      const all = await trackedAnime.listForGuild(guildId);
      const mine = filter === 'subscribed' ? new Set(await subscriptions.mediaForMember(guildId, userId)) : undefined;
      const shown = mine ? all.filter((item) => mine.has(item.mediaId)) : all;
      const airing = shown.filter((item) => item.finishedAt === null);
      const finished = shown.filter((item) => item.finishedAt !== null);
      const details = new Map((await media.getMany(airing.map((item) => item.mediaId))).map((item) => [item.id, item]));
      const now = services.now();

      const lines = await Promise.all(
        airing.map(async (item) => {
          const found = details.get(item.mediaId);
          const next = await airings.nextForMedia(item.mediaId, now);
          const title = found ? ` — ${displayTitle(found, language)}` : '';
          const when = next ? ` · ep ${next.episode} ${discordTime(next.airingAt, 'R')}` : '';
          return `${nicknameCode(item.nickname)}${title}${when}${pausedMark(item, overLimit)}`;
        }),
      );
      if (finished.length > 0) {
        lines.push('', ...finished.map((item) => `${nicknameCode(item.nickname)} finished airing and leaves the list.`));
        // The server has now been told (promise P4 in docs/promises.md: nothing but the nickname was kept).
        if (!mine) await trackedAnime.dismissFinished(guildId);
      }
      if (lines.length === 0) {
        return mine
          ? { content: 'You are not subscribed to anything on this server yet. Try `/anime subscribe`.', ephemeral: true }
          : { content: "This server's list is empty. Add an anime with `/anime add`." };
      }
      let description = '';
      let shownCount = 0;
      for (const line of lines) {
        if (description.length + line.length + 40 > DESCRIPTION_MAX) break;
        description += `${line}\n`;
        shownCount += 1;
      }
      if (shownCount < lines.length) description += `…and ${lines.length - shownCount} more`;
      const limit = limits.maxAnime === null ? '' : ` of ${limits.maxAnime}`;
      const anyOverLimit = airing.some((item) => item.limitPausedAt !== null);
      return {
        embeds: [
          {
            title: mine ? 'Your subscriptions' : `This server's anime (${airing.length}${limit})`,
            description: description.trim(),
            ...(anyOverLimit && { footer: { text: RESUME_FOOTER } }),
          },
        ],
        ...(mine && { ephemeral: true }),
      };
    },
  },
);
