import { describe, expect, it } from 'vitest';
import { defaultNickname, displayTitle } from '../../src/domain/titles.ts';

const media = (romaji: string | null, english: string | null = null, native: string | null = null) => ({ id: 7, title: { romaji, english, native } });

describe('titles', () => {
  it('shows the chosen language, falling back to what exists', () => {
    expect(displayTitle(media('Sousou no Frieren', "Frieren: Beyond Journey's End", '葬送のフリーレン'), 'english')).toBe("Frieren: Beyond Journey's End");
    expect(displayTitle(media('Sousou no Frieren', null, '葬送のフリーレン'), 'english')).toBe('Sousou no Frieren');
    expect(displayTitle(media(null, null, '葬送のフリーレン'), 'romaji')).toBe('葬送のフリーレン');
    expect(displayTitle(media(null), 'native')).toBe('Anime 7');
  });

  it('makes a short default nickname from the main title', () => {
    expect(defaultNickname(media('Shingeki no Kyojin: The Final Season'))).toBe('Shingeki no Kyojin');
    expect(defaultNickname(media('Sousou no Frieren', "Frieren: Beyond Journey's End"))).toBe('Frieren');
    expect(defaultNickname(media('Kimetsu no Yaiba - Hashira Geiko-hen'))).toBe('Kimetsu no Yaiba');
    expect(defaultNickname(media('Ore dake Level Up na Ken Season Two Arise from the Shadow')).length).toBeLessThanOrEqual(24);
    expect(defaultNickname(media(null))).toBe('Anime 7');
  });
});
