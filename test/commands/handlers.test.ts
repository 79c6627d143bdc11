// Every path a registered definition declares has exactly one handler, and every handler
// answers a path the definition declares, with the very JSON registered for it. The paths are
// read from the definitions here, independently of how the command modules are assembled.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { animeCommand } from '../../src/commands/anime.command.ts';
import { LOCKABLE_COMMANDS } from '../../src/commands/anime/lockable.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import type { SubcommandPath } from '../../src/commands/subcommand-path.ts';

interface DeclaredLeaf {
  path: string;
  json: { name: string };
}

function declaredLeaves(command: { name: string; options?: readonly APIApplicationCommandOption[] | undefined }): DeclaredLeaf[] {
  const nested = (command.options ?? []).filter((option) => option.type === Option.Subcommand || option.type === Option.SubcommandGroup);
  if (nested.length === 0) return [{ path: '', json: command }];
  return nested.flatMap((option): DeclaredLeaf[] =>
    option.type === Option.SubcommandGroup
      ? (option.options ?? []).map((sub) => ({ path: `${option.name} ${sub.name}`, json: sub }))
      : [{ path: option.name, json: option }],
  );
}

describe.each(COMMANDS.map((command) => [command.definition.name, command] as const))('/%s', (_name, command) => {
  const leaves = declaredLeaves(command.definition);

  it('declares each path once', () => {
    const paths = leaves.map((leaf) => leaf.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('has exactly one handler for every declared path, and no handler without one', () => {
    expect([...command.subcommands.keys()].sort()).toEqual(leaves.map((leaf) => leaf.path).sort());
  });

  it('gives each handler the JSON registered at its path', () => {
    for (const leaf of leaves) expect(command.subcommands.get(leaf.path)?.definition, leaf.path).toBe(leaf.json);
  });
});

describe('/anime', () => {
  it('reads its paths from the definition', () => {
    expectTypeOf<SubcommandPath<typeof animeCommand.definition>>().toEqualTypeOf<
      | 'add'
      | 'remove'
      | 'list'
      | 'subscribe'
      | 'unsubscribe'
      | 'info'
      | 'when'
      | 'rename'
      | 'schedule'
      | 'import'
      | 'analytics'
      | 'premium'
      | 'admin setchannel'
      | 'admin removechannel'
      | 'admin editpermission'
      | 'admin settings'
    >();
    expect([...animeCommand.subcommands.keys()]).toContain('admin setchannel');
  });

  it('offers the lockable subcommands, and only those, to editpermission, then dashboard access', () => {
    const lockable = [...animeCommand.subcommands].filter(([, subcommand]) => subcommand.access === 'lockable').map(([path]) => path);
    expect(LOCKABLE_COMMANDS).toEqual(lockable);
    // In the order /anime lists them.
    expect(LOCKABLE_COMMANDS).toEqual(['add', 'remove', 'subscribe', 'rename', 'import']);
    expectTypeOf(LOCKABLE_COMMANDS).toEqualTypeOf<('add' | 'remove' | 'rename' | 'import' | 'subscribe')[]>();
    const editpermission = animeCommand.subcommands.get('admin editpermission')?.definition.options?.find((option) => option.name === 'command');
    expect(editpermission).toMatchObject({ choices: [...LOCKABLE_COMMANDS, 'dashboard'].map((name) => ({ name, value: name })) });
    // Dashboard access is not a subcommand: no lock of a command can be mistaken for it.
    expect([...animeCommand.subcommands.keys()]).not.toContain('dashboard');
  });
});
