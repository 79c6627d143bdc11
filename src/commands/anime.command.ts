// /anime: every subcommand, keyed by its path.
import type { CommandModule } from './command.ts';
import { editPermission, settings } from './anime/admin/permissions-settings.ts';
import { removeChannel, setChannel } from './anime/admin/channel.ts';
import { add } from './anime/add.ts';
import { analytics } from './anime/analytics.ts';
import { animeDefinition } from './anime/definition.ts';
import { importList } from './anime/import.ts';
import { info, when } from './anime/info.ts';
import { list } from './anime/list.ts';
import { remove, rename } from './anime/remove-rename.ts';
import { schedule } from './anime/schedule.ts';
import { subscribe, unsubscribe } from './anime/subscriptions.ts';

export const animeCommand: CommandModule = {
  definition: animeDefinition,
  subcommands: {
    add,
    remove,
    list,
    subscribe,
    unsubscribe,
    info,
    when,
    rename,
    schedule,
    import: importList,
    analytics,
    'admin setchannel': setChannel,
    'admin removechannel': removeChannel,
    'admin editpermission': editPermission,
    'admin settings': settings,
  },
};
