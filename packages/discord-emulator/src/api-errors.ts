// Discord's JSON error bodies: {"message","code"} and, for 50035 Invalid Form Body, an
// `errors` tree whose leaves are {"_errors":[{code,message}]} keyed by the failing field's
// path (array indexes as string keys). Route handlers throw ApiError; the server turns it
// into the response, so each handler reads as the happy path plus its refusals.

export type FormPath = readonly (string | number)[];

export interface FormIssue {
  path: FormPath;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message: string; code: number; errors?: unknown },
  ) {
    super(`${status} ${body.code}: ${body.message}`);
  }
}

const error = (status: number, code: number, message: string) => new ApiError(status, { message, code });

export const unauthorized = () => error(401, 0, '401: Unauthorized');
export const notFound = () => error(404, 0, '404: Not Found');
export const methodNotAllowed = () => error(405, 0, '405: Method Not Allowed');
export const unknownGuild = () => error(404, 10004, 'Unknown Guild');
export const unknownChannel = () => error(404, 10003, 'Unknown Channel');
export const unknownMember = () => error(404, 10007, 'Unknown Member');
export const unknownMessage = () => error(404, 10008, 'Unknown Message');
export const unknownRole = () => error(404, 10011, 'Unknown Role');
export const unknownWebhook = () => error(404, 10015, 'Unknown Webhook');
export const unknownInteraction = () => error(404, 10062, 'Unknown interaction');
export const maxWebhooks = () => error(400, 30007, 'Maximum number of webhooks reached (15)');
export const alreadyAcknowledged = () => error(400, 40060, 'Interaction has already been acknowledged.');
export const missingAccess = () => error(403, 50001, 'Missing Access');
export const emptyMessage = () => error(400, 50006, 'Cannot send an empty message');
export const missingPermissions = () => error(403, 50013, 'Missing Permissions');
export const invalidWebhookToken = () => error(401, 50027, 'Invalid Webhook Token');
export const invalidJson = () => error(400, 50109, 'The request body contains invalid JSON.');

export function invalidFormBody(issues: readonly FormIssue[]): ApiError {
  return new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: formErrorTree(issues) });
}

/** Throws 50035 when there is anything to complain about. */
export function assertValid(issues: readonly FormIssue[]): void {
  if (issues.length > 0) throw invalidFormBody(issues);
}

export function formErrorTree(issues: readonly FormIssue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const name = String(key);
      const child = node[name];
      node = isPlainObject(child) ? child : (node[name] = {});
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : (node._errors = []);
    list.push({ code: issue.code, message: issue.message });
  }
  return root;
}

// The wording Discord uses for its common form-validation failures.
export const issue = {
  required: (path: FormPath): FormIssue => ({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }),
  maxLength: (path: FormPath, max: number): FormIssue => ({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }),
  badLength: (path: FormPath, min: number, max: number): FormIssue => ({
    path,
    code: 'BASE_TYPE_BAD_LENGTH',
    message: `Must be between ${min} and ${max} in length.`,
  }),
  type: (path: FormPath, kind: 'string' | 'array' | 'object' | 'integer' | 'boolean'): FormIssue => ({
    path,
    code: kind === 'array' ? 'BASE_TYPE_ARRAY' : `${kind.toUpperCase()}_TYPE_COERCE`,
    message: kind === 'array' ? 'Must be an array.' : `Value is not a valid ${kind}.`,
  }),
  min: (path: FormPath, min: number): FormIssue => ({ path, code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${min}.` }),
  max: (path: FormPath, max: number): FormIssue => ({ path, code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${max}.` }),
  snowflake: (path: FormPath, value: string): FormIssue => ({ path, code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` }),
  choices: (path: FormPath, allowed: readonly (string | number)[]): FormIssue => ({
    path,
    code: 'BASE_TYPE_CHOICES',
    message: `Value must be one of {${allowed.join(', ')}}.`,
  }),
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
