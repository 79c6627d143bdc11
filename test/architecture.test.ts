// docs/architecture.md draws which part of src/ may import which; this reads its table and checks
// every import in src/ against it, so the page and the code cannot drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

function importRules(): Map<string, Set<string> | '*'> {
  const page = readFileSync('docs/architecture.md', 'utf8');
  const section = page.slice(page.indexOf('## Import rules'));
  const rules = new Map<string, Set<string> | '*'>();
  for (const match of section.matchAll(/^\| `([a-z-]+)` \|[^|]*\|([^|]*)\|$/gm)) {
    const allowed = match[2]!.trim();
    rules.set(
      match[1]!,
      allowed === '*'
        ? '*'
        : new Set(
            allowed
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean),
          ),
    );
  }
  return rules;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The part a file under src/ belongs to: its top folder, or its own name for a top-level file. */
function partOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split('/');
  return rest.length > 0 ? first! : first!.replace(/\.(ts|mjs|js)$/, '');
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((match) => normalize(join(dirname(file), match[1]!)));
}

describe('the stand-in packages', () => {
  it('import nothing of AniTrack: each stays inside its own folder', () => {
    const broken: string[] = [];
    for (const name of readdirSync('packages')) {
      const root = join('packages', name);
      for (const file of sourceFiles(root)) {
        for (const target of relativeImports(file)) if (!target.startsWith(`${root}/`)) broken.push(`${file} imports ${target}`);
        const packages = [...readFileSync(file, 'utf8').matchAll(/from\s+['"]@anitrack\/([a-z-]+)['"]/g)].map((match) => match[1]);
        if (packages.some((other) => other !== name)) broken.push(`${file} imports another AniTrack package`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('the import rules in docs/architecture.md', () => {
  const rules = importRules();
  const files = sourceFiles(SRC);

  it('describe every part of src/', () => {
    const parts = [...new Set(files.map(partOf))].sort();
    expect(parts.filter((part) => !rules.has(part))).toEqual([]);
  });

  it('hold for every import in src/', () => {
    const broken: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      const allowed = rules.get(from);
      for (const target of relativeImports(file)) {
        if (!target.startsWith(`${SRC}/`)) {
          broken.push(`${file} imports ${target}, outside src/`);
          continue;
        }
        const to = partOf(target);
        if (to === from || allowed === '*' || allowed?.has(to)) continue;
        broken.push(`${file} (${from}) imports ${relative(SRC, target)} (${to})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
