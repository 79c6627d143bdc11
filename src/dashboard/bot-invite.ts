// The link that adds the bot to a server: scopes bot and applications.commands, with the
// permissions notifications need (View Channel, Send Messages, Embed Links, Manage Webhooks).
const PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 29n);

export function botInviteUrl(authorizeUrl: string, clientId: string, guildId?: string): string {
  const url = new URL(authorizeUrl);
  url.search = new URLSearchParams({
    client_id: clientId,
    scope: 'bot applications.commands',
    permissions: PERMISSIONS.toString(),
    integration_type: '0',
    ...(guildId && { guild_id: guildId, disable_guild_select: 'true' }),
  }).toString();
  return url.toString();
}
