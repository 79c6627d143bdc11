// Discord renders <t:seconds:style> in each reader's own time zone and language.
export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

export function discordTime(epochMs: number, style: TimestampStyle = 'f'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}
