// `npm run bench -- <name>`: runs one benchmark (or all) and prints its results as JSON.
import { anilistBenchmark } from './anilist.bench.ts';
import { fanoutBenchmark } from './fanout.bench.ts';
import { interactionsBenchmark } from './interactions.bench.ts';

const benchmarks: Record<string, () => Promise<unknown>> = {
  anilist: anilistBenchmark,
  interactions: interactionsBenchmark,
  fanout: fanoutBenchmark,
};

// Benchmark names; `--servers N` and similar flags are read by the benchmarks themselves.
const requested = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('-') && !all[index - 1]?.startsWith('--'));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benchmarks).join(', ')}\n`);
  process.exit(2);
}
const results: Record<string, unknown> = {};
for (const name of names) results[name] = await benchmarks[name]!();
process.stdout.write(`${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
