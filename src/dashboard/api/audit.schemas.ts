// The audit log's query and answer, for GET /api/v1/guilds/:id/audit-log and its page.
import { z } from 'zod';
import { AUDIT_SOURCES, auditChange, unknownChange } from '../../domain/audit.ts';
import { snowflake } from './schemas.ts';

export const AUDIT_PAGE_SIZE = 50;

export const auditLogQuery = z.object({
  before: z.coerce.number().int().positive().optional().describe("An entry's id: the page starts with the entry made before it (the previous page's `next`)"),
  limit: z.coerce.number().int().min(1).max(100).default(AUDIT_PAGE_SIZE).describe('Entries on the page (1 to 100)'),
});

export const auditEntryAnswer = z.intersection(
  z.object({
    id: z.number().int(),
    at: z.string().describe('ISO 8601'),
    userId: snowflake.nullable().describe('Who made the change; null once they had their data deleted'),
    source: z.enum(AUDIT_SOURCES).describe('Made with a slash command in Discord, or on the dashboard'),
    summary: z.string().describe('The change in plain words'),
  }),
  z.union([auditChange, unknownChange]),
);

export const auditLogAnswer = z.object({
  entries: z.array(auditEntryAnswer).describe('Newest first'),
  next: z.number().int().nullable().describe('Pass as `before` for the next (older) page; null on the last page'),
});

export type AuditLogAnswer = z.output<typeof auditLogAnswer>;
export type AuditLogQuery = z.output<typeof auditLogQuery>;
