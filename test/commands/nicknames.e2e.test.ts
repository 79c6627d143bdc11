// Nicknames are short handles shown in messages: the characters that could mention someone,
// end a code span or make a masked link are refused with the reason, everyday punctuation is
// fine, and a nickname stored before these rules is still shown as plain text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { commandFixtures, FILLERS, FRIEREN } from './fixtures.ts';

const refused = (reason: string) => `The \`nickname\` option is not valid: ${reason}.`;
const ONE_LINE = refused('a nickname must fit on one line');
const MENTION = refused('a nickname cannot contain @, < or >, which could mention someone');
const BACKTICK = refused('a nickname cannot contain backticks, which would break how it is shown');
const BRACKETS = refused('a nickname cannot contain square brackets [ ], which could turn it into a link');

const REFUSALS = [
  { nickname: 'fri`ren', answer: BACKTICK },
  { nickname: '``` code', answer: BACKTICK },
  { nickname: '[Frieren]', answer: BRACKETS },
  { nickname: 'see](https://x.example)', answer: BRACKETS },
  { nickname: 'a]b', answer: BRACKETS },
  { nickname: 'two\nlines', answer: ONE_LINE },
  { nickname: '@everyone', answer: MENTION },
  { nickname: '<#123>', answer: MENTION },
];

describe.each(DIALECTS)('nicknames on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot(dialect, commandFixtures());
  });
  afterEach(async () => {
    await bot.close();
  });
  const tracked = () => bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId);
  const add = (anime: number, nickname: string) => bot.anime(MEMBER, 'add', [option.string('anime', String(anime)), option.string('nickname', nickname)]);

  it('refuses, in plain words, nicknames that could mention, break out of code or make a link: on add and on rename', async () => {
    for (const { nickname, answer } of REFUSALS) {
      expect(await add(FRIEREN, nickname), nickname).toMatchObject({ ephemeral: true, content: answer });
    }
    expect(await tracked()).toEqual([]);

    await add(FRIEREN, 'frieren');
    for (const { nickname, answer } of REFUSALS) {
      const renamed = await bot.anime(MEMBER, 'rename', [option.string('anime', 'frieren'), option.string('nickname', nickname)]);
      expect(renamed, nickname).toMatchObject({ ephemeral: true, content: answer });
    }
    expect((await tracked()).map((item) => item.nickname)).toEqual(['frieren']);
  });

  it('takes everyday punctuation', async () => {
    const added = await add(FRIEREN, "Frieren: S2 (2026) — it's #1!?");
    expect(added.content).toContain("to this server's list as `Frieren: S2 (2026) — it's #1!?`.");
    const renamed = await bot.anime(MEMBER, 'rename', [option.string('anime', String(FRIEREN)), option.string('nickname', 'Sousou no Frieren, pt. 2 & co.')]);
    expect(renamed.content).toBe("`Frieren: S2 (2026) — it's #1!?` is now called `Sousou no Frieren, pt. 2 & co.`.");
    expect((await tracked()).map((item) => item.nickname)).toEqual(['Sousou no Frieren, pt. 2 & co.']);
  });

  it('shows a nickname stored before these rules as plain text', async () => {
    const legacy = 'x` [pay](https://x.example) `';
    await bot.store.repositories.trackedAnime.add({
      guildId: bot.server.guildId,
      mediaId: FILLERS[0]!,
      nickname: legacy,
      addedBy: MEMBER.id,
      now: Date.now(),
      maxPerGuild: null,
    });
    // In code, with the backticks swapped for a look-alike, so the span cannot end early.
    expect((await bot.anime(MEMBER, 'list')).content).toContain('`xˋ [pay](https://x.example) ˋ`');
    const removed = await bot.anime(MEMBER, 'remove', [option.string('anime', String(FILLERS[0]))]);
    // The anime's title follows once the background sync has fetched its details; the nickname is what matters here.
    expect(removed.content).toMatch(
      /^Removed `xˋ \[pay\]\(https:\/\/x\.example\) ˋ`( \(Filler Anime \d+\))? from this server's list\. Its subscribers will no longer be pinged\.$/,
    );

    // In running text, with the Markdown escaped.
    await bot.store.repositories.trackedAnime.add({
      guildId: bot.server.guildId,
      mediaId: FILLERS[0]!,
      nickname: legacy,
      addedBy: MEMBER.id,
      now: Date.now(),
      maxPerGuild: null,
    });
    const again = await bot.anime(MEMBER, 'add', [option.string('anime', String(FILLERS[0]))]);
    expect(again.content).toBe('That anime is already on this server\'s list as "x\\` \\[pay\\]\\(https://x.example\\) \\`".');
  });
});
