// My billing: the member's Patreon state in plain words, how to fix a missing link, the server
// their premium applies to, and plain forms (no script) to move it or take it off.
import { TIER_NAMES } from '../../domain/tiers.ts';
import type { BillingState } from '../billing.ts';
import { howToLink, knownThroughWords, serverWords, supportWords } from '../billing-words.ts';
import { escapeHtml as e } from '../escape-html.ts';
import { noticeView } from './views.ts';

const csrfField = (csrfToken: string) => `<input type="hidden" name="csrf" value="${e(csrfToken)}">`;

function linkSection(state: BillingState, csrfToken: string): string {
  if (!state.canLink) return '';
  const unlink = state.link
    ? `<form method="post" action="/patreon/unlink" class="inline">${csrfField(csrfToken)}<button class="secondary" type="submit" data-testid="unlink">Unlink Patreon</button></form>`
    : '';
  const label = state.link ? 'Link another Patreon account' : 'Link Patreon';
  return `<p class="actions"><a class="button" href="/patreon/link" data-testid="link-patreon">${label}</a> ${unlink}</p>`;
}

function pickerSection(state: BillingState, csrfToken: string): string {
  if (state.choices.length === 0) {
    return '<p>You manage no server where AniTrack is. Add AniTrack to a server you manage (see <a href="/servers">My servers</a>), then choose it here.</p>';
  }
  const current = state.premiumServer?.guildId;
  const options = state.choices
    .map((server) => `<option value="${e(server.id)}"${server.id === current ? ' selected' : ''}>${e(server.name)}</option>`)
    .join('');
  const remove = state.premiumServer
    ? `<form method="post" action="/billing/unassign" class="inline">${csrfField(csrfToken)}<button class="secondary" type="submit" data-testid="unassign">Remove from this server</button></form>`
    : '';
  return `<form method="post" action="/billing/assign" class="row">${csrfField(csrfToken)}
<label for="premium-server">Server</label> <select id="premium-server" name="guildId">${options}</select>
<button type="submit" data-testid="assign">${state.premiumServer ? 'Move my premium here' : 'Give my premium to this server'}</button></form>
${remove}
<p class="meta">A move takes effect at once: the server you choose gets the tier now, and the one it leaves goes back to its own tier (nothing on its list is deleted).</p>`;
}

export function billingView(state: BillingState, csrfToken: string, notice?: { text: string; error: boolean }): string {
  const status = `<p data-testid="support">${e(supportWords(state))}</p>`;
  const top = `<h1>My billing</h1><div id="notice">${notice ? noticeView(notice.text, notice.error) : ''}</div>`;
  if (!state.available) return `${top}${status}`;
  const known = knownThroughWords(state);
  const fix = state.status === 'no_pledge' ? `<p class="meta">Pledged with another Patreon account? ${e(howToLink(state.canLink))}</p>` : '';
  const tier = state.tier ? `<dt>Tier</dt><dd data-testid="tier">${e(TIER_NAMES[state.tier])}</dd>` : '';
  return `${top}
<section><h2>Patreon</h2>${status}${known ? `<p class="meta">${e(known)}</p>` : ''}${fix}${linkSection(state, csrfToken)}</section>
<section><h2>Where your premium applies</h2><dl class="settings">${tier}<dt>Server</dt><dd data-testid="premium-server">${e(serverWords(state))}</dd></dl>
${pickerSection(state, csrfToken)}</section>`;
}
