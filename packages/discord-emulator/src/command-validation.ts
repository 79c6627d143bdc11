// Discord's checks on a bulk command overwrite (interactions/application-commands): names
// match ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ and are lower-case where a lower case
// exists (chat-input commands and all options), descriptions are 1–100 characters ("" for
// user/message commands), ≤25 options and ≤25 choices, required options before optional ones,
// sub-commands only where Discord allows them. Failures are 50035 with the index path.
// Error codes Discord does not document are named after the rule they enforce.
import { issue, isPlainObject, type FormIssue, type FormPath } from './api-errors.ts';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const OPTION_TYPES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const COMMAND_TYPES = [1, 2, 3, 4];
const PER_TYPE_LIMIT: Record<number, number> = { 1: 100, 2: 15, 3: 15, 4: 1 };

export function validateCommands(body: unknown): FormIssue[] {
  if (!Array.isArray(body)) return [issue.type([], 'array')];
  const issues: FormIssue[] = [];
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  for (const [index, command] of body.entries()) {
    if (!isPlainObject(command)) {
      issues.push(issue.type([index], 'object'));
      continue;
    }
    const type = command.type ?? 1;
    if (typeof type !== 'number' || !COMMAND_TYPES.includes(type)) {
      issues.push(issue.choices([index, 'type'], COMMAND_TYPES));
      continue;
    }
    perType.set(type, (perType.get(type) ?? 0) + 1);
    issues.push(...validateCommand(command, type, [index]));
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) issues.push({ path: [], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    seen.add(key);
  }
  for (const [type, count] of perType) {
    const limit = PER_TYPE_LIMIT[type] ?? 100;
    if (count > limit) issues.push({ path: [], code: 'APPLICATION_COMMANDS_TOO_MANY', message: `Must be ${limit} or fewer of type ${type}.` });
  }
  return issues;
}

function validateCommand(command: Record<string, unknown>, type: number, path: FormPath): FormIssue[] {
  const issues: FormIssue[] = [];
  const chatInput = type === 1;
  if (chatInput) issues.push(...validateName(command.name, [...path, 'name']));
  else if (typeof command.name !== 'string' || command.name.length < 1 || command.name.length > 32) issues.push(issue.badLength([...path, 'name'], 1, 32));
  if (chatInput) issues.push(...validateDescription(command.description, [...path, 'description']));
  else if (command.description !== undefined && command.description !== '') {
    issues.push({
      path: [...path, 'description'],
      code: 'APPLICATION_COMMAND_INVALID_DESCRIPTION',
      message: 'Description must be empty for this command type',
    });
  }
  if (
    command.default_member_permissions !== undefined &&
    command.default_member_permissions !== null &&
    !/^\d+$/.test(String(command.default_member_permissions))
  ) {
    issues.push(issue.type([...path, 'default_member_permissions'], 'integer'));
  }
  if (command.options !== undefined) {
    if (!chatInput)
      issues.push({ path: [...path, 'options'], code: 'APPLICATION_COMMAND_OPTIONS_INVALID', message: 'Only chat input commands can have options' });
    else issues.push(...validateOptions(command.options, [...path, 'options'], 'command'));
  }
  return issues;
}

/** Where the options sit decides what they may be: groups hold only sub-commands, which hold only values. */
function validateOptions(options: unknown, path: FormPath, parent: 'command' | 'group' | 'subcommand'): FormIssue[] {
  if (!Array.isArray(options)) return [issue.type(path, 'array')];
  if (options.length > 25) return [issue.maxLength(path, 25)];
  const issues: FormIssue[] = [];
  let sawOptional = false;
  const names = new Set<string>();
  for (const [index, option] of options.entries()) {
    const at = [...path, index];
    if (!isPlainObject(option)) {
      issues.push(issue.type(at, 'object'));
      continue;
    }
    const type = option.type;
    if (typeof type !== 'number' || !OPTION_TYPES.includes(type)) {
      issues.push(issue.choices([...at, 'type'], OPTION_TYPES));
      continue;
    }
    const nested = type === SUB_COMMAND || type === SUB_COMMAND_GROUP;
    if ((parent === 'group' && type !== SUB_COMMAND) || (parent === 'subcommand' && nested)) {
      issues.push({
        path: [...at, 'type'],
        code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
      });
    }
    issues.push(...validateName(option.name, [...at, 'name']));
    issues.push(...validateDescription(option.description, [...at, 'description']));
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        issues.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
      names.add(option.name);
    }
    if (nested) {
      if (option.options !== undefined)
        issues.push(...validateOptions(option.options, [...at, 'options'], type === SUB_COMMAND_GROUP ? 'group' : 'subcommand'));
      continue;
    }
    if (option.required === true && sawOptional) {
      issues.push({
        path: [...at, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) sawOptional = true;
    if (option.choices !== undefined) issues.push(...validateChoices(option.choices, [...at, 'choices']));
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
      issues.push({ path: [...at, 'autocomplete'], code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', message: 'Autocomplete cannot be set with choices' });
    }
  }
  return issues;
}

function validateChoices(choices: unknown, path: FormPath): FormIssue[] {
  if (!Array.isArray(choices)) return [issue.type(path, 'array')];
  if (choices.length > 25) return [issue.maxLength(path, 25)];
  const issues: FormIssue[] = [];
  for (const [index, choice] of choices.entries()) {
    if (!isPlainObject(choice)) {
      issues.push(issue.type([...path, index], 'object'));
      continue;
    }
    if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) issues.push(issue.badLength([...path, index, 'name'], 1, 100));
    if (typeof choice.value === 'string' && choice.value.length > 100) issues.push(issue.maxLength([...path, index, 'value'], 100));
    if (choice.value === undefined) issues.push(issue.required([...path, index, 'value']));
  }
  return issues;
}

function validateName(name: unknown, path: FormPath): FormIssue[] {
  if (typeof name !== 'string') return [issue.required(path)];
  if (!NAME.test(name) || name !== name.toLowerCase()) return [{ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }];
  return [];
}

function validateDescription(description: unknown, path: FormPath): FormIssue[] {
  if (typeof description !== 'string') return [issue.required(path)];
  if (description.length < 1 || description.length > 100) return [issue.badLength(path, 1, 100)];
  return [];
}
