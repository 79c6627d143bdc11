// What every notification embed shows whatever its kind: the title in the server's language,
// the anime's page and cover, where to watch, and the airing time as the embed's timestamp.
import type { APIEmbed } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import type { Media } from '../../domain/media.ts';
import type { RenderInput } from '../render-input.ts';

export function episodeLabel(media: Media, episode: number): string {
  return media.episodes ? `Episode ${episode} of ${media.episodes}` : `Episode ${episode}`;
}

export function episodeEmbed(input: RenderInput): APIEmbed {
  const { media } = input;
  const links = media.streamingLinks.map((link) => `[${link.site}](${link.url})`).join(' · ');
  return {
    title: displayTitle(media, input.language).slice(0, 256),
    ...(media.siteUrl && { url: media.siteUrl }),
    ...(media.coverImage && { thumbnail: { url: media.coverImage } }),
    ...(links && { fields: [{ name: 'Watch on', value: links.slice(0, 1024) }] }),
    footer: { text: `${input.nickname} · AniTrack · data from AniList`.slice(0, 2048) },
    timestamp: new Date(input.airingAt).toISOString(),
  };
}
