// "Reminder": in a neutral grey, so it never passes for the episode itself, with the airing
// time shown relative ("in 30 minutes") and as a clock time.
import type { APIEmbed } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import type { RenderInput } from '../render-input.ts';
import { episodeEmbed, episodeLabel } from './episode-embed.ts';

const REMINDER_COLOR = 0x99aab5;

export function reminderEmbed(input: RenderInput): APIEmbed {
  return {
    ...episodeEmbed(input),
    author: { name: 'Reminder' },
    description: `**${episodeLabel(input.media, input.episode)}** airs ${discordTime(input.airingAt, 'R')} (${discordTime(input.airingAt, 't')}).`,
    color: REMINDER_COLOR,
  };
}
