// What must hold of compose.yaml for the deployment to work, as a list of problems in words. No
// Docker engine runs here, so this reads the file the way Compose would (YAML merge keys
// resolved) and checks it against the product: its roles, its settings, its ports.
import { parse } from 'yaml';
import { SETTING_NAMES } from '../../src/config.ts';
import { ROLES } from '../../src/domain/roles.ts';
/** Commands of the image besides `start`, run by services of their own. */
const OTHER_COMMANDS = ['rest-proxy'];
const ANITRACK_IMAGE = 'anitrack:latest';
const DEFAULT_PORT = 3000;

interface Service {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, unknown> | string[];
  env_file?: (string | { path: string })[] | string;
  ports?: unknown[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
}

export function composeProblems(text: string): string[] {
  const services = (parse(text, { merge: true }) as { services?: Record<string, Service> }).services ?? {};
  const problems: string[] = [];
  const settings = new Set<string>(SETTING_NAMES);
  const anitrack = Object.entries(services).filter(([, service]) => service.image === ANITRACK_IMAGE);
  const database = Object.entries(services).find(([, service]) => service.image?.startsWith('postgres'));

  if (!database) problems.push('no PostgreSQL service');
  else if (!database[1].healthcheck?.test || database[1].healthcheck.disable) problems.push(`${database[0]} has no health check`);

  const rolesServed = new Set<string>();
  for (const [name, service] of anitrack) {
    const command = Array.isArray(service.command) ? service.command : [];
    if (command[0] === 'start') {
      const roles = command[1] === '--role' && command.length === 3 ? command[2]!.split(',') : [];
      if (roles.length === 0) problems.push(`${name} runs "${command.join(' ')}" instead of start --role <role>`);
      for (const role of roles) {
        if ((ROLES as readonly string[]).includes(role)) rolesServed.add(role);
        else problems.push(`${name} runs the unknown role ${role}`);
      }
      if (database && !waitsForHealthy(service, database[0])) problems.push(`${name} does not wait for ${database[0]} to be healthy`);
    } else if (!OTHER_COMMANDS.includes(command[0] ?? '')) {
      problems.push(`${name} runs "${command.join(' ')}", which is not an anitrack command`);
    }
    for (const variable of environmentNames(service)) {
      if (!settings.has(variable)) problems.push(`${name} sets ${variable}, which is not a setting of src/config.ts`);
    }
    if (!envFiles(service).includes('.env')) problems.push(`${name} does not read the shared .env`);
  }
  for (const role of ROLES) if (!rolesServed.has(role)) problems.push(`no service runs the ${role} role`);

  for (const [name, service] of Object.entries(services)) {
    const publishes = (service.ports ?? []).length > 0;
    const isWeb = Array.isArray(service.command) && service.command.join(' ') === 'start --role web';
    if (publishes && !isWeb) problems.push(`${name} publishes ports; only web may`);
    if (isWeb && !publishes) problems.push(`${name} runs web but publishes no port`);
    if (isWeb) {
      const port = String(environmentValue(service, 'PORT') ?? DEFAULT_PORT);
      for (const published of service.ports ?? []) {
        if (String(published).split(':').at(-1) !== port) problems.push(`${name} publishes ${String(published)}, but listens on ${port}`);
      }
    }
  }
  return problems;
}

function waitsForHealthy(service: Service, database: string): boolean {
  const dependsOn = service.depends_on;
  return !!dependsOn && !Array.isArray(dependsOn) && dependsOn[database]?.condition === 'service_healthy';
}

function environmentNames(service: Service): string[] {
  const environment = service.environment ?? {};
  return Array.isArray(environment) ? environment.map((entry) => entry.split('=')[0]!) : Object.keys(environment);
}

function environmentValue(service: Service, name: string): unknown {
  const environment = service.environment ?? {};
  if (!Array.isArray(environment)) return environment[name];
  return environment.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
}

function envFiles(service: Service): string[] {
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return files.map((file) => (typeof file === 'string' ? file : file.path));
}
