// Where a browser may be sent after logging in: a path on this site, never another site. A
// "next" of //evil.example, /\evil.example or https://evil.example would leave it.
export function sameOriginPath(next: unknown, publicUrl: string): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  // Control characters and backslashes are refused outright: browsers read them in ways a check may not.
  if (next.length > 512 || next.includes('\\') || [...next].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f))
    return undefined;
  const base = new URL(publicUrl);
  const target = new URL(next, base);
  return target.origin === base.origin ? `${target.pathname}${target.search}` : undefined;
}
