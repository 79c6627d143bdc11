// Suggestions while a member types. Values are AniList ids; names show enough to tell
// seasons and formats apart. Nothing here asks AniList: suggestions come from the local
// catalogue and the server's own list, so they answer at once whatever AniList's queue holds.
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { displayTitle } from '../../domain/titles.ts';
import type { CatalogueEntry, TitleLanguage } from '../../domain/media.ts';
import type { AutocompleteContext } from '../command.ts';

const MAX_CHOICES = 25;

function label(entry: CatalogueEntry, language: TitleLanguage): string {
  const title = displayTitle({ id: entry.mediaId, title: entry.title }, language);
  const details = [entry.seasonYear, entry.format?.replace('_', ' ')].filter(Boolean).join(' ');
  return details ? `${title} (${details})` : title;
}

/** Anime that can be added, from the catalogue (adult titles are not in it). */
export async function catalogueChoices(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const text = context.focused?.value.trim() ?? '';
  if (text.length < 2) return [];
  const found = context.services.catalogue.search(text, MAX_CHOICES);
  if (found.length === 0) return [];
  const language = (await context.serverSettings.get())?.titleLanguage ?? 'romaji';
  return found.map((entry) => ({ name: label(entry, language).slice(0, 100), value: String(entry.mediaId) }));
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

/** The server's list first, then the catalogue, for commands about any anime. */
export async function anyAnimeChoices(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const tracked = await trackedChoices(context);
  if (tracked.length >= MAX_CHOICES) return tracked;
  const fromCatalogue = await catalogueChoices(context);
  const seen = new Set(tracked.map((choice) => choice.value));
  return [...tracked, ...fromCatalogue.filter((choice) => !seen.has(choice.value))].slice(0, MAX_CHOICES);
}
