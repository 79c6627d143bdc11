// Fills a benchmark's store with servers, each with its webhook and its list of anime. Seeding
// tens of thousands of rows one repository call at a time leaves the heap of the process that
// did it grown for good, so a benchmark that measures memory seeds in a child process
// (seedInAnotherProcess) and measures a process that only opened the filled database.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Repositories } from '../src/store/repositories.ts';
import type { Airing, Media } from '../src/domain/media.ts';
import type { SeededServer } from './discord-process.ts';

export interface SeedRequest {
  store: { url: string; key: string };
  media: Media[];
  airings: Pick<Airing, 'mediaId' | 'episode' | 'anilistId' | 'airingAt'>[];
  servers: SeededServer[];
  /** Every server tracks all of these. */
  mediaIds: number[];
  now: number;
}

export async function seedServers(repositories: Repositories, request: Omit<SeedRequest, 'store'>): Promise<void> {
  const { now } = request;
  await repositories.media.upsertMany(request.media);
  await repositories.airings.upsertMany(request.airings, now);
  for (const server of request.servers) {
    await repositories.guilds.setNotifyChannel(server.guildId, { channelId: server.channelId, webhook: server.webhook }, now);
    for (const mediaId of request.mediaIds) {
      await repositories.trackedAnime.add({ guildId: server.guildId, mediaId, nickname: `a${mediaId}`, addedBy: '1', now, maxPerGuild: null });
    }
  }
}

export function seedInAnotherProcess(request: SeedRequest): Promise<void> {
  // Inherits this process's flags, so tsx loads the TypeScript there too.
  const child = fork(fileURLToPath(new URL('./seed-process.ts', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding exited with ${code}`))));
    child.send(request);
  });
}
