import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway Postgres server for the gateway's tests (issue 19: "a real Postgres server,
 * Debian's postgresql, started by the test itself"). Each call makes a fresh cluster in its
 * own temp folder, on a free loopback port, with trust authentication (nothing outside
 * this machine's loopback can reach it, and it is deleted on stop). The system cluster is
 * never touched.
 *
 * Postgres refuses to run as root, and CI runs as root: then every server binary runs as
 * the `postgres` system user (Debian's package creates it) through `runuser`, in a temp
 * folder that user owns.
 */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  /** The postmaster's process id, so a test can check that nothing outlives stop(). */
  pid: number;
  /** Stops the server (fast shutdown: open sessions are ended) and deletes its folder. */
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Folders searched for `initdb`/`pg_ctl`; default: `$PG_BIN`, else Debian's `/usr/lib/postgresql/<v>/bin`, newest first. */
  binDirs?: readonly string[];
  /** Extra `postgres -c` settings, e.g. `{ max_connections: '300' }`. */
  settings?: Readonly<Record<string, string>>;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';

export class PostgresUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresUnavailableError';
  }
}

/** Debian installs each major version side by side; the newest one is the one a fresh install gets. */
export function debianBinDirs(root = DEBIAN_ROOT): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

export function findPostgresBin(binDirs?: readonly string[]): string {
  const candidates = binDirs ?? (process.env.PG_BIN ? [process.env.PG_BIN] : debianBinDirs());
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new PostgresUnavailableError(
      `Postgres server binaries (initdb, pg_ctl) not found in ${candidates.length ? candidates.join(', ') : `${DEBIAN_ROOT}/*/bin`}. ` +
        'The gateway tests start their own Postgres server: install it with `apt-get install postgresql` ' +
        '(the system cluster need not run), or set PG_BIN to the folder holding initdb and pg_ctl.',
    );
  }
  return found;
}

/** Who runs the server binaries: ourselves, or the `postgres` user when we are root. */
interface RunAs {
  argv(command: string, args: readonly string[]): [string, string[]];
  own(path: string): void;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) {
    return { argv: (command, args) => [command, [...args]], own: () => undefined };
  }
  const ids = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
  const groups = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
  if (ids.status !== 0 || groups.status !== 0) {
    throw new PostgresUnavailableError(
      `Running as root, and Postgres refuses root: the server must run as the "${SERVER_USER}" user, which does not exist. ` +
        "Installing Debian's package creates it: `apt-get install postgresql`.",
    );
  }
  const uid = Number(ids.stdout.trim());
  const gid = Number(groups.stdout.trim());
  return {
    argv: (command, args) => ['runuser', ['-u', SERVER_USER, '--', command, ...args]],
    own: (path) => chownSync(path, uid, gid),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function run(as: RunAs, cwd: string, command: string, args: readonly string[]): string {
  const [file, argv] = as.argv(command, args);
  try {
    return execFileSync(file, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} failed: ${failed.stderr || failed.stdout || failed.message}`.trim());
  }
}

/**
 * Servers still running when the test process exits (a crashed test, a forgotten stop):
 * stopped synchronously on exit so no postmaster outlives the test run.
 */
const running = new Set<() => void>();
let exitHookInstalled = false;
function stopAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const stop of running) stop();
  });
}

/** The settings that make a throwaway cluster fast; durability is worthless for it. */
const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBin(options.binDirs);
  const as = runAs();
  const root = mkdtempSync(join(tmpdir(), 'frontline-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  as.own(root);
  as.own(sockets);

  const stopNow = (): void => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      const [file, argv] = as.argv(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      spawnSync(file, argv, { cwd: root, stdio: 'ignore' });
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    // --no-sync: the cluster is deleted after the run, so flushing it to disk only costs time.
    run(as, root, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      SERVER_USER,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const settings = { ...THROWAWAY_SETTINGS, ...options.settings };
    const serverArgs = [
      '-h 127.0.0.1',
      `-k ${sockets}`,
      ...Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`),
    ];
    // The free port is probed, then bound by Postgres a moment later; another process can
    // take it in between, so a failed start is retried on a new port.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        run(as, root, join(bin, 'pg_ctl'), [
          'start',
          '-D',
          data,
          '-w',
          '-t',
          '30',
          '-l',
          join(root, 'server.log'),
          '-o',
          [`-p ${port}`, ...serverArgs].join(' '),
        ]);
      } catch (error) {
        if (attempt < 3) continue;
        const log = existsSync(join(root, 'server.log'))
          ? readFileSync(join(root, 'server.log'), 'utf8')
          : '';
        throw new Error(`${(error as Error).message}\n${log}`.trim());
      }
      running.add(stopNow);
      stopAllOnExit();
      let stopped = false;
      return {
        url: `postgres://${SERVER_USER}@127.0.0.1:${port}/postgres`,
        port,
        pid: Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
        async stop() {
          if (stopped) return;
          stopped = true;
          running.delete(stopNow);
          stopNow();
        },
      };
    }
  } catch (error) {
    stopNow();
    throw error;
  }
}
