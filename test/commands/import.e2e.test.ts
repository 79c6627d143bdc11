// /anime import through the real HTTP endpoint with signed payloads, against the local Discord,
// the local AniList and the local MyAnimeList: what ends up on the server's list, what the member
// is told along the way, and that nothing of the imported list is stored (privacy promise P5).
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreDialect } from '../../src/store/database.ts';
import type { PremiumTier } from '../../src/domain/tiers.ts';
import { createFakeMal, type FakeMal } from '@anitrack/mal-emulator';
import { ADMIN, MEMBER, MOD, option, startBot, type AnswerWait, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { dumpAllTables } from '../support/dump.ts';
import { DIALECTS } from '../support/stores.ts';
import { malList, type AniListSide } from './import.fixtures.ts';

const RESULT: AnswerWait = { isFinal: (content) => !/^(Importing…|Reading the)/.test(content), timeoutMs: 25_000 };

const importOptions = (platform: 'anilist' | 'myanimelist', username: string, list: 'watching' | 'planning', status: 'airing' | 'not_yet_aired' | 'both') => [
  option.string('platform', platform),
  option.string('username', username),
  option.string('list', list),
  option.string('status', status),
];

interface ImportBot {
  bot: BotHarness;
  mal: FakeMal;
  tracked(): Promise<number[]>;
  close(): Promise<void>;
}

async function startImportBot(
  dialect: StoreDialect,
  options: { tier?: PremiumTier; settings?: Record<string, string>; malClientId?: string | null } = {},
): Promise<ImportBot> {
  const mal = createFakeMal();
  const malUrl = await mal.start();
  const clientId = options.malClientId === undefined ? mal.clientId : options.malClientId;
  const bot = await startBot(dialect, { settings: { MAL_API_URL: malUrl, ...(clientId !== null && { MAL_CLIENT_ID: clientId }), ...options.settings } });
  await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, options.tier ?? 'supporter_plus', Date.now());
  return {
    bot,
    mal,
    tracked: async () => (await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).map((item) => item.mediaId).sort((a, b) => a - b),
    async close() {
      await bot.close();
      await mal.close();
    },
  };
}

