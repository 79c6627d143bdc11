// /anime analytics: what AniTrack servers (on this installation) follow most, or a random pick.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { displayTitle } from '../../domain/titles.ts';
import type { CountByMedia, TitleLanguage } from '../../store/repositories.ts';
import type { CommandServices, Subcommand } from '../command.ts';
import { readOptions } from '../read-options.ts';
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

export const analytics: Subcommand = {
  access: 'everyone',
  async run(context) {
    const { services } = context;
    const { view } = readOptions(context, { view: z.enum(['top_added', 'top_subscribed', 'random']) });
    const language = (await services.repositories.guilds.get(context.guildId))?.titleLanguage ?? 'romaji';
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
};
