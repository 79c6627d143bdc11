import { describe, expect, it } from 'vitest';
import { snowflakeTime } from '../../src/domain/snowflake.ts';

describe('snowflakeTime', () => {
  it("reads the time Discord's documentation gives for its example id", () => {
    expect(new Date(snowflakeTime('175928847299117063')!).toISOString()).toBe('2016-04-30T11:18:25.796Z');
  });
  it('refuses text that is not an id', () => {
    expect(snowflakeTime('abc')).toBeUndefined();
    expect(snowflakeTime('')).toBeUndefined();
  });
});
