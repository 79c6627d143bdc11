// The bell button under a notification carries its anime in the custom id. The notification
// writes that id and the bell's component handler reads it back, so both take its spelling
// from here rather than one of them reaching into the other.
export const BELL_PREFIX = 'bell';

export function bellCustomId(mediaId: number): string {
  return `${BELL_PREFIX}:${mediaId}`;
}
