// A webhook message drawn as Discord draws it: the content, then each embed as a card with its
// colour bar, author, title, description, fields, footer and time, then the buttons. Discord's
// Markdown is rendered for the little our notifications use (bold, masked links, mentions,
// <t:…> times, which the page's script writes in the viewer's time zone); everything else is
// escaped text.
import type { PreviewMessage } from '../api/delivery-schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';
import { embedColorClass } from './embed-colors.ts';

export function discordMarkdown(text: string): string {
  return e(text)
    .replace(/&lt;t:(\d+)(?::([tTdDfFR]))?&gt;/g, (_match, seconds: string, style: string | undefined) => localTime(Number(seconds) * 1000, style ?? 'f'))
    .replace(/&lt;@!?(\d+)&gt;/g, '<span class="mention">@member</span>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" rel="noopener noreferrer">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\n/g, '<br>');
}

/** A time the page's script rewrites in the viewer's zone, in one of Discord's timestamp styles. */
export function localTime(epochMs: number, style = 'f'): string {
  const iso = new Date(epochMs).toISOString();
  return `<time data-local="${e(style)}" datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

type Embed = NonNullable<PreviewMessage['embeds']>[number];
type Button = { emoji?: { name?: string | null }; label?: string };

export function messageCard(message: PreviewMessage): string {
  const content = message.content ? `<div class="discord-content">${discordMarkdown(message.content)}</div>` : '';
  const embeds = (message.embeds ?? []).map(embedCard).join('');
  // Our notifications have one row of buttons (the bell); drawn, not clickable.
  const buttons = (message.components ?? [])
    .flatMap((row) => (typeof row === 'object' && row !== null && 'components' in row ? (row.components as Button[]) : []))
    .map((button) => `<span class="discord-button">${button.emoji?.name ? `${e(button.emoji.name)} ` : ''}${e(button.label ?? '')}</span>`)
    .join('');
  return `<div class="discord-message" data-testid="discord-message"><div class="discord-author">AniTrack <span class="bot-tag">APP</span></div>${content}${embeds}${buttons ? `<div class="discord-buttons">${buttons}</div>` : ''}</div>`;
}

function embedCard(embed: Embed): string {
  const author = embed.author ? `<div class="embed-author">${e(embed.author.name)}</div>` : '';
  const title = embed.title
    ? embed.url
      ? `<a class="embed-title" href="${e(embed.url)}" rel="noopener noreferrer">${e(embed.title)}</a>`
      : `<div class="embed-title">${e(embed.title)}</div>`
    : '';
  const description = embed.description ? `<div class="embed-description">${discordMarkdown(embed.description)}</div>` : '';
  const fields = (embed.fields ?? [])
    .map(
      (field) =>
        `<div class="embed-field"><div class="embed-field-name">${discordMarkdown(field.name)}</div><div class="embed-field-value">${discordMarkdown(field.value)}</div></div>`,
    )
    .join('');
  // The cover is not loaded here (the page loads images from this site only): Discord shows it at the right.
  const thumbnail = embed.thumbnail ? `<a class="embed-thumbnail" href="${e(embed.thumbnail.url)}" rel="noopener noreferrer">cover</a>` : '';
  const footerParts = [embed.footer ? e(embed.footer.text) : '', embed.timestamp ? localTime(Date.parse(embed.timestamp), 'f') : ''].filter(Boolean);
  const footer = footerParts.length > 0 ? `<div class="embed-footer">${footerParts.join(' • ')}</div>` : '';
  return `<article class="embed ${embedColorClass(embed.color)}" data-testid="embed">${thumbnail}${author}${title}${description}${fields ? `<div class="embed-fields">${fields}</div>` : ''}${footer}</article>`;
}
