// The settings are documented in two places people read; both must name every setting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../src/config.ts';

const documented = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]).sort();

describe('settings documentation', () => {
  it('.env.example lists every setting, and only those', () => {
    expect(documented(readFileSync('.env.example', 'utf8'), /^([A-Z][A-Z0-9_]+)=/gm)).toEqual([...SETTING_NAMES].sort());
  });

  it("the README's settings table lists every setting, and only those", () => {
    expect(documented(readFileSync('README.md', 'utf8'), /^\| `([A-Z][A-Z0-9_]+)` \|/gm)).toEqual([...SETTING_NAMES].sort());
  });
});
