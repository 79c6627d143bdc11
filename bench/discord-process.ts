// The local Discord for the fan-out benchmark, in a process of its own so that its CPU and
// memory are not counted as the product's. Driven over IPC by remote-discord.ts.
import { createFakeDiscord } from '@anitrack/discord-emulator';

/** `summary` counts what came after `since` (a previous summary's positions), or everything. */
export type DiscordRequest = { type: 'seed'; servers: number } | { type: 'summary'; since?: SummaryPosition } | { type: 'close' };
export interface SummaryPosition {
  messages: number;
  requests: number;
}
export interface DiscordSummary {
  messages: number;
  /** Servers that got at least one of those messages: fewer than messages when some went twice. */
  channels: number;
  tooManyRequests: number;
  /** Requests per address they came from. */
  bySourceAddress: Record<string, number>;
  cpu: NodeJS.CpuUsage;
  position: SummaryPosition;
}
export interface SeededServer {
  guildId: string;
  channelId: string;
  webhook: { id: string; token: string };
}

const discord = createFakeDiscord({ rateLimits: { perWebhook: { limit: 5, windowMs: 2000 }, global: { limit: 50, windowMs: 1000 } } });
const { apiUrl } = await discord.start();
process.send!({ type: 'ready', apiUrl, application: { id: discord.applicationId, botToken: discord.botToken, publicKeyHex: discord.publicKeyHex } });

process.on('message', (request: DiscordRequest) => {
  if (request.type === 'seed') {
    const servers: SeededServer[] = [];
    for (let index = 0; index < request.servers; index++) {
      const { guildId, channelIds } = discord.addGuild({ ownerId: '930000000000000001', channels: [{ name: 'anime' }] });
      const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
      servers.push({ guildId, channelId: channelIds[0]!, webhook: { id: webhook!.id, token: webhook!.token! } });
    }
    process.send!({ type: 'seeded', servers });
  } else if (request.type === 'summary') {
    const allMessages = discord.allMessages();
    const allRequests = discord.requests();
    const messages = allMessages.slice(request.since?.messages ?? 0);
    const requests = allRequests.slice(request.since?.requests ?? 0);
    const bySourceAddress: Record<string, number> = {};
    for (const { from } of requests) bySourceAddress[from] = (bySourceAddress[from] ?? 0) + 1;
    const summary: DiscordSummary = {
      messages: messages.length,
      channels: new Set(messages.map((message) => message.channelId)).size,
      tooManyRequests: requests.filter((entry) => entry.status === 429).length,
      bySourceAddress,
      cpu: process.cpuUsage(),
      position: { messages: allMessages.length, requests: allRequests.length },
    };
    process.send!({ type: 'summary', ...summary });
  } else {
    void discord.close().then(() => process.exit(0));
  }
});