let running: ImportBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(DIALECTS)('/anime import from MyAnimeList on %s', (dialect) => {
  it('imports the airing anime of a 1,200-entry list read in pages of 1,000, and stores nothing of the list', async () => {
    const USER = 'Tsubasa_Archive';
    // Like a real long Plan to watch list: most entries finished airing long ago. Every tenth is
    // airing or upcoming on MyAnimeList, and those are what AniList is asked about.
    const notFinished: AniListSide[] = [
      ...Array<AniListSide>(100).fill('releasing'),
      ...Array<AniListSide>(5).fill('upcoming'),
      ...Array<AniListSide>(4).fill('finished'),
      'adult',
      'adult',
      ...Array<AniListSide>(9).fill('missing'),
    ];
    const sides = Array.from({ length: 1200 }, (_, index) => (index % 10 === 0 ? notFinished[index / 10]! : null));
    const fixture = malList(sides, { malFrom: 50_001, aniFrom: 1_001, listStatus: 'plan_to_watch' });
    // Three "missing" ones are in fact already on the server's list, added earlier.
    const alreadyThere = fixture.aniListIds.missing.splice(0, 3);
    fixture.aniListIds.releasing.push(...alreadyThere);
    const importer = (running = await startImportBot(dialect, { settings: { SUPPORTER_PLUS_MAX_ANIME: 'unlimited' } }));
    const { bot, mal } = importer;
    const earlier = alreadyThere.map((aniId) => ({
      ...fixture.media[0]!,
      id: aniId,
      idMal: 50_001 + (aniId - 1_001),
      title: { romaji: `Earlier ${aniId}`, english: null, native: null },
    }));
    bot.anilist.setMedia([...fixture.media, ...earlier]);
    bot.anilist.setAirings(fixture.airings);
    mal.setList(USER, fixture.entries);
    for (const aniId of alreadyThere) {
      await bot.store.repositories.trackedAnime.add({
        guildId: bot.server.guildId,
        mediaId: aniId,
        nickname: `Earlier ${aniId}`,
        addedBy: ADMIN.id,
        now: Date.now(),
        maxPerGuild: null,
      });
    }

    const answer = await bot.anime(MEMBER, 'import', importOptions('myanimelist', USER, 'planning', 'airing'), RESULT);

    expect(answer.ephemeral).toBe(false);
    expect(answer.content).toBe(
      [
        'Imported the Plan to watch list from MyAnimeList (airing anime).',
        'Added: 100',
        "Already on this server's list: 3",
        'Skipped: 1,091 (1,084 finished or stopped airing, 5 not airing yet, 2 adult titles)',
        'Not found on AniList: 6',
        "Over this server's limit: 0",
        'Notifications need a channel: an admin can pick one with `/anime admin setchannel`.',
        'Members can use `/anime subscribe` to be pinged for new episodes.',
      ].join('\n'),
    );
    const releasing = fixture.media.filter((media) => media.status === 'RELEASING' && !media.isAdult).map((media) => media.id);
    expect(await importer.tracked()).toEqual([...releasing, ...alreadyThere].sort((a, b) => a - b));
    const added = (await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).filter((item) => releasing.includes(item.mediaId));
    expect(added.every((item) => item.addedBy === MEMBER.id && item.nickname === `Imported Anime ${item.mediaId}`)).toBe(true);
    // Each added anime's details and next episode are stored, so lists and notifications need no more requests.
    expect(await bot.store.repositories.media.getMany(releasing)).toHaveLength(100);
    expect(await bot.store.repositories.airings.nextForMedia(releasing[0]!, Date.now())).toMatchObject({ episode: 3 });

    // MyAnimeList: two pages of 1,000, the second by following paging.next.
    expect(mal.requests.map((request) => [request.query.limit, request.query.offset, request.query.status, request.clientId])).toEqual([
      ['1000', undefined, 'plan_to_watch', mal.clientId],
      ['1000', '1000', 'plan_to_watch', mal.clientId],
    ]);
    // AniList: only the 120 anime not finished on MyAnimeList, 50 to a request.
    const lookups = bot.anilist.requests.filter((request) => request.operationName === 'AnimeByMalIds');
    expect(lookups.map((request) => (request.variables.ids as number[]).length)).toEqual([50, 50, 20]);

    // Progress replaced "thinking…" before the result.
    const edits = bot.discord
      .interactionResponses(answer.interactionId)
      .filter((record) => record.kind === 'edit-original')
      .map((record) => (record.body as APIInteractionResponseCallbackData).content ?? '');
    expect(edits.some((content) => /^Importing… [\d,]+ of 1,200 checked, \d+ added so far\.$/.test(content))).toBe(true);
    expect(edits.at(-1)).toBe(answer.content);

    // Nothing of the list: not whose it was, not its entries' list data, not MyAnimeList's own fields.
    const dump = await dumpAllTables(bot.store.database, { except: ['kysely_migration', 'kysely_migration_lock'] });
    expect(dump).toContain(`"media_id":${releasing[0]}`);
    for (const trace of [
      USER,
      USER.toLowerCase(),
      'list_status',
      'plan_to_watch',
      'num_episodes_watched',
      'my favourite show',
      '2021-07-04',
      'MAL title',
      'myanimelist',
      'finished_airing',
      'currently_airing',
    ]) {
      expect(dump, trace).not.toContain(trace);
    }
  }, 40_000);
});

