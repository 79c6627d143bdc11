// /anime's subcommands outside the admin group, in the order Discord lists them. A new
// subcommand is its own file and one line here.
import { add } from './add.ts';
import { analytics } from './analytics.ts';
import { importList } from './import.ts';
import { info } from './info.ts';
import { list } from './list.ts';
import { premium } from './premium.ts';
import { remove } from './remove.ts';
import { rename } from './rename.ts';
import { schedule } from './schedule.ts';
import { subscribe } from './subscribe.ts';
import { unsubscribe } from './unsubscribe.ts';
import { when } from './when.ts';

export const memberSubcommands = { add, remove, list, subscribe, unsubscribe, info, when, rename, schedule, import: importList, analytics, premium };
