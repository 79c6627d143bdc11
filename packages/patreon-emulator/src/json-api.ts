// JSON:API as Patreon's v2 writes it: errors as {"errors":[{code, code_name, detail, id, status,
// title}]} with `status` a string and a fresh id per error; resources as {type, id, attributes,
// relationships?}; related resources once each in `included`, however many resources point at them.
import { randomUUID } from 'node:crypto';
import type { Attributes } from './attributes.ts';

export interface ErrorObject {
  code: number | null;
  code_name: string;
  detail: string;
  id: string;
  status: string;
  title: string;
  [extra: string]: unknown;
}

/** A refusal a route throws; the server writes it as the response. */
export class JsonApiError extends Error {
  constructor(
    readonly status: number,
    readonly codeName: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${codeName}: ${detail}`);
  }

  get body(): { errors: ErrorObject[] } {
    return { errors: [errorObject(this.status, this.codeName, this.title, this.detail, this.extra)] };
  }
}

export function errorObject(status: number, codeName: string, title: string, detail: string, extra: Record<string, unknown> = {}): ErrorObject {
  return { code: null, code_name: codeName, detail, id: randomUUID(), status: String(status), title, ...extra };
}

export const unauthorized = () =>
  new JsonApiError(401, 'Unauthorized', 'Unauthorized', 'The access token is missing, unknown, expired or revoked.', { code: 1 });
export const forbidden = (detail: string) => new JsonApiError(403, 'Forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new JsonApiError(404, 'ResourceMissing', 'Not found', detail);
export const invalidParameter = (detail: string) => new JsonApiError(400, 'ParameterInvalid', 'Invalid parameter', detail);

export interface ResourceIdentifier {
  type: string;
  id: string;
}

export interface Relationship {
  data: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { related: string };
}

export interface Resource extends ResourceIdentifier {
  attributes: Attributes;
  relationships?: Record<string, Relationship>;
}

/** Only the attributes asked for; none when fields[type] was not given (v2's rule). */
export function sparse(full: Attributes, names: readonly string[] | undefined, withheld: ReadonlySet<string> = new Set()): Attributes {
  if (!names) return {};
  return Object.fromEntries(names.filter((name) => !withheld.has(name)).map((name) => [name, full[name]]));
}

/** The `included` array: first come, once per type and id. */
export class Included {
  readonly #resources = new Map<string, Resource>();

  add(resource: Resource): ResourceIdentifier {
    const key = `${resource.type} ${resource.id}`;
    if (!this.#resources.has(key)) this.#resources.set(key, resource);
    return { type: resource.type, id: resource.id };
  }

  list(): Resource[] {
    return [...this.#resources.values()];
  }
}
