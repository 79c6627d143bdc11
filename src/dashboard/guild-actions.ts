// Changes to a server's list, for the API and the pages alike: the slash commands' own
// handlers do them (run-subcommand.ts), so the rules and limits are the same.
import type { CommandServices } from '../commands/command.ts';
import type { DashboardSession } from '../store/repositories.ts';
import { ApiError } from './api/api-route.ts';
import type { UserGuild } from './discord-user-api.ts';
import { runAnimeSubcommand } from './run-subcommand.ts';

type Actor = { session: DashboardSession; guild: UserGuild };
const actorOf = ({ session, guild }: Actor) => ({ guildId: guild.id, userId: session.userId, permissions: guild.permissions });

export async function addAnime(services: CommandServices, actor: Actor, input: { mediaId: number; nickname?: string | undefined }) {
  const values = { anime: String(input.mediaId), ...(input.nickname !== undefined && { nickname: input.nickname }) };
  const outcome = await runAnimeSubcommand(services, 'add', values, actorOf(actor));
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.message);
  const tracked = await services.repositories.trackedAnime.get(actor.guild.id, input.mediaId);
  if (!tracked) throw new ApiError(500, 'The anime was added but cannot be read back.');
  return { mediaId: tracked.mediaId, nickname: tracked.nickname, message: outcome.message };
}

export async function removeAnime(services: CommandServices, actor: Actor, mediaId: number): Promise<string> {
  if (!(await services.repositories.trackedAnime.get(actor.guild.id, mediaId))) throw new ApiError(404, "That anime is not on this server's list.");
  const outcome = await runAnimeSubcommand(services, 'remove', { anime: String(mediaId) }, actorOf(actor));
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.message);
  return outcome.message;
}

export async function renameAnime(services: CommandServices, actor: Actor, mediaId: number, nickname: string) {
  if (!(await services.repositories.trackedAnime.get(actor.guild.id, mediaId))) throw new ApiError(404, "That anime is not on this server's list.");
  const outcome = await runAnimeSubcommand(services, 'rename', { anime: String(mediaId), nickname }, actorOf(actor));
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.message);
  const tracked = await services.repositories.trackedAnime.get(actor.guild.id, mediaId);
  return { mediaId, nickname: tracked?.nickname ?? nickname, message: outcome.message };
}
