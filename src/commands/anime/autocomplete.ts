// Suggestions while a member types. Values are AniList ids; names show enough to tell
// seasons and formats apart.
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import type { Media } from '../../domain/media.ts';
import type { AutocompleteContext } from '../command.ts';

const MAX_CHOICES = 25;

function label(media: Media, language: 'romaji' | 'english' | 'native' = 'romaji'): string {
  const details = [media.seasonYear, media.format?.replace('_', ' ')].filter(Boolean).join(' ');
  return details ? `${displayTitle(media, language)} (${details})` : displayTitle(media, language);
}

/** Anime on AniList matching the text (adult titles left out). */
export async function aniListChoices(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const text = context.focused?.value.trim() ?? '';
  if (text.length < 2) return [];
  const results = await context.services.anilist.searchAnime(text);
  return results
    .filter((result) => !result.media.isAdult)
    .slice(0, MAX_CHOICES)
    .map(({ media }) => ({ name: label(media).slice(0, 100), value: String(media.id) }));
}

/** Anime on this server's list whose nickname or title contains the text. */
export async function trackedChoices(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const { trackedAnime, media } = context.services.repositories;
  const text = (context.focused?.value ?? '').trim().toLocaleLowerCase('en');
  const list = (await trackedAnime.listForGuild(context.guildId)).filter((item) => item.finishedAt === null);
  const details = new Map((await media.getMany(list.map((item) => item.mediaId))).map((item) => [item.id, item]));
  const language = (await context.serverSettings.get())?.titleLanguage ?? 'romaji';
  return list
    .map((item) => {
      const found = details.get(item.mediaId);
      const title = found ? displayTitle(found, language) : '';
      return {
        item,
        title,
        haystack: `${item.nickname} ${found ? [found.title.romaji, found.title.english, found.title.native].join(' ') : ''}`.toLocaleLowerCase('en'),
      };
    })
    .filter((entry) => entry.haystack.includes(text))
    .slice(0, MAX_CHOICES)
    .map(({ item, title }) => ({
      name: (title && title !== item.nickname ? `${item.nickname} — ${title}` : item.nickname).slice(0, 100),
      value: String(item.mediaId),
    }));
}

/** The server's list first, then AniList, for commands about any anime. */
export async function anyAnimeChoices(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const tracked = await trackedChoices(context);
  if (tracked.length >= MAX_CHOICES) return tracked;
  const fromAniList = await aniListChoices(context).catch(() => []);
  const seen = new Set(tracked.map((choice) => choice.value));
  return [...tracked, ...fromAniList.filter((choice) => !seen.has(choice.value))].slice(0, MAX_CHOICES);
}
