// A command's answer is Discord Markdown (**bold**, `code`, <t:…> times); the dashboard shows
// and the API returns it as plain text.
export function plainWords(markdown: string): string {
  return markdown
    .replace(/<t:(\d+)(?::[a-zA-Z])?>/g, (_match, seconds: string) => new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z'))
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '"$1"')
    .replace(/\\([*_`~|>\\])/g, '$1');
}
