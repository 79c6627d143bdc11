// A page that says one thing (a login that failed or was cancelled), with a way back.
import { escapeHtml } from './escape-html.ts';

export function messagePage(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · AniTrack</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/auth/discord/login">Log in with Discord</a> · <a href="/">Home</a></p></main></body></html>`;
}
