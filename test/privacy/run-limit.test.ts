// The owner action's limit: one run per member per window, each member counted on their own.
import { describe, expect, it } from 'vitest';
import { createRunLimit } from '../../src/privacy/run-limit.ts';

const MINUTE = 60_000;

describe('a run limit of once per 10 minutes', () => {
  it('refuses a second run until the window has passed, saying when, and counts each member apart', () => {
    const limit = createRunLimit(10 * MINUTE);
    expect(limit.blockedUntil('ann', 0)).toBeUndefined();
    expect(limit.take('ann', 0)).toBeUndefined();
    expect(limit.take('ann', 9 * MINUTE)).toBe(10 * MINUTE);
    expect(limit.blockedUntil('ann', 9 * MINUTE)).toBe(10 * MINUTE);
    expect(limit.take('bob', 9 * MINUTE)).toBeUndefined();
    // A refused run does not move the window on.
    expect(limit.take('ann', 10 * MINUTE)).toBeUndefined();
    expect(limit.take('ann', 15 * MINUTE)).toBe(20 * MINUTE);
  });
});
