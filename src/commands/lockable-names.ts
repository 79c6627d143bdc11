// Which subcommands a server's admins may limit to roles: those declared `access: 'lockable'`,
// read from the subcommands themselves so the list of lock names is never written out.
import type { Access } from './command.ts';

export type LockableName<M> = { [K in keyof M]: M[K] extends { readonly access: 'lockable' } ? K : never }[keyof M] & string;

export function lockableNames<M extends Record<string, { readonly access: Access }>>(subcommands: M): LockableName<M>[] {
  // The filter keeps exactly the keys whose subcommand is lockable, which is what LockableName names.
  return Object.keys(subcommands).filter((name): name is LockableName<M> => subcommands[name]?.access === 'lockable');
}
