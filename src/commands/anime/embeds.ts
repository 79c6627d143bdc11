// The card that describes one anime (/anime info, analytics' random pick).
import type { APIEmbed } from 'discord-api-types/v10';
import { colorOf } from '../../domain/cover-color.ts';
import { discordTime } from '../../domain/discord-time.ts';
import { displayTitle } from '../../domain/titles.ts';
import type { Airing, Media, TitleLanguage } from '../../domain/media.ts';

const STATUS_TEXT: Record<string, string> = {
  RELEASING: 'Airing',
  NOT_YET_RELEASED: 'Not yet aired',
  FINISHED: 'Finished',
  CANCELLED: 'Cancelled',
  HIATUS: 'On hiatus',
};

export function plainDescription(description: string | null, max = 350): string | undefined {
  if (!description) return undefined;
  const text = description
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function animeEmbed(media: Media, next: Pick<Airing, 'episode' | 'airingAt'> | undefined, language: TitleLanguage): APIEmbed {
  const description = plainDescription(media.description);
  const color = colorOf(media);
  const fields = [
    { name: 'Status', value: STATUS_TEXT[media.status ?? ''] ?? 'Unknown', inline: true },
    { name: 'Episodes', value: media.episodes ? String(media.episodes) : 'Unknown', inline: true },
    { name: 'Format', value: media.format?.replace('_', ' ') ?? 'Unknown', inline: true },
    {
      name: 'Next episode',
      value: next ? `Episode ${next.episode}: ${discordTime(next.airingAt)} (${discordTime(next.airingAt, 'R')})` : 'No date announced',
    },
  ];
  if (media.streamingLinks.length > 0) {
    fields.push({
      name: 'Watch on',
      value: media.streamingLinks
        .map((link) => `[${link.site}](${link.url})`)
        .join(' · ')
        .slice(0, 1024),
    });
  }
  return {
    title: displayTitle(media, language).slice(0, 256),
    ...(media.siteUrl && { url: media.siteUrl }),
    ...(description && { description }),
    ...(color !== undefined && { color }),
    ...(media.coverImage && { thumbnail: { url: media.coverImage } }),
    fields,
    footer: { text: 'Data from AniList' },
  };
}
