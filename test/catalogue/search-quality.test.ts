// What a member types and what should come first, over a catalogue filled from the local
// AniList exactly as the product fills it (the CataloguePage query, page by page).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogueIndex, type CatalogueIndex } from '../../src/catalogue/search-index.ts';
import { startAniList } from '../support/anilist-harness.ts';
import { DR_STONE, FRIEREN_2, KAIJU_8_2, KUSURIYA, ONE_PIECE, OSHI_NO_KO_3, SEASON, WITCH_HAT } from './anime-fixtures.ts';

let index: CatalogueIndex;

beforeAll(async () => {
  const anilist = await startAniList();
  anilist.fake.setMedia([...SEASON]);
  const entries = await anilist.client.catalogue();
  expect(anilist.sent('CataloguePage')).toBe(2);
  await anilist.close();
  index = buildCatalogueIndex(entries.filter((entry) => !entry.isAdult));
});

const FIRST_RESULT: readonly [query: string, expected: number][] = [
  ['frieren', FRIEREN_2],
  ['frie', FRIEREN_2],
  ['sousou', FRIEREN_2],
  ['sousou no', FRIEREN_2],
  ['frieren beyond', FRIEREN_2],
  ['freiren', FRIEREN_2],
  ['フリーレン', FRIEREN_2],
  ['葬送', FRIEREN_2],
  ['witch hat', WITCH_HAT],
  ['hat witch', WITCH_HAT],
  ['Witch-Hat', WITCH_HAT],
  ['tongari boshi', WITCH_HAT],
  ['atelier', WITCH_HAT],
  ['dr stone', DR_STONE],
  ['Dr. Stone', DR_STONE],
  ['drstone', DR_STONE],
  ['oshinoko', OSHI_NO_KO_3],
  ['oshi no ko', OSHI_NO_KO_3],
  ['[oshi no ko]', OSHI_NO_KO_3],
  ['推しの子', OSHI_NO_KO_3],
  ['kaiju 8', KAIJU_8_2],
  ['kaijuu 8', KAIJU_8_2],
  ['kaiju no 8', KAIJU_8_2],
  ['kaiju no. 8', KAIJU_8_2],
  ['one piece', ONE_PIECE],
  ['OP', ONE_PIECE],
  ['apothecary', KUSURIYA],
  ['kusuriya', KUSURIYA],
  ['apothecray diaries', KUSURIYA],
];

describe('catalogue search', () => {
  it.for(FIRST_RESULT)('"%s" finds its anime first', ([query, expected]) => {
    expect(index.search(query, 25)[0]?.mediaId).toBe(expected);
  });

  it('never offers a finished or an adult anime', () => {
    const offered = ['frieren', 'sousou no frieren', 'stone', 'adult'].flatMap((query) => index.search(query, 25).map((entry) => entry.mediaId));
    expect(offered).not.toContain(154587);
    expect(offered).not.toContain(190005);
  });

  it('puts a name that starts with the text before a more popular one that only shares its words', () => {
    // "Dragon Stone Chronicle" has both words' beginnings and more popularity.
    expect(index.search('dr stone', 25).map((entry) => entry.mediaId)).toEqual([DR_STONE, 190002]);
  });

  it('offers typo matches only when nothing matches as typed', () => {
    // "sousou" folds to "soso", one letter from "solo" (Solo Leveling, more popular).
    expect(index.search('sousou', 25).map((entry) => entry.mediaId)).toEqual([FRIEREN_2]);
    expect(index.search('freiren', 25).map((entry) => entry.mediaId)).toContain(FRIEREN_2);
  });

  it('ranks equally good matches by popularity', () => {
    expect(index.search('frieren', 25).map((entry) => entry.mediaId)).toEqual([FRIEREN_2, 190001]);
  });

  it('treats text as meaning an anime only when it is one of its names, give or take case and punctuation', () => {
    expect(index.closeMatch('Witch Hat Atelier')?.mediaId).toBe(WITCH_HAT);
    expect(index.closeMatch('kaiju no. 8 season 2')?.mediaId).toBe(KAIJU_8_2);
    // A finished first season typed in full must not become its sequel.
    expect(index.closeMatch('Sousou no Frieren')).toBeUndefined();
    expect(index.closeMatch('hat witch')).toBeUndefined();
    expect(index.closeMatch('Shingeki no Kyojin')).toBeUndefined();
  });

  it('finds nothing for text that matches nothing, and for text with no letters', () => {
    expect(index.search('zzzzqqq', 25)).toEqual([]);
    expect(index.search(' -- ', 25)).toEqual([]);
  });
});
