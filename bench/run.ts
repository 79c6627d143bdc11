// `npm run bench -- <name>`: runs one benchmark (or all) and prints its results as JSON.
import { anilistBenchmark } from './anilist.bench.ts';

const benchmarks: Record<string, () => Promise<unknown>> = {
  anilist: anilistBenchmark,
};

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benchmarks).join(', ')}\n`);
  process.exit(2);
}
const results: Record<string, unknown> = {};
for (const name of names) results[name] = await benchmarks[name]!();
process.stdout.write(`${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
