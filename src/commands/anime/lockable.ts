// The /anime subcommands `/anime admin editpermission` can lock, in the order /anime lists them:
// add, remove, subscribe, rename, import.
import { lockableNames } from '../lockable-names.ts';
import { memberSubcommands } from './subcommands.ts';

export const LOCKABLE_COMMANDS = lockableNames(memberSubcommands);
