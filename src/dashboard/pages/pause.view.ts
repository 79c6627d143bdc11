// The Pause / Resume button of one anime on the server's list, and the mark of a paused one.
import type { GuildAnswer } from '../api/schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';

type Anime = GuildAnswer['anime'][number];

export function pauseButton(guildId: string, anime: Anime, csrfToken: string): string {
  const action = `/servers/${e(guildId)}/anime/${anime.mediaId}/${anime.paused ? 'resume' : 'pause'}`;
  return `<form method="post" action="${action}" hx-post="${action}" hx-target="#anime-list" hx-swap="outerHTML"><input type="hidden" name="csrf" value="${e(csrfToken)}"><button class="secondary" type="submit">${anime.paused ? 'Resume' : 'Pause'}</button></form>`;
}

export function pausedMark(anime: Anime, tier: GuildAnswer['tier']): string {
  if (anime.overLimit) {
    const limit = tier.maxAnime === null ? 'the list limit' : `the ${tier.name} list of ${tier.maxAnime}`;
    return ` <span class="paused" data-testid="paused">paused: over ${e(limit)}</span>`;
  }
  return anime.paused ? ' <span class="paused" data-testid="paused">paused: no notifications</span>' : '';
}
