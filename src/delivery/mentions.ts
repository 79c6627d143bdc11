// Subscriber pings, split so each message stays under Discord's 2,000 characters and names at
// most 100 users in allowed_mentions (Discord's limit), pinging exactly the users it names.
const MAX_CONTENT = 2000;
const MAX_USERS_PER_MESSAGE = 100;

export interface MentionChunk {
  content: string;
  userIds: string[];
}

export function mentionChunks(userIds: readonly string[], lead = ''): MentionChunk[] {
  const chunks: MentionChunk[] = [];
  let current: MentionChunk = { content: lead, userIds: [] };
  for (const userId of new Set(userIds)) {
    const mention = `<@${userId}>`;
    const separator = current.content.length > 0 ? ' ' : '';
    if (current.content.length + separator.length + mention.length > MAX_CONTENT || current.userIds.length >= MAX_USERS_PER_MESSAGE) {
      chunks.push(current);
      current = { content: mention, userIds: [userId] };
    } else {
      current = { content: `${current.content}${separator}${mention}`, userIds: [...current.userIds, userId] };
    }
  }
  if (current.userIds.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
