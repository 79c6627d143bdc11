// The airing sync's window: far enough back to catch an episode whose notification is still
// due after a restart, far enough ahead for reminders and the weekly schedule view.
export const SYNC_WINDOW_BACK_MS = 6 * 3_600_000;
export const SYNC_WINDOW_AHEAD_MS = 7 * 24 * 3_600_000;
/** AniList details (titles, status, links) are fetched again when older than this. */
export const MEDIA_MAX_AGE_MS = 24 * 3_600_000;
