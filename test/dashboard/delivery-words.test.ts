// The delivery log's words for what the worker recorded: Discord's answers and its own reasons.
import { describe, expect, it } from 'vitest';
import { deliveryReason, statusText } from '../../src/dashboard/delivery-words.ts';
import { readFileSync } from 'node:fs';
import { EMBED_COLOR_CLASSES, embedColorClass } from '../../src/dashboard/pages/embed-colors.ts';

describe('delivery log words', () => {
  it("says what Discord answered, keeping Discord's own words", () => {
    expect(deliveryReason({ status: 'failed', lastError: 'HTTP 502: Bad Gateway (gave up after 5 attempts)' })).toBe(
      'Discord had a problem on its side (Discord said “Bad Gateway”, HTTP 502); gave up after 5 attempts.',
    );
    expect(deliveryReason({ status: 'failed', lastError: 'HTTP 403 (50013): Missing Permissions' })).toBe(
      'AniTrack is missing a permission in the channel (Discord said “Missing Permissions”, HTTP 403, code 50013).',
    );
    expect(deliveryReason({ status: 'pending', lastError: 'network error: connect ECONNREFUSED' })).toBe(
      'Will try again: Discord could not be reached (connect ECONNREFUSED).',
    );
    expect(deliveryReason({ status: 'pending', lastError: 'HTTP 429: You are being rate limited.' })).toBe(
      'Will try again: Discord asked AniTrack to slow down (Discord said “You are being rate limited.”, HTTP 429).',
    );
  });

  it("says the worker's and the planner's own reasons as sentences", () => {
    expect(deliveryReason({ status: 'skipped', lastError: 'too late to be useful after downtime' })).toBe('Too late to be useful after downtime.');
    expect(deliveryReason({ status: 'cancelled', lastError: 'the anime was removed from the list' })).toBe('The anime was removed from the list.');
    expect(deliveryReason({ status: 'cancelled', lastError: null })).toBe('Cancelled before it was due.');
    expect(deliveryReason({ status: 'pending', lastError: 'the episode moved' })).toBe('The episode moved; it goes out at the new time.');
    expect(deliveryReason({ status: 'sent', lastError: null })).toBeNull();
    expect(deliveryReason({ status: 'pending', lastError: null })).toBeNull();
  });

  it('calls a pending delivery that failed before "Retrying"', () => {
    expect(statusText({ status: 'pending', attempts: 0, lastError: null })).toBe('Scheduled');
    expect(statusText({ status: 'pending', attempts: 2, lastError: 'HTTP 502' })).toBe('Retrying');
    expect(statusText({ status: 'skipped', attempts: 1, lastError: 'too late' })).toBe('Skipped');
  });

  it('draws an embed colour with the nearest colour of the palette', () => {
    expect(embedColorClass(0x99aab5)).toBe('bar-grey');
    expect(embedColorClass(0x02a9ff)).toBe('bar-anilist');
    expect(embedColorClass(0xe4a15d)).toBe('bar-sand');
    expect(embedColorClass(0xff8800)).toBe('bar-orange');
    expect(embedColorClass(0x43a047)).toBe('bar-green');
    expect(embedColorClass(undefined)).toBe('bar-grey');
    // Each colour is a class of the stylesheet (the page has no inline style).
    const css = readFileSync(new URL('../../src/dashboard/assets/dashboard.css', import.meta.url), 'utf8');
    for (const name of EMBED_COLOR_CLASSES) expect(css).toMatch(new RegExp(`\\.${name} \\{\\s+border-left-color: #[0-9a-f]{6};`));
  });
});
