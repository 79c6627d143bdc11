// Discord ids are snowflakes: milliseconds since the Discord epoch in the top 42 bits, then
// worker/process/increment. Real clients read time back out of them (@discordjs/rest does, to
// pick the "old message" delete bucket), and its route hashing only recognises 17–19 digit
// ids, so the fake makes real ones from the clock instead of counting from 1.

export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface SnowflakeFactory {
  /** A new id, strictly greater than every id this factory made before. */
  next(): string;
}

export function createSnowflakes(now: () => number = Date.now): SnowflakeFactory {
  let last = 0n;
  let increment = 0n;
  return {
    next() {
      const candidate = ((BigInt(now()) - DISCORD_EPOCH_MS) << 22n) | (increment++ & 0xfffn);
      // Several ids in the same millisecond, or a clock that stepped back: stay increasing.
      last = candidate > last ? candidate : last + 1n;
      return last.toString();
    },
  };
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}
