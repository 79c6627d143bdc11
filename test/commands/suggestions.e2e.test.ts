// A member types part of a title into /anime add, in either language: the right anime is among
// the suggestions at once, and AniList is never asked while they type. Submitting free text
// uses the catalogue too; only an anime it does not hold costs one AniList search, at submit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMedia, weeklyAirings } from '@anitrack/anilist-emulator';
import { MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { DR_STONE, FRIEREN_2, KAIJU_8_2, OSHI_NO_KO_3, SEASON, WITCH_HAT } from '../catalogue/anime-fixtures.ts';

const OLD_FINISHED = 154587; // Sousou no Frieren, season one: not in the catalogue.
// What a member has typed so far, and the anime that must be among the suggestions.
const KEYSTROKES: readonly [typed: string, expected: number][] = [
  ['fr', FRIEREN_2],
  ['frier', FRIEREN_2],
  ['sousou no fri', FRIEREN_2],
  ['葬送の', FRIEREN_2],
  ['フリーレン', FRIEREN_2],
  ['witch h', WITCH_HAT],
  ['tongari bo', WITCH_HAT],
  ['とんがり', WITCH_HAT],
  ['dr st', DR_STONE],
  ['oshinok', OSHI_NO_KO_3],
  ['推しの', OSHI_NO_KO_3],
  ['kaiju 8', KAIJU_8_2],
  ['怪獣8', KAIJU_8_2],
];

// The sync of an anime just added asks for its airings; what matters here is how it was found.
const lookups = (bot: BotHarness) =>
  bot.aniListRequestsSinceStart().flatMap((request) => (request.operationName === 'AiringSchedules' ? [] : [request.operationName]));

describe.each(DIALECTS)('suggestions while typing /anime add on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot(dialect, { media: [...SEASON], airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)) });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('offers the right anime for partial titles in romaji, English and Japanese, quickly, without asking AniList', async () => {
    const latencies: number[] = [];
    for (const [typed, expected] of KEYSTROKES) {
      const started = performance.now();
      const choices = await bot.autocomplete(MEMBER, 'add', [option.string('anime', typed, true)], 'anime');
      latencies.push(performance.now() - started);
      expect(
        choices.map((choice) => Number(choice.value)),
        typed,
      ).toContain(expected);
    }
    expect(bot.aniListRequestsSinceStart()).toEqual([]);
    // Discord waits 3 s for suggestions; from the local catalogue they take a few milliseconds.
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(150);
  });

  it('names each suggestion with its season year and format, and never offers an adult title', async () => {
    const choices = await bot.autocomplete(MEMBER, 'add', [option.string('anime', 'stone', true)], 'anime');
    expect(choices).toEqual([
      { name: 'Dragon Stone Chronicle (2026 TV)', value: '190002' },
      { name: 'Dr. STONE SCIENCE FUTURE (2026 TV)', value: String(DR_STONE) },
    ]);
  });

  it('adds free text the catalogue knows with one lookup by id, and searches AniList only for one it does not', async () => {
    const added = await bot.anime(MEMBER, 'add', [option.string('anime', 'Witch Hat Atelier')]);
    expect(added.content).toContain("Added **Tongari Boushi no Atelier** to this server's list");
    expect(lookups(bot)).toEqual(['AnimeById']);

    bot.anilist.setMedia([...SEASON, fakeMedia(OLD_FINISHED + 1, { title: { romaji: 'Mushishi', english: null, native: '蟲師' }, status: 'FINISHED' })]);
    const finished = await bot.anime(MEMBER, 'add', [option.string('anime', 'Mushishi')]);
    expect(finished.content).toBe('**Mushishi** has finished airing, so there are no episodes left to announce.');
    expect(lookups(bot)).toEqual(['AnimeById', 'SearchAnime']);
  });
});
