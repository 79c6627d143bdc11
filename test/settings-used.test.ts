// Every setting does something: an operator who sets one must not be left wondering why
// nothing changed. A setting counts as used when code outside src/config.ts reads it.
//
// How a read is found: every file under src/ is parsed with the TypeScript parser (syntax
// only, so comments, log messages and help texts that merely name a setting never count), and
// these are reads of NAME:
//   - a property access `anything.NAME` (config.NAME, settings.NAME, deps.config.NAME),
//   - an element access with a literal name `anything['NAME']`,
//   - a destructuring `{ NAME } = …` or `{ NAME: alias } = …` (in a parameter, too).
// Not reads: a key in an object literal (`{ NAME: value }` writes the setting, as the sandbox
// does) and a field in a type or interface (it only says a function may receive it).
// Excluded files: src/config.ts, which defines and validates the settings, and
// src/logging/configured-secrets.ts, which reads secret settings only to scrub their values
// from logs: a setting that is only redacted still does nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../src/config.ts';

const EXCLUDED = new Set(['src/config.ts', 'src/logging/configured-secrets.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The names among `names` that `source` reads, by the rules above. */
function settingReads(source: string, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && names.has(node.name.text)) found.add(node.name.text);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && names.has(node.argumentExpression.text)) {
      found.add(node.argumentExpression.text);
    }
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if ((ts.isIdentifier(key) || ts.isStringLiteralLike(key)) && names.has(key.text)) found.add(key.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('settings', () => {
  it('are each read by something outside config.ts (redacting a secret from logs does not count)', () => {
    const names = new Set<string>(SETTING_NAMES);
    const read = new Set<string>();
    for (const path of sourceFiles('src')) {
      if (EXCLUDED.has(relative('.', path).split('\\').join('/'))) continue;
      for (const name of settingReads(readFileSync(path, 'utf8'), names)) read.add(name);
    }
    expect(SETTING_NAMES.filter((name) => !read.has(name))).toEqual([]);
  });

  it('are found read only by code, never by a comment, a message, an object key or a type', () => {
    const names = new Set(['USED_A', 'USED_B', 'USED_C', 'USED_D', 'NAMED_ONLY']);
    const source = `
      // NAMED_ONLY in a comment, config.NAMED_ONLY in a comment
      /* config.NAMED_ONLY */
      interface Settings { NAMED_ONLY: string }
      type Picked = Pick<Config, 'NAMED_ONLY'>;
      const written = { NAMED_ONLY: 'sandbox value' };
      log('set NAMED_ONLY to enable this', \`config.NAMED_ONLY\`);
      const a = config.USED_A;
      const b = deps.config['USED_B'];
      const { USED_C, other } = config;
      function f({ USED_D: alias }: Settings) { return alias; }
    `;
    expect([...settingReads(source, names)].sort()).toEqual(['USED_A', 'USED_B', 'USED_C', 'USED_D']);
  });
});
