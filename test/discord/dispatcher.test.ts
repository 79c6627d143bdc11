// Discord's 3-second window: quick answers go inline, slow ones are deferred and edited in.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandServices } from '../../src/commands/command.ts';
import { definePlainCommand } from '../../src/commands/define-command.ts';
import { UserError } from '../../src/commands/reply.ts';
import { createDispatcher } from '../../src/discord/dispatcher.ts';
import { createDiscordRest } from '../../src/discord/rest.ts';
import { createLogger } from '../../src/logger.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';

const slowCommand = definePlainCommand(
  {
    name: 'slow',
    description: 'takes its time',
    options: [
      { type: 4, name: 'ms', description: 'how long' },
      { type: 5, name: 'fail', description: 'refuse' },
      { type: 5, name: 'crash', description: 'break' },
    ],
  },
  {
    access: 'everyone',
    async run(context) {
      await sleep(context.options.ms ?? 0);
      if (context.options.fail) throw new UserError('That did not work.');
      if (context.options.crash) throw new Error('database exploded: token=abc');
      return { content: 'done' };
    },
  },
);

describe('the dispatcher', () => {
  let discord: FakeDiscord;
  let guildId: string;
  let channelId: string;
  let dispatch: ReturnType<typeof createDispatcher>;
  const user = { id: '800000000000000001', username: 'someone' };

  beforeEach(async () => {
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    ({
      guildId,
      channelIds: [channelId = ''],
    } = discord.addGuild({ ownerId: '800000000000000009', channels: [{ name: 'x' }], members: [{ userId: user.id }] }));
    const services = {
      discord: createDiscordRest({ apiUrl, botToken: discord.botToken }).api,
      applicationId: discord.applicationId,
      logger: createLogger({ level: 'silent' }),
      repositories: { guilds: { touch: async () => undefined } },
      now: Date.now,
    };
    dispatch = createDispatcher({ commands: [slowCommand], components: [], services: services as unknown as CommandServices, deferAfterMs: 100 });
  });
  afterEach(async () => {
    await discord.close();
  });

  const run = (values: { ms: number; fail?: boolean; crash?: boolean }) =>
    discord.commandInteraction({
      guildId,
      channelId,
      user,
      name: 'slow',
      options: [
        { type: 4, name: 'ms', value: values.ms },
        ...(values.fail ? [{ type: 5, name: 'fail', value: true } as const] : []),
        ...(values.crash ? [{ type: 5, name: 'crash', value: true } as const] : []),
      ] as never,
    });

  it('logs an unexpected error with a reference the user is shown, and nothing more', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const services = { logger, repositories: { guilds: { touch: async () => undefined } }, now: Date.now } as unknown as CommandServices;
    const crashing = createDispatcher({ commands: [slowCommand], components: [], services, deferAfterMs: 100 });
    const interaction = run({ ms: 0, crash: true });
    const result = await crashing(interaction);
    const content = (result.response as { data: { content: string; flags: number } }).data;
    expect(content.flags).toBe(64);
    const reference = /reference: `([0-9a-f]{8})`/.exec(content.content)?.[1];
    expect(reference).toBeDefined();
    expect(content.content).not.toContain('exploded');
    const logged = JSON.parse(lines.find((line) => line.includes(reference!))!);
    expect(logged).toMatchObject({ level: 50, reference, command: 'slow', msg: 'Interaction failed' });
    expect(logged.err.message).toContain('database exploded');
    expect(lines.join('')).not.toContain(interaction.token);
  });

  it("records a server's activity once it is answered, at most once a day", async () => {
    const touched: [string, number][] = [];
    let now = Date.UTC(2026, 11, 2, 12);
    const services = {
      logger: createLogger({ level: 'silent' }),
      repositories: { guilds: { touch: async (id: string, at: number) => void touched.push([id, at]) } },
      now: () => now,
    } as unknown as CommandServices;
    const counting = createDispatcher({ commands: [slowCommand], components: [], services, deferAfterMs: 100 });
    await counting(run({ ms: 0 }));
    await counting(run({ ms: 0 }));
    now += 23 * 3_600_000;
    await counting(run({ ms: 0 }));
    expect(touched).toEqual([[guildId, Date.UTC(2026, 11, 2, 12)]]);
    now += 2 * 3_600_000;
    await counting(run({ ms: 0 }));
    expect(touched.map(([, at]) => at)).toEqual([Date.UTC(2026, 11, 2, 12), Date.UTC(2026, 11, 3, 13)]);
  });

  it('answers inline when the handler is quick', async () => {
    const result = await dispatch(run({ ms: 0 }));
    expect(result.response).toEqual({ type: 4, data: { content: 'done', embeds: [], components: [], allowed_mentions: { parse: [] } } });
    expect(result.after).toBeUndefined();
  });

  it('defers a slow handler and edits the answer in', async () => {
    const interaction = run({ ms: 300 });
    const result = await dispatch(interaction);
    expect(result.response).toEqual({ type: 5, data: {} });
    discord.recordInlineResponse(interaction.id, result.response);
    await result.after!();
    const records = discord.interactionResponses(interaction.id);
    expect(records.map((record) => record.kind)).toEqual(['callback', 'edit-original']);
    expect(records[1]!.body).toMatchObject({ content: 'done' });
  });

  it('replaces a public deferral with a private message when the slow handler refuses', async () => {
    const interaction = run({ ms: 300, fail: true });
    const result = await dispatch(interaction);
    discord.recordInlineResponse(interaction.id, result.response);
    await result.after!();
    const records = discord.interactionResponses(interaction.id);
    expect(records.map((record) => record.kind)).toEqual(['callback', 'delete-original', 'followup']);
    expect(records[2]!.body).toMatchObject({ content: 'That did not work.', flags: 64 });
  });
});
