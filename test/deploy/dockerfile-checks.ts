// What must hold of the Dockerfile, as a list of problems in words: it is read instruction by
// instruction (continuation lines joined, comments dropped), since no engine runs here to build it.
import { SETTING_NAMES } from '../../src/config.ts';

export interface Instruction {
  keyword: string;
  args: string;
}

/** Not settings of AniTrack, but the image may set them. */
const OTHER_VARIABLES = new Set(['NODE_ENV']);

export function readInstructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage, from its FROM on. */
export function stages(instructions: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

export function dockerfileProblems(text: string): string[] {
  const all = stages(readInstructions(text));
  const problems: string[] = [];
  if (all.length < 2) problems.push(`${all.length} FROM: a build stage and a runtime stage are expected`);
  const final = all.at(-1) ?? [];
  const of = (keyword: string) => final.filter((instruction) => instruction.keyword === keyword);

  const user = of('USER').at(-1)?.args.split(':')[0];
  if (!user) problems.push('the runtime stage has no USER: it would run as root');
  else if (user === 'root' || user === '0') problems.push(`the runtime stage runs as ${user}`);

  const healthcheck = of('HEALTHCHECK').at(-1)?.args ?? '';
  if (!healthcheck || /^NONE\b/i.test(healthcheck)) problems.push('the runtime stage has no HEALTHCHECK');
  else if (!/\bCMD\b.*\bnode\b/.test(healthcheck)) problems.push(`the HEALTHCHECK does not run node (the slim image has no curl): ${healthcheck}`);

  if (!of('RUN').some((run) => /\bnpm ci\b[^&;]*--omit=dev/.test(run.args))) problems.push('the runtime stage does not install with npm ci --omit=dev');
  if (of('RUN').some((run) => /\bnpm (ci|install)\b(?![^&;]*--omit=dev)/.test(run.args))) problems.push('the runtime stage installs development dependencies');

  const exposed = of('EXPOSE').flatMap((expose) => expose.args.split(/\s+/));
  const setting = (name: string) => environment(final).get(name);
  for (const name of ['PORT', 'METRICS_PORT']) {
    const port = setting(name);
    if (!port) problems.push(`the runtime stage does not set ${name}`);
    else if (!exposed.includes(port)) problems.push(`${name} is ${port}, which is not EXPOSEd`);
  }
  if (!of('VOLUME').some((volume) => volume.args.includes(setting('DATA_DIR') ?? '(DATA_DIR unset)'))) problems.push('DATA_DIR is not a VOLUME');

  const settings = new Set<string>(SETTING_NAMES);
  for (const name of environment(final).keys()) {
    if (!settings.has(name) && !OTHER_VARIABLES.has(name)) problems.push(`ENV ${name} is not a setting of src/config.ts`);
  }
  return problems;
}

/** ENV NAME=value pairs of a stage (the form this Dockerfile uses). */
function environment(stage: Instruction[]): Map<string, string> {
  const pairs = stage.filter((instruction) => instruction.keyword === 'ENV').flatMap((env) => [...env.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S*)/g)]);
  return new Map(pairs.map((match) => [match[1]!, match[2]!]));
}
