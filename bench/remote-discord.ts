// Starts the local Discord in a child process (discord-process.ts) and talks to it over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DiscordRequest, DiscordSummary, SeededServer, SummaryPosition } from './discord-process.ts';

export interface RemoteDiscord {
  apiUrl: string;
  /** The application it serves, for settings of an AniTrack process talking to it. */
  application: { id: string; botToken: string; publicKeyHex: string };
  seed(servers: number): Promise<SeededServer[]>;
  summary(since?: SummaryPosition): Promise<DiscordSummary>;
  close(): Promise<void>;
}

export async function startRemoteDiscord(): Promise<RemoteDiscord> {
  // Inherits this process's flags, so tsx loads the TypeScript there too.
  const child = fork(fileURLToPath(new URL('./discord-process.ts', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the local Discord exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = <T>(request: DiscordRequest, answer: string) => {
    const reply = next<T>(answer);
    child.send(request);
    return reply;
  };
  const { apiUrl, application } = await next<{ apiUrl: string; application: RemoteDiscord['application'] }>('ready');
  return {
    apiUrl,
    application,
    seed: async (servers) => (await ask<{ servers: SeededServer[] }>({ type: 'seed', servers }, 'seeded')).servers,
    summary: (since) => ask({ type: 'summary', ...(since && { since }) }, 'summary'),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies DiscordRequest);
      }),
  };
}
