// Discord ids carry the time they were made: milliseconds since Discord's epoch (2015), shifted
// left by 22 bits.
const DISCORD_EPOCH_MS = 1_420_070_400_000;

/** When Discord made the id, in epoch ms; undefined for text that is not an id. */
export function snowflakeTime(id: string): number | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined;
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}
