// The dashboard changes a server by running the same subcommand handlers as the slash
// commands, so a change follows the same rules and limits whichever way it is made. Who may
// make it was decided before (only a server's managers reach here), so role locks, which are
// for members in Discord, do not apply. A change is logged in the server's audit log as made from
// the dashboard.
import type { APIInteractionGuildMember } from 'discord-api-types/v10';
import { animeCommand } from '../commands/anime.command.ts';
import { recordChange } from '../commands/audit-trail.ts';
import type { CommandServices } from '../commands/command.ts';
import type { ReceivedValues } from '../commands/options.ts';
import { UserError } from '../commands/reply.ts';
import { serverSettingsOnce } from '../commands/server-settings.ts';
import { userFacingMessage } from '../discord/failures.ts';
import { StoreConflictError } from '../store/errors.ts';
import { plainWords } from './plain-words.ts';

export type SubcommandOutcome = { ok: true; message: string } | { ok: false; status: 422 | 500; message: string };

// How long a dashboard request may wait for AniList, where a slash command has its interaction's 15 minutes.
const ANSWER_WITHIN_MS = 20_000;

export async function runAnimeSubcommand(
  services: CommandServices,
  path: string,
  values: ReceivedValues,
  actor: { guildId: string; userId: string; permissions: string },
): Promise<SubcommandOutcome> {
  const subcommand = animeCommand.subcommands.get(path);
  if (!subcommand) throw new Error(`no /anime ${path}`);
  const member = { user: { id: actor.userId }, roles: [], permissions: actor.permissions } as unknown as APIInteractionGuildMember;
  const logContext = { command: `anime ${path}`, guildId: actor.guildId, via: 'dashboard' };
  try {
    const run = subcommand.withOptions(values);
    const reply = await run({
      guildId: actor.guildId,
      channelId: undefined,
      userId: actor.userId,
      member,
      appPermissions: undefined,
      services,
      serverSettings: serverSettingsOnce(actor.guildId, services.repositories.guilds),
      answerBy: services.now() + ANSWER_WITHIN_MS,
      progress: async () => {},
    });
    await recordChange(services, actor, reply, 'dashboard');
    return { ok: true, message: plainWords(reply.content ?? '', services.now()) };
  } catch (error) {
    const known = error instanceof UserError || error instanceof StoreConflictError;
    return { ok: false, status: known ? 422 : 500, message: plainWords(userFacingMessage(error, services.logger, logContext), services.now()) };
  }
}
