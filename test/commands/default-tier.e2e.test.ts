// DEFAULT_TIER: the tier of every server the operator has not granted one. A self-hosted
// install sets supporter_plus and /anime import (the highest tier's) works on every server,
// including one AniTrack has never stored anything for; a grant still wins over the default.
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreDialect } from '../../src/store/database.ts';
import { createFakeMal, type FakeMal } from '@anitrack/mal-emulator';
import { MEMBER, option, startBot, type AnswerWait, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { malList } from './import.fixtures.ts';

const RESULT: AnswerWait = { isFinal: (content) => !/^(Importing…|Reading the)/.test(content), timeoutMs: 25_000 };
const REFUSAL = "List import is part of AniTrack premium's highest tier (Supporter+). Meanwhile, anime can be added one by one with `/anime add`.";
const USER = 'KaiList';
const importWatching = [
  option.string('platform', 'myanimelist'),
  option.string('username', USER),
  option.string('list', 'watching'),
  option.string('status', 'airing'),
];

let running: { bot: BotHarness; mal: FakeMal } | undefined;
afterEach(async () => {
  await running?.bot.close();
  await running?.mal.close();
  running = undefined;
});

async function startWithDefault(dialect: StoreDialect, defaultTier: string | undefined): Promise<BotHarness> {
  const mal = createFakeMal();
  const malUrl = await mal.start();
  const bot = await startBot(dialect, { settings: { MAL_API_URL: malUrl, MAL_CLIENT_ID: mal.clientId, ...(defaultTier && { DEFAULT_TIER: defaultTier }) } });
  running = { bot, mal };
  const fixture = malList(['releasing'], { malFrom: 1, aniFrom: 1, listStatus: 'watching' });
  mal.setList(USER, fixture.entries);
  bot.anilist.setMedia(fixture.media);
  bot.anilist.setAirings(fixture.airings);
  return bot;
}

describe.each(DIALECTS)('DEFAULT_TIER on %s', (dialect) => {
  it('supporter_plus lets /anime import through on a server with no grant, even one never seen before', async () => {
    const bot = await startWithDefault(dialect, 'supporter_plus');
    expect(await bot.store.repositories.guilds.get(bot.server.guildId)).toBeUndefined();

    const answer = await bot.anime(MEMBER, 'import', importWatching, RESULT);
    expect(answer.content).not.toContain(REFUSAL);
    expect(answer.content).toContain('Added: 1');
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toHaveLength(1);

    // A grant wins over the default, "free" included.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'free', Date.now());
    expect(await bot.anime(MEMBER, 'import', importWatching, RESULT)).toMatchObject({ ephemeral: true, content: REFUSAL });
  });

  it('left at free, refuses /anime import until the server is granted supporter_plus', async () => {
    const bot = await startWithDefault(dialect, undefined);
    expect(await bot.anime(MEMBER, 'import', importWatching, RESULT)).toMatchObject({ ephemeral: true, content: REFUSAL });
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    expect((await bot.anime(MEMBER, 'import', importWatching, RESULT)).content).toContain('Added: 1');
  });
});
