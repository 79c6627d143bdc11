// Markdown to HTML for the pages an operator writes (the policies). The files are trusted less
// than our code: a pasted snippet or a compromised deploy must not put a live script or handler
// on our pages. So raw HTML comes out as the text it is, and a link or image keeps its address
// only when it is http(s), mailto or relative (never javascript:, data: or the like).
import { Marked, type Tokens } from 'marked';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const markdown = new Marked({
  async: false,
  walkTokens(token) {
    // After an inline <script>, <pre> or <style> tag marked flags the text that follows as raw,
    // to be written out unescaped: it is escaped like any other text instead.
    if (token.type === 'text' && token.escaped) token.escaped = false;
  },
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      return block ? `<p>${escapeHtml(text)}</p>\n` : escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === undefined) return label;
      return `<a href="${url}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
    },
    image({ href, title, text }: Tokens.Image) {
      const url = safeUrl(href);
      if (url === undefined) return escapeHtml(text);
      return `<img src="${url}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
    },
  },
});

export function renderMarkdown(text: string): string {
  return markdown.parse(text, { async: false });
}

/** The address escaped for an attribute, or undefined when its scheme is not allowed. */
function safeUrl(href: string): string | undefined {
  // Whatever stands before the first ":" that comes before any "/", "?" or "#" is the scheme as
  // a browser reads it (it ignores tabs and newlines in it, so those do not pass as a "relative"
  // address either). No such ":" means a relative address.
  const scheme = /^([^/?#]*?):/.exec(href)?.[1];
  if (scheme !== undefined && !SAFE_SCHEMES.has(scheme.toLowerCase())) return undefined;
  let encoded: string;
  try {
    encoded = encodeURI(href).replace(/%25/g, '%');
  } catch {
    return undefined;
  }
  // Escaping "&" too: an entity in the file ("javascript&#58;…") stays literal text in the
  // attribute instead of being decoded into a scheme by the browser.
  return escapeHtml(encoded);
}

/** Text into HTML: every character that could open markup or end an attribute becomes an entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
