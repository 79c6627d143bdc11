// The audit log page: who changed the server's configuration, when (in the viewer's time zone,
// written by dashboard.js from each <time data-local>), from where and what.
import type { AuditLogAnswer } from '../api/audit.schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';

const SOURCES = { discord: 'Discord', dashboard: 'Dashboard' } as const;

function who(userId: string | null, viewerId: string): string {
  if (userId === null) return '<span class="meta">a member who deleted their data</span>';
  if (userId === viewerId) return '<strong>you</strong>';
  return `<code>${e(userId)}</code>`;
}

export function auditView(guild: { id: string; name: string }, log: AuditLogAnswer, viewerId: string): string {
  const rows = log.entries
    .map(
      (entry) => `<tr data-testid="audit-entry">
<td><time data-local datetime="${e(entry.at)}">${e(entry.at.slice(0, 16).replace('T', ' '))} UTC</time></td>
<td>${who(entry.userId, viewerId)}</td>
<td>${SOURCES[entry.source]}</td>
<td>${e(entry.summary)}</td>
</tr>`,
    )
    .join('');
  const table =
    log.entries.length === 0
      ? '<p>No changes recorded yet.</p>'
      : `<table class="audit"><thead><tr><th>When</th><th>Who</th><th>From</th><th>What</th></tr></thead><tbody>${rows}</tbody></table>`;
  const older = log.next === null ? '' : `<p><a class="button secondary" href="/servers/${e(guild.id)}/audit?before=${log.next}">Older changes</a></p>`;
  return `<h1>Audit log · ${e(guild.name)}</h1>
<p><a href="/servers/${e(guild.id)}">← Back to ${e(guild.name)}</a></p>
<p class="meta">Changes to this server's list, channel, settings and role locks, made with slash commands in Discord or on this dashboard, newest first.</p>
${table}${older}`;
}
