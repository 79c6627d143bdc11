// A command's answer is Discord Markdown (**bold**, `code`, <t:…> times); the dashboard shows
// and the API returns it as plain text. A time Discord would show relative ("in 3 hours") is
// written so; any other is written in UTC, since the server does not know the reader's zone
// (the pages show their own times in it).
export function plainWords(markdown: string, now: number): string {
  return markdown
    .replace(/<t:(\d+)(?::([a-zA-Z]))?>/g, (_match, seconds: string, style: string | undefined) =>
      style === 'R' ? relative(Number(seconds) * 1000 - now) : `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    )
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '"$1"')
    .replace(/\\([*_`~|>\\])/g, '$1');
}

function relative(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount =
    minutes < 60 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : minutes < 2880 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes / 1440)} days`;
  return ms >= 0 ? `in ${amount}` : `${amount} ago`;
}
