// Reading Discord-style request bodies and writing responses. Bodies come as JSON, or as
// multipart/form-data when files are attached (the JSON then travels in `payload_json`,
// which is what @discordjs/rest sends), so both end up as one parsed body plus file names.
// The OAuth2 endpoints are the exception: they take application/x-www-form-urlencoded only
// (RFC 6749 §4.1.3), and a browser's form posts arrive the same way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidJson, isPlainObject } from './api-errors.ts';

export interface ParsedBody {
  /** The JSON body (or payload_json of a multipart body); undefined when none was sent. */
  json: unknown;
  files: AttachedFile[];
}

export interface AttachedFile {
  field: string;
  filename: string;
  size: number;
  contentType: string;
}

export async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  try {
    return { json: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    throw invalidJson();
  }
}

export interface ParsedForm {
  /** The fields, or null when the body was not application/x-www-form-urlencoded. */
  form: URLSearchParams | null;
  /** What the request log keeps: the fields as an object, or the body as JSON when it was JSON. */
  recorded: unknown;
}

/** Never throws: a form route decides itself how to refuse another content type. */
export function parseForm(raw: Buffer, contentType: string | undefined): ParsedForm {
  const text = raw.toString('utf8');
  if (mediaType(contentType) === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    return { form, recorded: Object.fromEntries(form) };
  }
  if (raw.length === 0) return { form: null, recorded: undefined };
  try {
    return { form: null, recorded: JSON.parse(text) as unknown };
  } catch {
    return { form: null, recorded: text };
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // The platform's own multipart parser (undici) rather than a hand-rolled one.
  const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  const files: AttachedFile[] = [];
  let json: unknown = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field !== 'payload_json') continue;
      try {
        json = JSON.parse(value) as unknown;
      } catch {
        throw invalidJson();
      }
    } else {
      files.push({ field, filename: value.name, size: value.size, contentType: value.type });
    }
  }
  return { json: isPlainObject(json) ? json : {}, files };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

export function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
  response.end(html);
}

/** Request headers as recorded for tests: lower-case names, the credential itself never kept. */
export function recordableHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? redactAuthorization(text) : text;
  }
  return headers;
}

function redactAuthorization(value: string): string {
  const scheme = value.split(' ')[0];
  return scheme && scheme !== value ? `${scheme} [redacted]` : '[redacted]';
}

/** Webhook and interaction tokens travel in the path; recorded paths carry a marker instead. */
export function redactPathTokens(path: string): string {
  return path.replace(/^(\/webhooks\/\d+\/)([^/]+)/, '$1[token]').replace(/^(\/interactions\/\d+\/)([^/]+)/, '$1[token]');
}
