// Finds secrets in free text: a URL, a stack trace, an error message, a whole log line. Discord
// puts webhook and interaction tokens in request paths, so any text that names a request can
// carry one; configured secrets are matched by their exact value wherever they show up.
export const REDACTED = '[redacted]';

export type ScrubText = (text: string) => string;

// Characters that end a token in a URL, a JSON string or prose. Quotes and backslashes are among
// them, so a replacement inside a JSON line never touches its structure.
const END = String.raw`/\s"'\\?#&,;<>`;

const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  // /webhooks/{id}/{token}…, /interactions/{id}/{token}/callback. A route template
  // ("/webhooks/:id/:token") and an already redacted path are left as they are.
  [new RegExp(String.raw`(\/(?:webhooks|interactions)\/[^${END}]+\/)(?![:\[])[^${END}]+`, 'gi'), `$1${REDACTED}`],
  // The same pair without the route: @discordjs/rest names a webhook's rate-limit bucket
  // "{id}/{token}" (RateLimitError.majorParameter). Webhook and interaction tokens are long.
  [/(?<![\w-])(\d{17,20}\/)[\w-]{40,}/g, `$1${REDACTED}`],
  // Authorization header values. Long enough not to take the word after "bot" in a sentence.
  [/\bBot\s+[\w.~+/=-]{20,}/g, `Bot ${REDACTED}`],
  [/\b(Bearer)\s+[\w.~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  // A bare bot token: base64 user id, timestamp and HMAC joined by dots (a JWT looks alike).
  [/(?<![\w-])[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}(?![\w-])/g, REDACTED],
  // A password in a connection string (postgres://user:password@host).
  [/(\/\/[^/\s:@"'\\]+:)[^/\s@"'\\]+@/g, `$1${REDACTED}@`],
];

// Shorter values would match ordinary words and numbers, and could even break a line's JSON.
export const MIN_SECRET_LENGTH = 8;

export function createTextScrubber(knownSecrets: readonly string[] = []): ScrubText {
  const exact = exactValuePattern(knownSecrets);
  return (text) => {
    let scrubbed = exact ? text.replace(exact, REDACTED) : text;
    for (const [pattern, replacement] of TOKEN_PATTERNS) scrubbed = scrubbed.replace(pattern, replacement);
    return scrubbed;
  };
}

function exactValuePattern(secrets: readonly string[]): RegExp | undefined {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    values.add(secret);
    // As it appears inside a JSON line, should it hold a quote, a backslash or a control character.
    values.add(JSON.stringify(secret).slice(1, -1));
  }
  if (values.size === 0) return undefined;
  // Longest first, so a secret that contains another is removed whole.
  const alternatives = [...values].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
