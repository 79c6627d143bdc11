// /anime schedule: what airs in the next days, grouped by day. Discord timestamps show each
// reader the times in their own time zone.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import { displayTitle } from '../../domain/titles.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { nicknameText } from './nickname.ts';

const DAY_MS = 24 * 3_600_000;

export const schedule = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'schedule',
    description: "What airs in the next days from this server's list",
    options: [{ type: Option.Integer, name: 'days', description: 'How many days ahead (1 to 7, default 7)', min_value: 1, max_value: 7 }],
  },
  {
    access: 'everyone',
    async run(context) {
      const { services, guildId } = context;
      const days = context.options.days ?? 7;
      const { trackedAnime, airings, media } = services.repositories;
      const tracked = (await trackedAnime.listForGuild(guildId)).filter((item) => item.finishedAt === null);
      const now = services.now();
      const upcoming = await airings.listBetween(
        now,
        now + days * DAY_MS,
        tracked.map((item) => item.mediaId),
      );
      const span = days === 1 ? 'the next day' : `the next ${days} days`;
      if (upcoming.length === 0) return { content: `Nothing on this server's list airs in ${span}.` };

      const language = (await context.serverSettings.get())?.titleLanguage ?? 'romaji';
      const details = new Map((await media.getMany([...new Set(upcoming.map((airing) => airing.mediaId))])).map((item) => [item.id, item]));
      const nicknames = new Map(tracked.map((item) => [item.mediaId, item.nickname]));
      const byDay = new Map<number, string[]>();
      for (const airing of upcoming) {
        const day = Math.floor(airing.airingAt / DAY_MS);
        const found = details.get(airing.mediaId);
        const nickname = nicknames.get(airing.mediaId);
        const title = found ? displayTitle(found, language) : nickname ? nicknameText(nickname) : `Anime ${airing.mediaId}`;
        const line = `${discordTime(airing.airingAt, 't')} **${title}** — episode ${airing.episode}`;
        byDay.set(day, [...(byDay.get(day) ?? []), line]);
      }
      const fields = [...byDay.entries()].slice(0, 25).map(([day, lines]) => ({
        name: discordTime(Math.max(day * DAY_MS, now), 'D'),
        value: lines.join('\n').slice(0, 1024),
      }));
      return { embeds: [{ title: `Airing in ${span}`, fields }] };
    },
  },
);
