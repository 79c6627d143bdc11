// Signed but malformed interactions never crash a handler: a shape Discord could never send gets
// 400, a well-formed one naming something we do not have gets a private "I don't know / don't
// understand" answer. Names from the request (a subcommand called "constructor", an option
// called "__proto__") must find nothing, and the server keeps working afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { commandFixtures } from './fixtures.ts';

type Payload = Record<string, unknown>;
type RawOption = Record<string, unknown>;

// Options written out as raw JSON, so they can be anything, not only what the builders allow.
const sub = (name: string, options: RawOption[] = []): RawOption => ({ type: 1, name, options });
const group = (name: string, options: RawOption[]): RawOption => ({ type: 2, name, options });
const value = (type: number, name: string, given: unknown, extra: RawOption = {}): RawOption => ({ type, name, value: given, ...extra });

const UNKNOWN = "I don't know that command. It may have been removed; try `/help`.";
const TRY_AGAIN = 'Discord may be showing an older version of it: try again in a minute, or see `/help`.';
const noSuchOption = (name: string) => `I don't understand that command: it has no \`${name}\` option. ${TRY_AGAIN}`;
const wrongType = (name: string) => `I don't understand that command: its \`${name}\` option holds a different kind of value than I expect. ${TRY_AGAIN}`;

interface Case {
  what: string;
  /** The payload to sign, made from a well-formed /anime command (`anime`) or any command (`command`). */
  build(make: { anime(options: RawOption[]): Payload; command(name: string, options?: RawOption[]): Payload }): Payload;
}

const NOT_FROM_DISCORD: Case[] = [
  { what: 'a command without data', build: ({ anime }) => withoutKey(anime([sub('list')]), 'data') },
  { what: 'a command whose data has no name', build: ({ anime }) => editData(anime([sub('list')]), (data) => delete data.name) },
  { what: 'a button press without custom_id', build: ({ anime }) => ({ ...anime([]), type: 3, data: { component_type: 2 } }) },
  { what: 'a subcommand inside a subcommand', build: ({ anime }) => anime([sub('schedule', [sub('deeper', [value(4, 'days', 3)])])]) },
  { what: 'a group inside a group', build: ({ anime }) => anime([group('admin', [group('settings', [sub('deeper')])])]) },
  {
    what: 'options below a value',
    build: ({ anime }) => anime([group('admin', [sub('settings', [value(4, 'delay', 5, { options: [value(4, 'delay', 6)] })])])]),
  },
  { what: 'two subcommands at once', build: ({ anime }) => anime([sub('list'), sub('schedule')]) },
  { what: 'a string for an INTEGER option', build: ({ anime }) => anime([sub('schedule', [value(4, 'days', '3')])]) },
  { what: 'a fraction for an INTEGER option', build: ({ anime }) => anime([sub('schedule', [value(4, 'days', 2.5)])]) },
  { what: 'a number for a STRING option', build: ({ anime }) => anime([sub('add', [value(3, 'anime', 101)])]) },
  { what: 'an object for a STRING option', build: ({ anime }) => anime([sub('add', [value(3, 'anime', { toString: 'Frieren' })])]) },
  { what: 'a string for a BOOLEAN option', build: ({ anime }) => anime([group('admin', [sub('editpermission', [value(5, 'enable', 'true')])])]) },
  { what: 'a value option without a value', build: ({ anime }) => anime([sub('schedule', [{ type: 4, name: 'days' }])]) },
  { what: 'an option type Discord does not have', build: ({ anime }) => anime([sub('schedule', [value(12, 'days', 3)])]) },
  { what: 'an option name Discord does not allow', build: ({ anime }) => anime([sub('schedule', [value(4, 'da ys', 3)])]) },
];

