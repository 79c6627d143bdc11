// The /anime subcommands `/anime admin editpermission` can lock, in the order /anime lists them:
// add, remove, subscribe, rename, import. Besides those, editpermission has one more target,
// `dashboard`: the roles whose members may manage the server on the web dashboard. Both are
// kept in the same store of role locks, under the target's name.
import { lockableNames, type LockableName } from '../lockable-names.ts';
import { memberSubcommands } from './subcommands.ts';

export const LOCKABLE_COMMANDS = lockableNames(memberSubcommands);

/** The role-lock name that holds a server's dashboard roles; never a subcommand's lock. */
export const DASHBOARD_ACCESS = 'dashboard';

// A subcommand named `dashboard` would share its locks with dashboard access: make that a type error.
type Distinct<T> = T extends LockableName<typeof memberSubcommands> ? never : T;
const dashboardAccess: Distinct<typeof DASHBOARD_ACCESS> = DASHBOARD_ACCESS;

/** What editpermission's `command` option offers: every lockable subcommand, then dashboard access. */
export const PERMISSION_TARGETS = [...LOCKABLE_COMMANDS, dashboardAccess] as const;

export type PermissionTarget = (typeof PERMISSION_TARGETS)[number];

/** Whether a stored role lock is on a slash command (and not the dashboard's roles). */
export const isCommandLock = (lock: { command: string }) => lock.command !== DASHBOARD_ACCESS;
