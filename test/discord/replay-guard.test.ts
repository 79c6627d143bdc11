// The memory of interaction ids already received: a repeat is caught within the window, and
// the memory stays bounded however many arrive.
import { describe, expect, it } from 'vitest';
import { createReplayGuard } from '../../src/discord/replay-guard.ts';

const WINDOW_MS = 5 * 60_000;

describe('the replay guard', () => {
  it('sees each id once while its timestamp is acceptable, and forgets it afterwards', () => {
    let now = 1_000_000_000_000;
    const guard = createReplayGuard({ now: () => now, windowMs: WINDOW_MS });
    expect(guard.firstSighting('1', now)).toBe(true);
    expect(guard.firstSighting('1', now)).toBe(false);
    expect(guard.firstSighting('2', now)).toBe(true);
    now += WINDOW_MS - 1;
    expect(guard.firstSighting('1', now - WINDOW_MS + 1)).toBe(false);
    now += 2;
    // By now the verifier refuses the old timestamp; the guard has let go of both ids.
    expect(guard.firstSighting('3', now)).toBe(true);
    expect(guard.size()).toBe(1);
  });

  it('keeps an id signed ahead of our clock until that timestamp is refused too', () => {
    let now = 1_000_000_000_000;
    const guard = createReplayGuard({ now: () => now, windowMs: WINDOW_MS });
    expect(guard.firstSighting('ahead', now + 4 * 60_000)).toBe(true);
    now += 8 * 60_000;
    expect(guard.firstSighting('ahead', now - 4 * 60_000)).toBe(false);
  });

  it('stays within its ceiling under a flood, dropping the oldest ids first', () => {
    const now = 1_000_000_000_000;
    const guard = createReplayGuard({ now: () => now, windowMs: WINDOW_MS, maxEntries: 1000 });
    for (let index = 0; index < 100_000; index++) guard.firstSighting(String(index), now);
    expect(guard.size()).toBe(1000);
    expect(guard.firstSighting('99999', now)).toBe(false);
    expect(guard.firstSighting('0', now)).toBe(true);
  });
});
