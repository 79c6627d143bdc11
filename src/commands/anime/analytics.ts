// /anime analytics: what AniTrack servers (on this installation) follow most, or a random pick.
import { randomInt } from 'node:crypto';
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import type { CountByMedia } from '../../store/repositories.ts';
import type { TitleLanguage } from '../../domain/media.ts';
import type { CommandServices } from '../command.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { animeEmbed } from './embeds.ts';

async function ranking(title: string, counts: CountByMedia[], unit: string, services: CommandServices, language: TitleLanguage) {
  if (counts.length === 0) return { content: 'No anime is being followed yet.' };
  const details = new Map((await services.repositories.media.getMany(counts.map((count) => count.mediaId))).map((item) => [item.id, item]));
  const lines = counts.map((count, index) => {
    const found = details.get(count.mediaId);
    const name = found ? (found.siteUrl ? `[${displayTitle(found, language)}](${found.siteUrl})` : displayTitle(found, language)) : `Anime ${count.mediaId}`;
    return `${index + 1}. ${name} — ${count.count} ${unit}${count.count === 1 ? '' : 's'}`;
  });
  return { embeds: [{ title, description: lines.join('\n') }] };
}

export const analytics = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'analytics',
    description: 'What is popular with AniTrack servers',
    options: [
      {
        type: Option.String,
        name: 'view',
        description: 'Which view',
        required: true,
        choices: [
          { name: 'Top 10 most added', value: 'top_added' },
          { name: 'Top 10 most subscribed', value: 'top_subscribed' },
          { name: 'A random tracked anime', value: 'random' },
        ],
      },
    ],
  },
  {
    access: 'everyone',
    async run(context) {
      const { services, options } = context;
      const { view } = options;
      const language = (await context.serverSettings.get())?.titleLanguage ?? 'romaji';
      if (view === 'top_added') return ranking('Most added anime', await services.repositories.trackedAnime.mostTracked(10), 'server', services, language);
      if (view === 'top_subscribed') {
        return ranking('Most subscribed anime', await services.repositories.subscriptions.mostSubscribed(10), 'subscriber', services, language);
      }
      const ids = await services.repositories.trackedAnime.trackedMediaIds();
      if (ids.length === 0) return { content: 'No anime is being followed yet.' };
      const id = ids[randomInt(ids.length)]!;
      const media = await services.repositories.media.get(id);
      if (!media) return { content: `Anime ${id} — its details are still being fetched from AniList.` };
      const next = await services.repositories.airings.nextForMedia(id, services.now());
      return { embeds: [animeEmbed(media, next, language)] };
    },
  },
);
