// Reading a v2 request's `include` and `fields[type]` parameters. Brackets may arrive as they are
// or percent-encoded (%5B %5D); URLSearchParams decodes both to the same name. An include or a
// field the endpoint does not know is refused with 400, as Patreon refuses unknown parameters.
import { ATTRIBUTE_NAMES, type ResourceType } from './attributes.ts';
import { invalidParameter } from './json-api.ts';

export interface ResourceQuery {
  include: ReadonlySet<string>;
  fields: Partial<Record<ResourceType, readonly string[]>>;
}

const FIELDS_PARAM = /^fields\[([a-z_]+)\]$/;
const isResourceType = (type: string): type is ResourceType => Object.hasOwn(ATTRIBUTE_NAMES, type);

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function readResourceQuery(params: URLSearchParams, includable: readonly string[]): ResourceQuery {
  const include = new Set<string>();
  for (const path of list(params.getAll('include').join(','))) {
    if (!includable.includes(path)) throw invalidParameter(`include=${path} is not one of: ${includable.join(', ')}.`);
    // JSON:API: including a path includes every resource along it.
    const steps = path.split('.');
    for (let length = 1; length <= steps.length; length++) include.add(steps.slice(0, length).join('.'));
  }
  const fields: Partial<Record<ResourceType, string[]>> = {};
  for (const [name, value] of params) {
    const type = FIELDS_PARAM.exec(name)?.[1];
    if (type === undefined) {
      if (name.startsWith('fields')) throw invalidParameter(`"${name}" is not a fields[type] parameter.`);
      continue;
    }
    if (!isResourceType(type)) throw invalidParameter(`fields[${type}]: this API has no resource type "${type}".`);
    const names = list(value);
    const unknown = names.filter((field) => !ATTRIBUTE_NAMES[type].has(field));
    if (unknown.length > 0)
      throw invalidParameter(`fields[${type}]: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an attribute' : 'are not attributes'} of ${type}.`);
    fields[type] = [...new Set([...(fields[type] ?? []), ...names])];
  }
  return { include, fields };
}
