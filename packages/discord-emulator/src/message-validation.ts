// What Discord refuses in a message body (resources/message, resources/webhook "Execute"):
// content over 2000, more than 10 embeds, embed parts over their limits or over 6000 in total,
// malformed allowed_mentions, and webhook names containing "clyde" or "discord". Interaction
// callbacks carry the same body under `data`, hence the path prefix.
import { issue, isPlainObject, type FormIssue, type FormPath } from './api-errors.ts';

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  mentionIds: 100,
} as const;

const MENTION_TYPES = ['roles', 'users', 'everyone'];

export function validateMessageBody(body: Record<string, unknown>, prefix: FormPath = []): FormIssue[] {
  const issues: FormIssue[] = [];
  const at = (...path: (string | number)[]) => [...prefix, ...path];
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') issues.push(issue.type(at('content'), 'string'));
    else if (body.content.length > MESSAGE_LIMITS.content) issues.push(issue.maxLength(at('content'), MESSAGE_LIMITS.content));
  }
  if (body.embeds !== undefined && body.embeds !== null) issues.push(...validateEmbeds(body.embeds, at('embeds')));
  if (body.components !== undefined && body.components !== null && !Array.isArray(body.components)) issues.push(issue.type(at('components'), 'array'));
  if (body.allowed_mentions !== undefined && body.allowed_mentions !== null)
    issues.push(...validateAllowedMentions(body.allowed_mentions, at('allowed_mentions')));
  if (body.username !== undefined) issues.push(...validateWebhookName(body.username, at('username')));
  if (body.flags !== undefined && body.flags !== null && !Number.isInteger(body.flags)) issues.push(issue.type(at('flags'), 'integer'));
  return issues;
}

/** Discord's rule: at least one of content, embeds, components, files, poll or stickers. */
export function isEmptyMessage(body: Record<string, unknown>, fileCount: number): boolean {
  const nonEmptyArray = (value: unknown) => Array.isArray(value) && value.length > 0;
  return (
    !(typeof body.content === 'string' && body.content.length > 0) &&
    !nonEmptyArray(body.embeds) &&
    !nonEmptyArray(body.components) &&
    !nonEmptyArray(body.sticker_ids) &&
    body.poll === undefined &&
    fileCount === 0
  );
}

/** Webhook names (and per-message username overrides): 1–80 characters, no "clyde" or "discord". */
export function validateWebhookName(name: unknown, path: FormPath): FormIssue[] {
  if (typeof name !== 'string') return [issue.required(path)];
  if (name.length < 1 || name.length > 80) return [issue.badLength(path, 1, 80)];
  for (const word of ['clyde', 'discord']) {
    if (name.toLowerCase().includes(word)) return [{ path, code: 'USERNAME_INVALID_CONTAINS', message: `Username cannot contain "${word}"` }];
  }
  return [];
}

function validateEmbeds(embeds: unknown, path: FormPath): FormIssue[] {
  if (!Array.isArray(embeds)) return [issue.type(path, 'array')];
  if (embeds.length > MESSAGE_LIMITS.embeds) return [issue.maxLength(path, MESSAGE_LIMITS.embeds)];
  const issues: FormIssue[] = [];
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    if (!isPlainObject(embed)) {
      issues.push(issue.type([...path, index], 'object'));
      continue;
    }
    const result = validateEmbed(embed, [...path, index]);
    issues.push(...result.issues);
    total += result.size;
  }
  if (total > MESSAGE_LIMITS.embedTotal) {
    issues.push({ path, code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}` });
  }
  return issues;
}

/** Checks one embed and measures it the way the 6000 total counts (title, description, fields, footer, author). */
function validateEmbed(embed: Record<string, unknown>, path: FormPath): { issues: FormIssue[]; size: number } {
  const issues: FormIssue[] = [];
  let size = 0;
  const text = (value: unknown, at: FormPath, max: number, required = false) => {
    if (value === undefined || value === null) {
      if (required) issues.push(issue.required(at));
      return;
    }
    if (typeof value !== 'string') return void issues.push(issue.type(at, 'string'));
    if (required && value.trim().length === 0) issues.push(issue.required(at));
    if (value.length > max) issues.push(issue.maxLength(at, max));
    size += value.length;
  };
  text(embed.title, [...path, 'title'], MESSAGE_LIMITS.title);
  text(embed.description, [...path, 'description'], MESSAGE_LIMITS.description);
  if (isPlainObject(embed.footer)) text(embed.footer.text, [...path, 'footer', 'text'], MESSAGE_LIMITS.footer, true);
  if (isPlainObject(embed.author)) text(embed.author.name, [...path, 'author', 'name'], MESSAGE_LIMITS.authorName, true);
  if (embed.color !== undefined && embed.color !== null && !(Number.isInteger(embed.color) && Number(embed.color) >= 0 && Number(embed.color) <= 0xffffff)) {
    issues.push({ path: [...path, 'color'], code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' });
  }
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) issues.push(issue.type([...path, 'fields'], 'array'));
    else if (embed.fields.length > MESSAGE_LIMITS.fields) issues.push(issue.maxLength([...path, 'fields'], MESSAGE_LIMITS.fields));
    else {
      for (const [index, field] of embed.fields.entries()) {
        if (!isPlainObject(field)) {
          issues.push(issue.type([...path, 'fields', index], 'object'));
          continue;
        }
        text(field.name, [...path, 'fields', index, 'name'], MESSAGE_LIMITS.fieldName, true);
        text(field.value, [...path, 'fields', index, 'value'], MESSAGE_LIMITS.fieldValue, true);
      }
    }
  }
  return { issues, size };
}

function validateAllowedMentions(value: unknown, path: FormPath): FormIssue[] {
  if (!isPlainObject(value)) return [issue.type(path, 'object')];
  const issues: FormIssue[] = [];
  const parse = value.parse ?? [];
  if (!Array.isArray(parse)) issues.push(issue.type([...path, 'parse'], 'array'));
  else {
    for (const [index, type] of parse.entries()) {
      if (typeof type !== 'string' || !MENTION_TYPES.includes(type)) issues.push(issue.choices([...path, 'parse', index], MENTION_TYPES));
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const ids = value[kind];
    if (ids === undefined) continue;
    if (!Array.isArray(ids)) {
      issues.push(issue.type([...path, kind], 'array'));
      continue;
    }
    if (ids.length > MESSAGE_LIMITS.mentionIds) issues.push(issue.maxLength([...path, kind], MESSAGE_LIMITS.mentionIds));
    if (ids.length > 0 && Array.isArray(parse) && parse.includes(kind)) {
      issues.push({
        path,
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
  return issues;
}