describe('/anime import', () => {
  it('imports an AniList Watching list (current and rewatching) until the server is full', async () => {
    const importer = (running = await startImportBot('sqlite', { settings: { SUPPORTER_PLUS_MAX_ANIME: '6' } }));
    const { bot } = importer;
    const fixture = malList([...Array<AniListSide>(12).fill('releasing'), 'finished', 'upcoming'], { malFrom: 70_001, aniFrom: 2_001, listStatus: 'watching' });
    bot.anilist.setMedia(fixture.media);
    bot.anilist.setAirings(fixture.airings);
    bot.anilist.setUserLists({
      HanaWatches: { CURRENT: [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2013, 2014], REPEATING: [2009, 2010, 2001], PLANNING: [2011, 2012] },
    });

    const answer = await bot.anime(MEMBER, 'import', importOptions('anilist', 'hanawatches', 'watching', 'both'), RESULT);

    expect(answer.content).toBe(
      [
        'Imported the Watching list from AniList (airing and upcoming anime).',
        'Added: 6',
        "Already on this server's list: 0",
        'Skipped: 1 (1 finished or stopped airing)',
        'Not found on AniList: 0',
        "Over this server's limit of 6 anime: 5. Remove some anime first, or unlock a bigger list with AniTrack premium.",
        'Notifications need a channel: an admin can pick one with `/anime admin setchannel`.',
        'Members can use `/anime subscribe` to be pinged for new episodes.',
      ].join('\n'),
    );
    expect(await importer.tracked()).toEqual([2001, 2002, 2003, 2004, 2005, 2006]);
    expect(bot.anilist.requests.filter((request) => request.operationName === 'UserAnimeList').map((request) => request.variables)).toEqual([
      { userName: 'hanawatches', statuses: ['CURRENT', 'REPEATING'] },
    ]);
    const dump = await dumpAllTables(bot.store.database, { except: ['kysely_migration', 'kysely_migration_lock'] });
    expect(dump.toLowerCase()).not.toContain('hanawatches');
  });

  it('explains a private list, an unknown user, an empty list and a rejected client id, writing nothing', async () => {
    const importer = (running = await startImportBot('sqlite'));
    const { bot, mal } = importer;
    mal.setList('KaiList', malList(['releasing'], { malFrom: 1, aniFrom: 1, listStatus: 'watching' }).entries);
    mal.setPrivate('KaiList');
    const run = (platform: 'anilist' | 'myanimelist', user: string) => bot.anime(MEMBER, 'import', importOptions(platform, user, 'watching', 'airing'), RESULT);

    expect(await run('myanimelist', 'KaiList')).toMatchObject({
      ephemeral: true,
      content:
        'MyAnimeList did not let AniTrack read the list of `KaiList`: it is private. Its owner can make it public in their MyAnimeList list settings, then run the import again.',
    });
    expect(await run('myanimelist', 'nobody_here')).toMatchObject({
      ephemeral: true,
      content: 'MyAnimeList has no user called `nobody_here`. Check the spelling of the user name.',
    });
    expect(await run('anilist', 'NobodyHere')).toMatchObject({
      ephemeral: true,
      content: 'AniList has no public list for `NobodyHere`. Check the user name; a private profile cannot be imported.',
    });
    bot.anilist.setUserLists({ QuietOne: { COMPLETED: [1] } });
    expect((await run('anilist', 'QuietOne')).content).toBe('The Watching list of `QuietOne` on AniList is empty, so there is nothing to import.');
    expect(mal.requests.map((request) => request.status)).toEqual([403, 404]);
    expect(await importer.tracked()).toEqual([]);

    const rejected = await startImportBot('sqlite', { malClientId: 'revoked-client-id' });
    try {
      const answer = await rejected.bot.anime(MEMBER, 'import', importOptions('myanimelist', 'KaiList', 'watching', 'airing'), RESULT);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(
        /^MyAnimeList refused AniTrack's client id, so lists cannot be imported from there right now\. The bot's operator needs to check the MyAnimeList setup; give them this reference: `[0-9a-f]{8}`\.$/,
      );
      expect(rejected.mal.requests.map((request) => request.status)).toEqual([401]);
      expect(await rejected.tracked()).toEqual([]);
    } finally {
      await rejected.close();
    }
  });

  it('is refused without MAL_CLIENT_ID, below the highest tier, and to members a role lock keeps out', async () => {
    const unconfigured = (running = await startImportBot('sqlite', { malClientId: null }));
    const answer = await unconfigured.bot.anime(MEMBER, 'import', importOptions('myanimelist', 'KaiList', 'watching', 'airing'), RESULT);
    expect(answer).toMatchObject({
      ephemeral: true,
      content:
        'Importing from MyAnimeList is not set up on this AniTrack: its operator has not configured a MyAnimeList client id. Importing from AniList works meanwhile.',
    });
    expect(unconfigured.mal.requests).toEqual([]);
    await unconfigured.close();

    const importer = (running = await startImportBot('sqlite', { tier: 'supporter' }));
    const { bot, mal } = importer;
    mal.setList('KaiList', malList(['releasing'], { malFrom: 1, aniFrom: 1, listStatus: 'watching' }).entries);
    const refusal = "List import is part of AniTrack premium's highest tier (Supporter+). Meanwhile, anime can be added one by one with `/anime add`.";
    expect(await bot.anime(MEMBER, 'import', importOptions('myanimelist', 'KaiList', 'watching', 'airing'), RESULT)).toMatchObject({
      ephemeral: true,
      content: refusal,
    });
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'free', Date.now());
    expect(await bot.anime(MEMBER, 'import', importOptions('anilist', 'KaiList', 'watching', 'airing'), RESULT)).toMatchObject({
      ephemeral: true,
      content: refusal,
    });

    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', true),
      option.string('command', 'import'),
      option.role('role', bot.server.modsRoleId),
    ]);
    const locked = await bot.anime(MEMBER, 'import', importOptions('myanimelist', 'KaiList', 'watching', 'airing'), RESULT);
    expect(locked).toMatchObject({ ephemeral: true, content: `On this server, \`import\` is limited to members with the role <@&${bot.server.modsRoleId}>.` });
    // Refused before "thinking…": the answer is the inline response itself.
    expect(bot.discord.interactionResponses(locked.interactionId).map((record) => record.kind)).toEqual(['callback']);
    expect(mal.requests).toEqual([]);
    expect(await importer.tracked()).toEqual([]);
    expect(bot.aniListRequestsSinceStart()).toEqual([]);

    const allowed = await bot.anime(MOD, 'import', importOptions('myanimelist', 'KaiList', 'watching', 'airing'), RESULT);
    expect(allowed.content).toContain('Added: 0');
    expect(allowed.content).toContain('Not found on AniList: 1');
  });

  it('stops when AniList keeps refusing mid-import, keeps what was added, and finishes without duplicates when run again', async () => {
    const importer = (running = await startImportBot('sqlite', { settings: { SUPPORTER_PLUS_MAX_ANIME: 'unlimited' } }));
    const { bot, mal } = importer;
    const fixture = malList(Array<AniListSide>(150).fill('releasing'), { malFrom: 90_001, aniFrom: 3_001, listStatus: 'watching' });
    bot.anilist.setMedia(fixture.media);
    bot.anilist.setAirings(fixture.airings);
    mal.setList('RenWatches', fixture.entries);
    // The first lookup goes through; then AniList answers 429 to every try of the second.
    bot.anilist.rateLimitNext(4, { after: 1, retryAfterSeconds: 1 });

    const stopped = await bot.anime(MEMBER, 'import', importOptions('myanimelist', 'RenWatches', 'watching', 'airing'), RESULT);

    expect(stopped.ephemeral).toBe(false);
    expect(stopped.content).toBe(
      [
        "The import from MyAnimeList stopped early: AniList isn't answering right now (it may be limiting requests). It got through 50 of 150 entries, and everything added so far is kept.",
        'Run the same import again later to continue: anime already added count as already on the list and are never added twice.',
        'Added: 50',
        "Already on this server's list: 0",
        'Skipped: 0',
        'Not found on AniList: 0',
        "Over this server's limit: 0",
        'Notifications need a channel: an admin can pick one with `/anime admin setchannel`.',
        'Members can use `/anime subscribe` to be pinged for new episodes.',
      ].join('\n'),
    );
    expect(bot.aniListRequestsSinceStart().map((request) => request.status)).toEqual([200, 429, 429, 429, 429]);
    expect(await importer.tracked()).toEqual(fixture.aniListIds.releasing.slice(0, 50));

    const again = await bot.anime(MEMBER, 'import', importOptions('myanimelist', 'RenWatches', 'watching', 'airing'), RESULT);
    expect(again.content).toContain("Imported the Watching list from MyAnimeList (airing anime).\nAdded: 100\nAlready on this server's list: 50\n");
    const rows = await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId);
    expect(rows.map((row) => row.mediaId).sort((a, b) => a - b)).toEqual(fixture.aniListIds.releasing);
    expect(new Set(rows.map((row) => row.nickname)).size).toBe(150);
    expect(rows.some((row) => /\(\d+\)$/.test(row.nickname))).toBe(false);
  }, 30_000);

  it('refuses a second import in the same server while one runs', async () => {
    const importer = (running = await startImportBot('sqlite'));
    const { bot, mal } = importer;
    const fixture = malList(Array<AniListSide>(10).fill('releasing'), { malFrom: 95_001, aniFrom: 4_001, listStatus: 'watching' });
    bot.anilist.setMedia(fixture.media);
    bot.anilist.setAirings(fixture.airings);
    mal.setList('MioWatches', fixture.entries);
    const options = importOptions('myanimelist', 'MioWatches', 'watching', 'airing');

    const hold = mal.holdNext();
    const first = bot.anime(MEMBER, 'import', options, RESULT);
    await waitFor(async () => (mal.requests.length === 1 ? true : undefined), 10_000);
    const second = await bot.anime(ADMIN, 'import', options, RESULT);
    expect(second).toMatchObject({
      ephemeral: true,
      content: 'An import is already running on this server. Please wait until it has finished, then try again.',
    });
    hold.release();
    expect((await first).content).toContain('Added: 10');

    const third = await bot.anime(ADMIN, 'import', options, RESULT);
    expect(third.content).toContain("Added: 0\nAlready on this server's list: 10");
    expect(mal.requests).toHaveLength(2);
    expect(await importer.tracked()).toEqual(fixture.aniListIds.releasing);
  });
});
