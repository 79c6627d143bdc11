// The notification people see. Pure: the same delivery renders the same messages. "Aired" and
// "reminder" look different (colour, wording); the subscribers' pings follow the embed and are
// split over as many messages as Discord's limits need.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';
import { bellCustomId } from '../commands/bell.component.ts';
import { colorOf } from '../commands/anime/embeds.ts';
import { discordTime } from '../domain/discord-time.ts';
import { displayTitle } from '../domain/titles.ts';
import type { DeliveryKind, Media, TitleLanguage } from '../store/repositories.ts';
import { mentionChunks } from './mentions.ts';

export interface RenderInput {
  kind: DeliveryKind;
  media: Media;
  episode: number;
  airingAt: number;
  nickname: string;
  language: TitleLanguage;
  subscribers: readonly string[];
  now: number;
}

export type WebhookMessage = RESTPostAPIWebhookWithTokenJSONBody;

const REMINDER_COLOR = 0x99aab5;
const DEFAULT_COLOR = 0x02a9ff;
// Later than this, a notification says how long ago the episode aired (after downtime).
const LATE_AFTER_MS = 15 * 60_000;

export function renderNotification(input: RenderInput): WebhookMessage[] {
  const embed = input.kind === 'reminder' ? reminderEmbed(input) : airedEmbed(input);
  const lead = input.kind === 'reminder' ? 'Coming up:' : 'New episode:';
  const [first, ...rest] = mentionChunks(input.subscribers, input.subscribers.length > 0 ? lead : '');
  const bell: APIActionRowComponent<APIButtonComponentWithCustomId> = {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: bellCustomId(input.media.id), emoji: { name: '🔔' }, label: 'Ping me for new episodes' }],
  };
  return [
    { content: first?.content ?? '', embeds: [embed], components: [bell], allowed_mentions: { parse: [], users: first?.userIds ?? [] } },
    ...rest.map((chunk) => ({ content: chunk.content, allowed_mentions: { parse: [], users: chunk.userIds } })),
  ];
}

function episodeLabel(media: Media, episode: number): string {
  return media.episodes ? `Episode ${episode} of ${media.episodes}` : `Episode ${episode}`;
}

function common(input: RenderInput): APIEmbed {
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

function airedEmbed(input: RenderInput): APIEmbed {
  const { media, episode } = input;
  const finale = media.episodes !== null && episode >= media.episodes;
  const late = input.now - input.airingAt;
  const when = late > LATE_AFTER_MS ? `aired ${describeAgo(late)} (${discordTime(input.airingAt)})` : `just aired (${discordTime(input.airingAt, 't')})`;
  const lines = [`**${episodeLabel(media, episode)}**${finale ? ', the finale,' : ''} ${when}.`];
  if (finale) lines.push('That was the last episode: this anime will leave the server’s list once it has finished airing.');
  return { ...common(input), author: { name: finale ? 'Final episode' : 'New episode' }, description: lines.join('\n'), color: colorOf(media) ?? DEFAULT_COLOR };
}

function reminderEmbed(input: RenderInput): APIEmbed {
  return {
    ...common(input),
    author: { name: 'Reminder' },
    description: `**${episodeLabel(input.media, input.episode)}** airs ${discordTime(input.airingAt, 'R')} (${discordTime(input.airingAt, 't')}).`,
    color: REMINDER_COLOR,
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
