// A change to a server's configuration, as its audit log keeps it: what was done and the few
// facts that say to what. The details hold ids, nicknames, settings and counts; never a
// member's id (who did it is a column of its own, forgotten when they delete their data), a
// webhook token, or anything of a list imported from another site.
import { z } from 'zod';

export const AUDIT_SOURCES = ['discord', 'dashboard'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

const anime = { mediaId: z.number().int(), nickname: z.string(), title: z.string().nullable() };
const lock = { command: z.string(), roleId: z.string() };
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

export const auditChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('anime.add'), details: z.object(anime) }),
  z.object({ action: z.literal('anime.remove'), details: z.object(anime) }),
  z.object({ action: z.literal('anime.rename'), details: z.object({ mediaId: z.number().int(), from: z.string(), to: z.string() }) }),
  // How many anime a list import added, and nothing of the list: not whose it was, not where, not
  // how long (promise P5).
  z.object({ action: z.literal('import'), details: z.object({ added: z.number().int() }) }),
  z.object({ action: z.literal('channel.set'), details: z.object({ channelId: z.string(), previousChannelId: z.string().nullable() }) }),
  z.object({ action: z.literal('channel.remove'), details: z.object({ channelId: z.string().nullable() }) }),
  z.object({
    action: z.literal('settings.change'),
    details: z.object({
      reminderMinutes: change(z.number().int().nullable()).optional(),
      delayMinutes: change(z.number().int()).optional(),
      titleLanguage: change(z.string()).optional(),
    }),
  }),
  z.object({ action: z.literal('lock.add'), details: z.object(lock) }),
  z.object({ action: z.literal('lock.remove'), details: z.object(lock) }),
]);

export type AuditChange = z.output<typeof auditChange>;
export type AuditAction = AuditChange['action'];

/** What a stored entry holds when its action is not one this version knows (written by a newer one). */
export const unknownChange = z.object({ action: z.literal('unknown'), details: z.object({ action: z.string().describe('The action as stored') }) });
export type UnknownChange = z.output<typeof unknownChange>;

/** One entry of a server's audit log. */
export interface AuditEntry {
  id: number;
  guildId: string;
  /** Who made the change; null once they had their data deleted. */
  userId: string | null;
  source: AuditSource;
  change: AuditChange | UnknownChange;
  createdAt: number;
}
