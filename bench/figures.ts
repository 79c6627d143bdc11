// How benchmarks report: each figure next to its limit measured in the same run, with the ratio
// of the two, since these machines are too noisy for absolute numbers to mean much alone.

/** `--name N` from the command line, or the fallback when absent or not a positive number. */
export function numberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A figure next to its limit: `ratio` is figure / limit, `target` what the figure must meet. */
export function figure(value: number, limit: number, target: { atLeast: number } | { below: number } | { atMost: number }) {
  const met = 'atLeast' in target ? value >= target.atLeast : 'below' in target ? value < target.below : value <= target.atMost;
  const wanted = 'atLeast' in target ? `>= ${target.atLeast}` : 'below' in target ? `< ${target.below}` : `<= ${target.atMost}`;
  return { value, limit, ratio: limit === 0 ? null : round(value / limit, 3), target: wanted, met };
}