const NOT_OURS: (Case & { answer: string })[] = [
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].flatMap((name) => [
    { what: `a command named ${name}`, build: ({ command }: Parameters<Case['build']>[0]) => command(name), answer: UNKNOWN },
    { what: `a subcommand named ${name}`, build: ({ anime }: Parameters<Case['build']>[0]) => anime([sub(name)]), answer: UNKNOWN },
    { what: `a subcommand group named ${name}`, build: ({ anime }: Parameters<Case['build']>[0]) => anime([group(name, [sub('settings')])]), answer: UNKNOWN },
    {
      what: `a subcommand named ${name} in a group`,
      build: ({ anime }: Parameters<Case['build']>[0]) => anime([group('admin', [sub(name)])]),
      answer: UNKNOWN,
    },
    {
      what: `an option named ${name}`,
      build: ({ anime }: Parameters<Case['build']>[0]) => anime([sub('schedule', [value(4, name, 3)])]),
      answer: noSuchOption(name),
    },
  ]),
  { what: 'a subcommand sent as a group', build: ({ anime }) => anime([group('schedule', [sub('days')])]), answer: UNKNOWN },
  { what: 'a group sent as a subcommand', build: ({ anime }) => anime([sub('admin')]), answer: UNKNOWN },
  { what: 'a command that needs a subcommand, without one', build: ({ anime }) => anime([]), answer: UNKNOWN },
  { what: 'an option the subcommand does not have', build: ({ anime }) => anime([sub('schedule', [value(4, 'weeks', 1)])]), answer: noSuchOption('weeks') },
  { what: 'an option of another type than declared', build: ({ anime }) => anime([sub('schedule', [value(3, 'days', '3')])]), answer: wrongType('days') },
  {
    what: 'the same option twice',
    build: ({ anime }) => anime([sub('schedule', [value(4, 'days', 1), value(4, 'days', 2)])]),
    answer: `I don't understand that command: its \`days\` option is given more than once. ${TRY_AGAIN}`,
  },
  {
    what: 'a button nobody made',
    build: ({ anime }) => ({ ...anime([]), type: 3, data: { custom_id: 'constructor:1', component_type: 2 } }),
    answer: 'This button is no longer in use.',
  },
];

describe.each(DIALECTS)('malformed interactions on %s', (dialect) => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot(dialect, commandFixtures());
  });
  afterAll(async () => {
    await bot.close();
  });

  const make = {
    anime: (options: RawOption[]) =>
      toPayload(
        bot.discord.commandInteraction({
          guildId: bot.server.guildId,
          channelId: bot.server.channelId,
          user: MEMBER,
          name: 'anime',
          options: options as never,
        }),
      ),
    command: (name: string, options: RawOption[] = []) =>
      toPayload(
        bot.discord.commandInteraction({ guildId: bot.server.guildId, channelId: bot.server.channelId, user: MEMBER, name, options: options as never }),
      ),
  };
  const send = (payload: Payload) => bot.post(bot.sign(payload));

  it.each(NOT_FROM_DISCORD)('refuses $what with 400', async ({ build }) => {
    const answer = await send(build(make));
    expect(answer).toEqual({ status: 400, body: { error: 'not an interaction' } });
  });

  it.each(NOT_OURS)('answers $what privately in plain words', async ({ build, answer: expected }) => {
    const answer = await send(build(make));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 4, data: { content: expected, flags: 64 } });
  });

  it('suggests nothing while typing into a subcommand named like a built-in, and takes partial text for a number', async () => {
    const typing = (options: RawOption[]) => ({ ...make.anime(options), type: 4 });
    for (const name of ['constructor', '__proto__', 'toString']) {
      const answer = await send(typing([sub(name, [value(3, 'anime', 'fri', { focused: true })])]));
      expect(answer).toEqual({ status: 200, body: { type: 8, data: { choices: [] } } });
    }
    // While typing, Discord sends the partial text of a number option as a string.
    expect(await send(typing([sub('schedule', [value(4, 'days', '3', { focused: true })])]))).toEqual({
      status: 200,
      body: { type: 8, data: { choices: [] } },
    });
  });

  it('keeps working afterwards, with nothing written', async () => {
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toEqual([]);
    const listed = await bot.anime(MEMBER, 'list');
    expect(listed).toMatchObject({ status: 200, content: "This server's list is empty. Add an anime with `/anime add`." });
    expect((await bot.anime(MEMBER, 'schedule', [])).status).toBe(200);
  });
});

function toPayload(interaction: object): Payload {
  return structuredClone(interaction) as Payload;
}

function withoutKey(payload: Payload, key: string): Payload {
  const { [key]: _removed, ...rest } = payload;
  return rest;
}

function editData(payload: Payload, edit: (data: Record<string, unknown>) => void): Payload {
  const data = { ...(payload.data as Record<string, unknown>) };
  edit(data);
  return { ...payload, data };
}
