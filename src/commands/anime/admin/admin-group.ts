// /anime admin: the server's settings, for members with Manage Server. A new admin subcommand
// is its own file and one line here.
import { defineSubcommandGroup } from '../../define-command.ts';
import { editPermission } from './editpermission.ts';
import { removeChannel } from './removechannel.ts';
import { setChannel } from './setchannel.ts';
import { settings } from './settings.ts';

export const adminGroup = defineSubcommandGroup(
  { name: 'admin', description: 'Server settings (Manage Server permission)' },
  { setchannel: setChannel, removechannel: removeChannel, editpermission: editPermission, settings },
);
