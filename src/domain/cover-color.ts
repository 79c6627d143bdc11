// AniList gives each anime a cover colour as "#rrggbb"; Discord embeds want it as a number.
// Anime cards and notifications both wear it, so it lives where both can reach it.

/** The cover colour as an embed colour; undefined when AniList has none or it is malformed. */
export function colorOf(media: { coverColor: string | null }): number | undefined {
  return media.coverColor && /^#[0-9a-f]{6}$/i.test(media.coverColor) ? Number.parseInt(media.coverColor.slice(1), 16) : undefined;
}
