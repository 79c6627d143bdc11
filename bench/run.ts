// `npm run bench -- <name>`: runs one benchmark (or all) and prints its results as JSON. Each
// benchmark imports only what it measures, and several named at once run one per process, so
// that one's modules and heap are never counted in another's memory figures.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchmarks: Record<string, () => Promise<unknown>> = {
  anilist: async () => (await import('./anilist.bench.ts')).anilistBenchmark(),
  interactions: async () => (await import('./interactions.bench.ts')).interactionsBenchmark(),
  fanout: async () => (await import('./fanout.bench.ts')).fanoutBenchmark(),
  scale: async () => (await import('./scale.bench.ts')).scaleBenchmark(),
};

// Benchmark names; `--servers N` and similar flags are read by the benchmarks themselves.
const args = process.argv.slice(2);
const requested = args.filter((arg, index, all) => !arg.startsWith('-') && !all[index - 1]?.startsWith('--'));
const flags = args.filter((arg) => !requested.includes(arg));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benchmarks).join(', ')}\n`);
  process.exit(2);
}

function inItsOwnProcess(name: string): Promise<unknown> {
  // Inherits this process's flags, so tsx loads the TypeScript there too.
  const child = fork(fileURLToPath(import.meta.url), [name, ...flags], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`benchmark ${name} exited with ${code}`));
      resolve((JSON.parse(output) as { results: Record<string, unknown> }).results[name]);
    }),
  );
}

const results: Record<string, unknown> = {};
for (const name of names) results[name] = names.length === 1 ? await benchmarks[name]!() : await inItsOwnProcess(name);
process.stdout.write(`${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
