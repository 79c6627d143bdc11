// My data: what AniTrack keeps about the member, an export to download, and deleting it all
// behind a confirmation page (a second step, so no script is needed to ask "are you sure?").
import type { MemberDataExport } from '../../privacy/member-data.ts';
import { escapeHtml as e } from '../escape-html.ts';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function myDataView(data: MemberDataExport): string {
  const servers = new Set(data.subscriptions.map((item) => item.guildId)).size;
  return `<h1>My data</h1>
<p>What AniTrack keeps about you (Discord user <code>${e(data.userId)}</code>), as <code>/debug</code> shows it in Discord:</p>
<ul class="kept" data-testid="kept">
<li>${count(data.subscriptions.length, 'subscription')} to anime, in ${count(servers, 'server')}</li>
<li>your name on ${count(data.animeAdded.length, 'anime', 'anime')} you added to a server's list</li>
<li>${count(data.serversOwned.length, 'server')} AniTrack knows you own</li>
<li>${count(data.configurationChanges.length, 'change')} you made to servers' configuration, in their audit logs</li>
<li>${count(data.dashboardLogins.length, 'open dashboard login')}, each with your Discord name</li>
<li>${data.patreon.link ? `a link to your Patreon account (<code>${e(data.patreon.link.patreonUserId)}</code>)` : 'no linked Patreon account'}, ${data.patreon.premiumServer ? `your premium's server (<code>${e(data.patreon.premiumServer.guildId)}</code>)` : 'no server chosen for premium'} and ${count(data.patreon.memberRecords.length, 'Patreon membership record')}</li>
</ul>
<p class="actions"><a class="button" href="/api/v1/me/data" download="anitrack-data-${e(data.userId)}.json" data-testid="export">Export my data (JSON)</a>
<a class="button danger" href="/me/data/delete">Delete my data…</a></p>`;
}

export function confirmDeletionView(csrfToken: string): string {
  return `<h1>Delete my data?</h1>
<p>This deletes, in every server:</p>
<ul>
<li>your subscriptions;</li>
<li>your name on the anime you added and on the changes you made (the anime stay on the servers' lists, and the changes in their audit logs, without your name);</li>
<li>that you own a server;</li>
<li>every dashboard login of yours: you are logged out everywhere, and AniTrack asks Discord to revoke its access;</li>
<li>your Patreon link (its tokens are deleted), the server your premium applies to, and your Discord account on Patreon's membership records (that server loses the premium you gave it).</li>
</ul>
<p>Servers' lists and settings stay: they belong to the servers. It cannot be undone.</p>
<form method="post" action="/me/data/delete" class="actions"><input type="hidden" name="csrf" value="${e(csrfToken)}">
<button class="danger" type="submit">Yes, delete my data</button> <a class="button secondary" href="/me/data">Cancel</a></form>`;
}

export function deletedView(summary: string): string {
  return `<h1>Your data is deleted</h1>
<p role="status" data-testid="notice" class="notice">${e(summary)}</p>
<p>You are logged out, and Discord was asked to revoke AniTrack's access. Logging in again starts a new login.</p>
<p><a href="/">Home</a></p>`;
}
