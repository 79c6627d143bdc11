// An embed's colour bar on the page without inline style (the CSP forbids it): the colour is
// mapped to the nearest of a fixed palette, each a class in dashboard.css. AniList's cover
// colours are any colour at all; the nearest palette entry is close enough for a preview.
const PALETTE: readonly [name: string, rgb: number][] = [
  ['grey', 0x99aab5],
  ['anilist', 0x02a9ff],
  ['blurple', 0x5865f2],
  ['red', 0xe53935],
  ['orange', 0xfb8c00],
  ['sand', 0xd7a86e],
  ['yellow', 0xfdd835],
  ['green', 0x43a047],
  ['teal', 0x00897b],
  ['cyan', 0x00acc1],
  ['indigo', 0x3949ab],
  ['purple', 0x8e24aa],
  ['pink', 0xd81b60],
  ['brown', 0x6d4c41],
  ['dark', 0x37474f],
  ['light', 0xe0e0e0],
];

const channels = (rgb: number) => [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff] as const;

/** The CSS class of the palette colour nearest to `color` (an embed's integer colour); none: Discord's default grey. */
export function embedColorClass(color: number | undefined): string {
  if (color === undefined) return 'bar-grey';
  const [r, g, b] = channels(color);
  let best = PALETTE[0]!;
  let bestDistance = Infinity;
  for (const entry of PALETTE) {
    const [pr, pg, pb] = channels(entry[1]);
    // Weighted for how the eye tells colours apart (the "redmean" approximation).
    const mean = (r + pr) / 2;
    const distance = (2 + mean / 256) * (r - pr) ** 2 + 4 * (g - pg) ** 2 + (2 + (255 - mean) / 256) * (b - pb) ** 2;
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
    }
  }
  return `bar-${best[0]}`;
}

/** Every class embedColorClass can answer, for a test that dashboard.css defines them all. */
export const EMBED_COLOR_CLASSES = PALETTE.map(([name]) => `bar-${name}`);
