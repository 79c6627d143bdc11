// What a command answers with, independent of how the answer reaches Discord (inline HTTP
// response, gateway callback, or an edit after a deferral).
import type { APIActionRowComponent, APIAllowedMentions, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import type { AuditChange } from '../domain/audit.ts';

export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the member who used the command sees it. */
  ephemeral?: boolean;
  allowedMentions?: APIAllowedMentions;
  /** Attachments; only for answers that are edited in after a deferral (long-running subcommands). */
  files?: { name: string; data: Buffer }[];
  /**
   * What the command changed in the server's configuration, if anything: whoever ran it (the
   * dispatcher, the dashboard) records it in the server's audit log. Never sent to Discord.
   */
  audit?: AuditChange;
}

/** A mistake of the user's (or a refusal): shown to them as it is, never logged as a failure. */
export class UserError extends Error {
  override name = 'UserError';
}

export function ephemeral(content: string, extra: Omit<Reply, 'content' | 'ephemeral'> = {}): Reply {
  return { ...extra, content, ephemeral: true };
}
