// A subcommand's options are declared once, in its JSON: the handler's types and the check of
// what arrives are both read from it. The type expectations below hold when `tsc --noEmit`
// passes; the runtime check is tested by running.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandSubcommandOption } from 'discord-api-types/v10';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InvocationContext } from '../../src/commands/command.ts';
import { defineCommand, defineSubcommandGroup } from '../../src/commands/define-command.ts';
import { defineSubcommand } from '../../src/commands/define-subcommand.ts';
import type { OptionsOf } from '../../src/commands/option-types.ts';
import type { ReceivedValues } from '../../src/commands/options.ts';
import { UserError } from '../../src/commands/reply.ts';

const everyKind = {
  type: Option.Subcommand,
  name: 'everything',
  description: 'one option of each kind',
  options: [
    { type: Option.String, name: 'text', description: 'd', required: true, min_length: 2, max_length: 5 },
    {
      type: Option.String,
      name: 'pick',
      description: 'd',
      choices: [
        { name: 'A', value: 'a' },
        { name: 'B', value: 'b' },
      ],
    },
    { type: Option.Integer, name: 'count', description: 'd', min_value: 1, max_value: 7 },
    { type: Option.Number, name: 'ratio', description: 'd', max_value: 1 },
    { type: Option.Boolean, name: 'flag', description: 'd', required: true },
    { type: Option.Channel, name: 'channel', description: 'd' },
    { type: Option.Role, name: 'role', description: 'd' },
    { type: Option.User, name: 'user', description: 'd' },
  ],
} as const satisfies APIApplicationCommandSubcommandOption;

describe('the options type read from a definition', () => {
  it('maps each option type, with required options present and choices as their values', () => {
    expectTypeOf<OptionsOf<typeof everyKind>>().toEqualTypeOf<{
      readonly text: string;
      readonly flag: boolean;
      readonly pick?: 'a' | 'b';
      readonly count?: number;
      readonly ratio?: number;
      readonly channel?: string;
      readonly role?: string;
      readonly user?: string;
    }>();
    // A subcommand without options gets an object with no keys at all.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    expectTypeOf<OptionsOf<{ name: 'bare' }>>().toEqualTypeOf<{}>();
  });

  it('types the handler by it, and refuses what it does not declare', () => {
    defineSubcommand(everyKind, {
      access: 'everyone',
      async run({ options }) {
        expectTypeOf(options.text).toEqualTypeOf<string>();
        // @ts-expect-error: the definition has no such option
        void options.missing;
        // @ts-expect-error: not one of the choices
        if (options.pick === 'c') return { content: '' };
        return { content: options.text };
      },
    });
    defineSubcommand(everyKind, {
      access: 'everyone',
      // @ts-expect-error: a check for an option the definition does not declare
      checks: { missing: () => undefined },
      run: async () => ({ content: '' }),
    });
  });
});

describe('a command made from its children', () => {
  const one = defineSubcommand({ type: Option.Subcommand, name: 'one', description: 'd' }, { access: 'everyone', run: async () => ({ content: 'one' }) });
  const two = defineSubcommand({ type: Option.Subcommand, name: 'two', description: 'd' }, { access: 'everyone', run: async () => ({ content: 'two' }) });

  it('keys each child by its own name', () => {
    // @ts-expect-error: the key must be the subcommand's name
    defineSubcommandGroup({ name: 'group', description: 'd' }, { uno: one });
    // @ts-expect-error: the key must be the subcommand's name
    defineCommand({ name: 'command', description: 'd' }, { uno: one });
  });

  it('registers the children in order and handles exactly their paths', () => {
    const group = defineSubcommandGroup({ name: 'group', description: 'd' }, { one });
    const command = defineCommand({ name: 'command', description: 'd' }, { one, group, two });
    expect(command.definition.options.map((option) => option.name)).toEqual(['one', 'group', 'two']);
    expect(command.definition.options[1]).toMatchObject({ type: Option.SubcommandGroup, options: [one.definition] });
    expect([...command.subcommands.keys()]).toEqual(['one', 'group one', 'two']);
  });
});

describe('the check read from a definition', () => {
  const seen: unknown[] = [];
  const subcommand = defineSubcommand(everyKind, {
    access: 'everyone',
    checks: { text: (value) => (value.includes('!') ? 'no exclamation marks' : undefined) },
    async run({ options }) {
      seen.push(options);
      return { content: 'ran' };
    },
  });
  const context = {} as InvocationContext;
  const run = async (values: ReceivedValues) => subcommand.withOptions(values)(context);
  const refusal = (values: ReceivedValues) => {
    try {
      subcommand.withOptions(values);
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
    return undefined;
  };

  it('hands the handler the values, text trimmed', async () => {
    await run({ text: '  abc ', flag: false, count: 7, pick: 'b', channel: '123' });
    expect(seen.at(-1)).toEqual({ text: 'abc', flag: false, count: 7, pick: 'b', channel: '123' });
  });

  it('refuses what the definition does not allow, in plain words', () => {
    expect(refusal({ flag: true })).toBe('The `text` option is required: please fill it in.');
    expect(refusal({ text: 'abcdef', flag: true })).toBe('The `text` option is not valid: use at most 5 characters.');
    expect(refusal({ text: '  a  ', flag: true })).toBe('The `text` option is not valid: use at least 2 characters.');
    expect(refusal({ text: 'abc', flag: true, pick: 'c' })).toBe('The `pick` option is not valid: choose one of a, b.');
    expect(refusal({ text: 'abc', flag: true, count: 0 })).toBe('The `count` option is not valid: use at least 1.');
    expect(refusal({ text: 'abc', flag: true, count: 8 })).toBe('The `count` option is not valid: use at most 7.');
    expect(refusal({ text: 'abc', flag: true, count: 2.5 })).toMatch(/^The `count` option is not valid: /);
    expect(refusal({ text: 'abc', flag: true, ratio: 1.5 })).toBe('The `ratio` option is not valid: use at most 1.');
    expect(refusal({ text: 'abc', flag: true, role: 'everyone' })).toMatch(/^The `role` option is not valid: /);
  });

  it('applies the checks Discord cannot express', () => {
    expect(refusal({ text: 'a!b', flag: true })).toBe('The `text` option is not valid: no exclamation marks.');
  });
});
