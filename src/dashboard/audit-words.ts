// An audit log entry's change in plain words, for the page and the API's `summary`: what was
// done, to which anime, channel, setting or role. Channels and roles are named by id, as the
// log keeps them.
import type { AuditChange, UnknownChange } from '../domain/audit.ts';

const quoted = (text: string) => `“${text}”`;
const minutes = (value: number | null, off: string) => (value === null || value === 0 ? off : `${value} min`);

export function describeChange(change: AuditChange | UnknownChange): string {
  switch (change.action) {
    case 'anime.add':
      return `Added ${change.details.title ?? `AniList #${change.details.mediaId}`} as ${quoted(change.details.nickname)}`;
    case 'anime.remove':
      return `Removed ${quoted(change.details.nickname)}${change.details.title ? ` (${change.details.title})` : ''}`;
    case 'anime.rename':
      return `Renamed ${quoted(change.details.from)} to ${quoted(change.details.to)}`;
    case 'import':
      return `Imported ${change.details.added} anime from a list with /anime import`;
    case 'channel.set':
      return `Set the notification channel to #${change.details.channelId}${change.details.previousChannelId ? ` (was #${change.details.previousChannelId})` : ''}`;
    case 'channel.remove':
      return `Turned notifications off${change.details.channelId ? ` (they went to #${change.details.channelId})` : ''}`;
    case 'settings.change': {
      const { reminderMinutes, delayMinutes, titleLanguage } = change.details;
      const parts = [
        reminderMinutes && `reminder ${minutes(reminderMinutes.from, 'off')} → ${minutes(reminderMinutes.to, 'off')} before airing`,
        delayMinutes && `delay ${minutes(delayMinutes.from, 'none')} → ${minutes(delayMinutes.to, 'none')} after airing`,
        titleLanguage && `titles ${titleLanguage.from} → ${titleLanguage.to}`,
      ].filter(Boolean);
      return `Changed settings: ${parts.join('; ')}`;
    }
    case 'lock.add':
      return `Limited /anime ${change.details.command} to the role ${change.details.roleId}`;
    case 'lock.remove':
      return `Lifted the limit of /anime ${change.details.command} to the role ${change.details.roleId}`;
    case 'unknown':
      return `Made a change this version of AniTrack cannot describe (${change.details.action})`;
  }
}
