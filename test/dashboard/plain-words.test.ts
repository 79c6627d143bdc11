import { describe, expect, it } from 'vitest';
import { plainWords } from '../../src/dashboard/plain-words.ts';

const NOW = Date.UTC(2026, 11, 1, 12);

describe('a command answer as plain words', () => {
  it('unwraps Markdown and writes Discord times as text', () => {
    const at = NOW / 1000 + 3 * 3600;
    expect(plainWords(`Added **Frieren** as \`frieren\`. Episode 1 airs <t:${at}> (<t:${at}:R>).`, NOW)).toBe(
      'Added Frieren as "frieren". Episode 1 airs 2026-12-01 15:00 UTC (in 3 hours).',
    );
    expect(plainWords(`<t:${NOW / 1000 - 120}:R> and <t:${NOW / 1000 + 5 * 86_400}:R>`, NOW)).toBe('2 minutes ago and in 5 days');
    expect(plainWords('A \\*starred\\* name', NOW)).toBe('A *starred* name');
  });
});
