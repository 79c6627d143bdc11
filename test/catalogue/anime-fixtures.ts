// A season's worth of anime as AniList lists them, with the near neighbours that make search
// hard: sequels with the same name, titles sharing a word, a finished season, an adult title.
import { fakeMedia, type FakeMedia } from '@anitrack/anilist-emulator';

interface Named {
  id: number;
  romaji: string;
  english: string | null;
  native: string | null;
  popularity: number;
  status?: string;
  synonyms?: string[];
  isAdult?: boolean;
  format?: string;
}

const anime = (named: Named): FakeMedia =>
  fakeMedia(named.id, {
    title: { romaji: named.romaji, english: named.english, native: named.native },
    popularity: named.popularity,
    status: named.status ?? 'RELEASING',
    synonyms: named.synonyms ?? [],
    isAdult: named.isAdult ?? false,
    format: named.format ?? 'TV',
  });

export const FRIEREN_2 = 182255;
export const FRIEREN_MOVIE = 190001;
export const WITCH_HAT = 147105;
export const DR_STONE = 172019;
export const OSHI_NO_KO_3 = 182587;
export const KAIJU_8_2 = 178754;
export const DRAGON_STONE = 190002;
export const ONE_PIECE = 21;
export const KUSURIYA = 176301;

export const SEASON: readonly FakeMedia[] = [
  anime({
    id: FRIEREN_2,
    romaji: 'Sousou no Frieren 2nd Season',
    english: "Frieren: Beyond Journey's End Season 2",
    native: '葬送のフリーレン 第2期',
    popularity: 310_000,
  }),
  anime({ id: FRIEREN_MOVIE, romaji: 'Frieren Chibi Theater', english: null, native: null, popularity: 4_000, format: 'ONA', status: 'NOT_YET_RELEASED' }),
  // Finished: not in the catalogue, so never a suggestion.
  anime({
    id: 154587,
    romaji: 'Sousou no Frieren',
    english: "Frieren: Beyond Journey's End",
    native: '葬送のフリーレン',
    popularity: 900_000,
    status: 'FINISHED',
  }),
  anime({ id: WITCH_HAT, romaji: 'Tongari Boushi no Atelier', english: 'Witch Hat Atelier', native: 'とんがり帽子のアトリエ', popularity: 180_000 }),
  anime({ id: 190003, romaji: 'Majo no Tabitabi 2', english: 'Wandering Witch 2', native: '魔女の旅々 2', popularity: 90_000, status: 'NOT_YET_RELEASED' }),
  anime({ id: DR_STONE, romaji: 'Dr. STONE SCIENCE FUTURE', english: 'Dr. STONE SCIENCE FUTURE', native: 'Dr.STONE SCIENCE FUTURE', popularity: 210_000 }),
  anime({ id: DRAGON_STONE, romaji: 'Dragon Stone Chronicle', english: null, native: null, popularity: 500_000 }),
  anime({
    id: OSHI_NO_KO_3,
    romaji: '[Oshi no Ko] 3rd Season',
    english: '[Oshi No Ko] Season 3',
    native: '【推しの子】第3期',
    popularity: 260_000,
    synonyms: ['OnK 3'],
  }),
  anime({ id: KAIJU_8_2, romaji: 'Kaijuu 8-gou 2nd Season', english: 'Kaiju No. 8 Season 2', native: '怪獣8号 第2期', popularity: 230_000 }),
  anime({ id: 190004, romaji: 'Kaijuu Sekai', english: 'Monster World', native: null, popularity: 20_000 }),
  anime({ id: ONE_PIECE, romaji: 'ONE PIECE', english: 'ONE PIECE', native: 'ONE PIECE', popularity: 950_000, synonyms: ['OP'] }),
  anime({
    id: KUSURIYA,
    romaji: 'Kusuriya no Hitorigoto 3rd Season',
    english: 'The Apothecary Diaries Season 3',
    native: '薬屋のひとりごと 第3期',
    popularity: 240_000,
  }),
  anime({ id: 190006, romaji: 'Ore dake Level Up na Ken', english: 'Solo Leveling', native: '俺だけレベルアップな件', popularity: 400_000 }),
  anime({ id: 190005, romaji: 'Adult Stone', english: null, native: null, popularity: 999_999, isAdult: true }),
  // Enough filler that the catalogue takes more than one page of 50.
  ...Array.from({ length: 70 }, (_, index) =>
    anime({ id: 200_000 + index, romaji: `Filler Show ${index + 1}`, english: null, native: null, popularity: 100 + index }),
  ),
];
