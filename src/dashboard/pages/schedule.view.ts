// The HTML of a server's week: what airs from its list in the next days. Each time is written
// in UTC by the server and rewritten in the viewer's own time zone, with the time left, by
// dashboard.js (time[data-countdown]).
import type { ScheduleAnswer } from '../api/server-config.schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';

const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

export function scheduleList(schedule: ScheduleAnswer): string {
  const span = schedule.days === 1 ? 'the next day' : `the next ${schedule.days} days`;
  if (schedule.airings.length === 0) return `<p data-testid="schedule-empty">Nothing on this server's list airs in ${span}.</p>`;
  const items = schedule.airings
    .map(
      (airing) =>
        `<li data-testid="airing"><span class="title">${e(airing.title)}</span><span class="meta">Episode ${airing.episode} · <time data-countdown datetime="${e(airing.airingAt)}">${e(utc(airing.airingAt))}</time></span></li>`,
    )
    .join('');
  return `<ul class="schedule">${items}</ul>`;
}

export function scheduleView(guild: { id: string; name: string }, schedule: ScheduleAnswer): string {
  const choices = [1, 2, 3, 4, 5, 6, 7]
    .map((days) => `<option value="${days}"${days === schedule.days ? ' selected' : ''}>${days === 1 ? 'the next day' : `the next ${days} days`}</option>`)
    .join('');
  return `<p class="crumbs"><a href="/servers/${e(guild.id)}">← ${e(guild.name)}</a></p>
<h1>${e(guild.name)}: what airs this week</h1>
<form method="get" action="/servers/${e(guild.id)}/schedule" class="row"><label for="days">Show</label><select id="days" name="days">${choices}</select><button type="submit" class="secondary">Show</button></form>
<p class="meta">Times are in your time zone.</p>
${scheduleList(schedule)}`;
}
