// Which title to show, and the short nickname an anime gets when the adder gives none.
import type { Media, TitleLanguage } from './media.ts';

export function displayTitle(media: Pick<Media, 'title' | 'id'>, language: TitleLanguage = 'romaji'): string {
  const { romaji, english, native } = media.title;
  const preferred = language === 'english' ? english : language === 'native' ? native : romaji;
  return preferred ?? romaji ?? english ?? native ?? `Anime ${media.id}`;
}

const NICKNAME_LENGTH = 24;

/** "Shingeki no Kyojin: The Final Season" → "Shingeki no Kyojin": the part before a subtitle, cut at a word. */
export function defaultNickname(media: Pick<Media, 'title' | 'id'>): string {
  const title = media.title.english ?? media.title.romaji ?? media.title.native ?? `Anime ${media.id}`;
  const main = title.split(/\s*[:(]\s*|\s+-\s+/)[0]?.trim() || title.trim();
  if (main.length <= NICKNAME_LENGTH) return main;
  const cut = main.slice(0, NICKNAME_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 8 ? cut.slice(0, lastSpace) : main.slice(0, NICKNAME_LENGTH)).trim();
}
