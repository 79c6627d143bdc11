// Only what Discord sends, recently and once: a signed request whose timestamp is more than five
// minutes from our clock, or one already received, gets 401 and runs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/cli.ts';
import { MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { commandFixtures, FILLERS, FRIEREN } from './fixtures.ts';

describe('signed timestamps', () => {
  // The app's clock stands still at a whole second, so "4:59 ago" means exactly that.
  const NOW_S = Math.floor(Date.now() / 1000);
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot('sqlite', { ...commandFixtures(), clock: { now: () => NOW_S * 1000 } });
  });
  afterAll(async () => {
    await bot.close();
  });

  it.each([
    { when: '4:59 ago', offsetS: -299, status: 200, anime: FILLERS[0]! },
    { when: '5:01 ago', offsetS: -301, status: 401, anime: FILLERS[1]! },
    { when: 'a day ago', offsetS: -86_400, status: 401, anime: FILLERS[2]! },
    { when: '4:59 ahead', offsetS: 299, status: 200, anime: FILLERS[3]! },
    { when: '5:01 ahead', offsetS: 301, status: 401, anime: FILLERS[4]! },
  ])('an /anime add signed $when gets $status', async ({ offsetS, status, anime }) => {
    const interaction = bot.animeInteraction(MEMBER, 'add', [option.string('anime', String(anime))]);
    const answer = await bot.post(bot.sign(interaction, { timestamp: NOW_S + offsetS }));
    expect(answer.status).toBe(status);
    const tracked = (await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).map((item) => item.mediaId);
    if (status === 200) expect(answer.body?.data?.content).toContain('Added **Filler Anime');
    else expect(answer.body).toEqual({ error: 'invalid request signature' });
    expect(tracked.includes(anime)).toBe(status === 200);
  });
});

describe.each(DIALECTS)('replayed interactions on %s', (dialect) => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot(dialect, commandFixtures());
  });
  afterAll(async () => {
    await bot.close();
  });
  const tracked = () => bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId);

  it('answers the same signed /anime add once: the copy gets 401 and adds nothing', async () => {
    const interaction = bot.animeInteraction(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    const request = bot.sign(interaction);
    const first = await bot.post(request);
    expect(first.status).toBe(200);
    await waitFor(async () => ((await tracked()).length === 1 ? true : undefined), 5000);

    const again = await bot.post(request);
    expect(again).toEqual({ status: 401, body: { error: 'this interaction was already received' } });
    // Signed anew (another timestamp) it is still the same interaction.
    const resigned = await bot.post(bot.sign(interaction, { timestamp: Math.floor(Date.now() / 1000) - 5 }));
    expect(resigned.status).toBe(401);

    expect(await tracked()).toHaveLength(1);
    expect(bot.discord.interactionResponses(interaction.id).filter((record) => record.kind === 'callback')).toHaveLength(1);
    // A new interaction is answered as usual.
    expect((await bot.anime(MEMBER, 'list')).content).toContain('`Frieren`');
  });
});
