// "New episode": in the anime's cover colour, marking the finale, and saying how long ago the
// episode aired when the notification goes out late (after downtime).
import type { APIEmbed } from 'discord-api-types/v10';
import { colorOf } from '../../domain/cover-color.ts';
import { discordTime } from '../../domain/discord-time.ts';
import type { RenderInput } from '../render-input.ts';
import { episodeEmbed, episodeLabel } from './episode-embed.ts';

// For an anime without a cover colour: AniList's blue.
const DEFAULT_COLOR = 0x02a9ff;
// Later than this, a notification says how long ago the episode aired (after downtime).
const LATE_AFTER_MS = 15 * 60_000;

export function airedEmbed(input: RenderInput): APIEmbed {
  const { media, episode } = input;
  const finale = media.episodes !== null && episode >= media.episodes;
  const late = input.now - input.airingAt;
  const when = late > LATE_AFTER_MS ? `aired ${describeAgo(late)} (${discordTime(input.airingAt)})` : `just aired (${discordTime(input.airingAt, 't')})`;
  const lines = [`**${episodeLabel(media, episode)}**${finale ? ', the finale,' : ''} ${when}.`];
  if (finale) lines.push('That was the last episode: this anime will leave the server’s list once it has finished airing.');
  return {
    ...episodeEmbed(input),
    author: { name: finale ? 'Final episode' : 'New episode' },
    description: lines.join('\n'),
    color: colorOf(media) ?? DEFAULT_COLOR,
  };
}

/** "3 hours ago", "45 minutes ago", "1 day ago". */
export function describeAgo(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}
