// The HTML of the dashboard's pages and of the fragments htmx swaps into them. Every value is
// escaped where it is written.
import type { CatalogueEntry } from '../../domain/media.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import { displayTitle } from '../../domain/titles.ts';
import type { GuildAnswer } from '../api/schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';
import { pauseButton, pausedMark } from './pause.view.ts';

export interface ServerCard {
  id: string;
  name: string;
  botPresent: boolean;
  inviteUrl: string;
}

export function serversView(servers: readonly ServerCard[]): string {
  if (servers.length === 0) return '<h1>My servers</h1><p>You manage no Discord server yet (you need Manage Server or Administrator, or to own it).</p>';
  const cards = servers
    .map((server) =>
      server.botPresent
        ? `<li data-testid="server"><span>${e(server.name)}</span><a class="button" href="/servers/${e(server.id)}">Manage</a></li>`
        : `<li data-testid="server"><span>${e(server.name)}</span><a class="button secondary" href="${e(server.inviteUrl)}">Add the bot</a></li>`,
    )
    .join('');
  return `<h1>My servers</h1><ul class="servers">${cards}</ul>`;
}

export function animeListView(guild: GuildAnswer, csrfToken: string): string {
  if (guild.anime.length === 0) return '<ul id="anime-list" class="anime"><li>No anime on this server\'s list yet. Add one below.</li></ul>';
  const items = guild.anime
    .map((anime) => {
      const next = anime.nextEpisode
        ? `Episode ${anime.nextEpisode.episode}: <time data-countdown datetime="${e(anime.nextEpisode.airingAt)}">${e(anime.nextEpisode.airingAt.replace('T', ' ').slice(0, 16))} UTC</time>`
        : 'No air date for the next episode yet';
      const removeUrl = `/servers/${e(guild.id)}/anime/${anime.mediaId}/remove`;
      const renameUrl = `/servers/${e(guild.id)}/anime/${anime.mediaId}/rename`;
      return `<li data-testid="tracked-anime">
<span class="title">${e(anime.title ?? `AniList #${anime.mediaId}`)}${pausedMark(anime, guild.tier)}</span>
${pauseButton(guild.id, anime, csrfToken)}
<form method="post" action="${removeUrl}" hx-post="${removeUrl}" hx-target="#anime-list" hx-swap="outerHTML"><input type="hidden" name="csrf" value="${e(csrfToken)}"><button class="secondary" type="submit">Remove</button></form>
<span class="meta">Nickname "${e(anime.nickname)}" · ${anime.subscribers} subscriber${anime.subscribers === 1 ? '' : 's'} · ${next}</span>
<form class="rename" method="post" action="${renameUrl}" hx-post="${renameUrl}" hx-target="#anime-list" hx-swap="outerHTML"><input type="hidden" name="csrf" value="${e(csrfToken)}"><input name="nickname" value="${e(anime.nickname)}" maxlength="100" size="18" aria-label="New nickname for ${e(anime.title ?? anime.nickname)}"> <button class="small secondary" type="submit">Rename</button></form>
</li>`;
    })
    .join('');
  const resumeNote = guild.anime.some((anime) => anime.overLimit)
    ? '<li class="meta" data-testid="over-limit-note">Anime paused over the list limit keep their subscribers and resume by themselves when the server gets a premium tier with room for them, or when an anime is removed.</li>'
    : '';
  return `<ul id="anime-list" class="anime">${items}${resumeNote}</ul>`;
}

export function searchResultsView(guildId: string, entries: readonly CatalogueEntry[], csrfToken: string, query: string): string {
  if (query.trim().length < 2) return '<ul id="results" class="results"></ul>';
  if (entries.length === 0) return `<ul id="results" class="results"><li>Nothing airing or announced matches "${e(query)}".</li></ul>`;
  const items = entries
    .map((entry) => {
      const details = [entry.seasonYear, entry.format?.replace('_', ' ')].filter(Boolean).join(' ');
      const action = `/servers/${e(guildId)}/anime`;
      return `<li data-testid="search-result"><span>${e(displayTitle({ id: entry.mediaId, title: entry.title }))}${details ? ` <span class="meta">(${e(details)})</span>` : ''}</span>
<form method="post" action="${action}" hx-post="${action}" hx-target="#anime-list" hx-swap="outerHTML"><input type="hidden" name="csrf" value="${e(csrfToken)}"><input type="hidden" name="mediaId" value="${entry.mediaId}"><button type="submit">Add</button></form></li>`;
    })
    .join('');
  return `<ul id="results" class="results">${items}</ul>`;
}

export function serverView(guild: GuildAnswer, csrfToken: string, notice?: { text: string; error: boolean }, premiumSection = ''): string {
  const channel = guild.channelId ? `<code>#${e(guild.channelId)}</code>` : 'none yet: use <code>/anime admin setchannel</code> in Discord';
  const reminder = guild.settings.reminderOffsetMinutes ? `${guild.settings.reminderOffsetMinutes} minutes before` : 'off';
  return `<h1>${e(guild.name)}</h1>
<div id="notice">${notice ? noticeView(notice.text, notice.error) : ''}</div>
<section><h2>Anime on this server's list</h2>${animeListView(guild, csrfToken)}</section>
<section class="search"><h2>Add an anime</h2>
<label for="search">Search anime that are airing or announced</label>
<input id="search" name="q" type="search" autocomplete="off" placeholder="frieren, kaiju 8, oshi no ko…" hx-get="/servers/${e(guild.id)}/search" hx-trigger="input changed delay:150ms, search" hx-target="#results" hx-swap="outerHTML">
<ul id="results" class="results"></ul></section>
<section><h2>Settings</h2><dl class="settings"><dt>Notification channel</dt><dd>${channel}</dd><dt>Titles in</dt><dd>${e(guild.settings.titleLanguage)}</dd><dt>Reminder</dt><dd>${reminder}</dd><dt>Delay after airing</dt><dd>${e(delayWords(guild))}</dd></dl></section>
<nav class="server-pages"><a class="button" href="/servers/${e(guild.id)}/settings">Channel, settings and roles</a> <a class="button secondary" href="/servers/${e(guild.id)}/schedule">What airs this week</a></nav>

<p class="audit-link"><a href="/servers/${e(guild.id)}/audit">Audit log: who changed what, and when</a></p>

<section><h2>Why did or didn't it post?</h2><p><a href="/servers/${e(guild.id)}/deliveries">Delivery log, channel check, preview and test send</a></p></section>
${premiumSection}`;
}

export function noticeView(text: string, error: boolean): string {
  return `<p role="status" data-testid="notice" class="notice${error ? ' error' : ''}">${e(text)}</p>`;
}

// A stored delay the tier does not allow is kept but not applied (it returns with the tier).
function delayWords(guild: GuildAnswer): string {
  const minutes = guild.settings.postAirDelayMinutes;
  if (minutes === 0 || guild.tier.customTiming) return `${minutes} minutes`;
  return `${minutes} minutes, held: needs ${TIER_NAMES.supporter_plus} (notifications post as the episode airs)`;
}
