// Writes fixtures/db/kong/*.sql: Kong databases as `kong migrations` leaves them at a given
// release, for tests that must meet real schemas rather than hand-written ones.
//
//   npm run fixtures:kong-db                     # every history in HISTORIES below
//   npm run fixtures:kong-db -- 2.8.5 2.8.5,up:3.4.2
//
// A history is a bootstrap tag, then optional `up:TAG` and `finish:TAG` steps, run in order:
// `2.8.5,up:3.4.2` is a 2.8.5 database after `kong migrations up` of 3.4.2 (finish not run).
//
// Each step does what the `kong migrations` command does, against an embedded PostgreSQL:
// the schema_meta and locks tables of kong/db/strategies/postgres/connector.lua, then every
// migration of core and of the bundled plugins (kong/constants.lua, alphabetical as
// kong/db/migrations/state.lua loads them), each `up` in a transaction, its `up_f` and
// `teardown` statements, and the schema_meta bookkeeping of connector.lua's record_migration.
// read-migrations.lua (luajit) evaluates the migration modules of the tag to get the SQL.
// The database is then read back from PostgreSQL's catalog and written as compact CREATE
// TABLE statements and the rows the migrations left (schema_meta, default workspace,
// cluster id), with a header naming the files and tags it came from.
//
// Needs the Kong/kong mirror (KONG_MIRROR, default /work/.mirror/Kong+kong/repo) and luajit,
// so it runs on a maintainer's machine, not in CI: CI loads the committed files.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { adminClient, createDatabaseFromFixture, startTestServer, stopTestServer, type TestServer } from '../postgres';

/** The histories committed under fixtures/db/kong/ (see its README.md). */
const HISTORIES = [
  '1.5.1', '2.0.5', '2.1.4', '2.5.2', '2.8.5', '3.0.2', '3.2.2', '3.3.1', '3.4.2', '3.6.1', '3.9.3',
  // A database born on 1.x keeps the 1.x migration names 2.0 squashed (001_14_to_15, 002_15_to_1),
  // and `finish` appends teardown migrations after the others.
  '1.5.1,up:2.0.5,finish:2.0.5,up:2.8.5,finish:2.8.5',
  '2.0.5,up:2.1.4',
  '2.8.5,up:3.4.2',
  '2.8.5,up:3.4.2,finish:3.4.2',
];

const MIRROR = process.env.KONG_MIRROR ?? '/work/.mirror/Kong+kong/repo';
const REPO_ROOT = findRepoRoot();
const OUT_DIR = path.join(REPO_ROOT, 'fixtures', 'db', 'kong');
const READER = path.join(REPO_ROOT, 'test', 'support', 'kong-schema', 'read-migrations.lua');
/** Timestamps the migrations write (now()) are replaced by this, so regenerating changes nothing. */
const FIXED_TIME = '2000-01-01 00:00:00+00';

interface Migration {
  name: string;
  up: string;
  up_f: string[];
  hasTeardown: boolean;
  teardown: string[];
}

interface Subsystem { subsystem: string; migrations: Migration[] }

interface Step { command: 'bootstrap' | 'up' | 'finish'; tag: string }

/** One Kong release's source tree and what its migrations send. */
interface Release {
  tag: string;
  subsystems: Subsystem[];
  /** Bundled plugins whose migrations are not in the tree (shipped as separate rocks then). */
  outsideTree: string[];
  schemaMetaDdl: string;
  locksDdl: string;
}

function findRepoRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'fixtures', 'db', 'scenarios.json'))) return dir;
  }
  throw new Error('cannot find the kong-preflight checkout');
}

function parseHistory(text: string): Step[] {
  const [first, ...rest] = text.split(',');
  const steps: Step[] = [{ command: 'bootstrap', tag: first }];
  for (const part of rest) {
    const match = /^(up|finish):(.+)$/.exec(part);
    if (!match) throw new Error(`history ${text}: expected up:TAG or finish:TAG, got ${part}`);
    steps.push({ command: match[1] as 'up' | 'finish', tag: match[2] });
  }
  return steps;
}

function fileName(steps: readonly Step[]): string {
  return `kong-${steps.map((s) => (s.command === 'bootstrap' ? s.tag : `${s.command}-${s.tag}`)).join('-')}.sql`;
}

const releases = new Map<string, Release>();

/** The tag's tree extracted to a temporary folder, its plugins and the SQL of their migrations. */
function loadRelease(tag: string): Release {
  const cached = releases.get(tag);
  if (cached) return cached;
  const tree = mkdtempSync(path.join(os.tmpdir(), `kong-${tag}-`));
  try {
    execFileSync('sh', ['-c', `git --git-dir "$0" archive "$1" kong | tar -x -C "$2"`, MIRROR, tag, tree]);
    const bundled = bundledPlugins(readFileSync(path.join(tree, 'kong', 'constants.lua'), 'utf8'));
    const withMigrations = bundled.filter((p) => existsSync(path.join(tree, 'kong', 'plugins', p, 'migrations', 'init.lua'))).sort();
    const outsideTree = bundled.filter((p) => !existsSync(path.join(tree, 'kong', 'plugins', p))).sort();
    const json = execFileSync('luajit', [READER, tree, 'core', ...withMigrations],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    const connector = readFileSync(path.join(tree, 'kong', 'db', 'strategies', 'postgres', 'connector.lua'), 'utf8');
    const release: Release = {
      tag,
      subsystems: JSON.parse(json) as Subsystem[],
      outsideTree,
      schemaMetaDdl: grab(connector, /CREATE TABLE IF NOT EXISTS schema_meta \([\s\S]*?\);/, 'schema_meta', tag),
      locksDdl: grab(connector, /CREATE TABLE IF NOT EXISTS locks \([\s\S]*?CREATE INDEX IF NOT EXISTS locks_ttl_idx ON locks \(ttl\);/, 'locks', tag),
    };
    releases.set(tag, release);
    return release;
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

function grab(text: string, pattern: RegExp, what: string, tag: string): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`${tag}: connector.lua no longer creates the ${what} table the way this script expects`);
  return match[0];
}

/** The names in kong/constants.lua's `local plugins = { ... }` list. */
function bundledPlugins(constants: string): string[] {
  const block = /local plugins = \{([\s\S]*?)\n\}/.exec(constants);
  if (!block) throw new Error('kong/constants.lua: no `local plugins = {` list');
  return [...block[1].replace(/--[^\n]*/g, '').matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]);
}

// connector.lua's record_migration, as parameterised statements.
const RECORD = {
  executed: `INSERT INTO schema_meta (key, subsystem, last_executed, executed) VALUES ('schema_meta', $1, $2, ARRAY[$2::text])
             ON CONFLICT (key, subsystem) DO UPDATE SET last_executed = EXCLUDED.last_executed,
               executed = ARRAY_APPEND(COALESCE(schema_meta.executed, ARRAY[]::TEXT[]), $2::text)`,
  pending: `INSERT INTO schema_meta (key, subsystem, pending) VALUES ('schema_meta', $1, ARRAY[$2::text])
             ON CONFLICT (key, subsystem) DO UPDATE SET pending = ARRAY_APPEND(schema_meta.pending, $2::text)`,
  teardown: `INSERT INTO schema_meta (key, subsystem, last_executed, executed) VALUES ('schema_meta', $1, $2, ARRAY[$2::text])
             ON CONFLICT (key, subsystem) DO UPDATE SET last_executed = EXCLUDED.last_executed,
               executed = ARRAY_APPEND(COALESCE(schema_meta.executed, ARRAY[]::TEXT[]), $2::text),
               pending = ARRAY_REMOVE(COALESCE(schema_meta.pending, ARRAY[]::TEXT[]), $2::text)`,
};

async function run(client: Client, sql: string, where: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

/** Migrations recorded so far, executed or pending, per subsystem. */
async function recorded(client: Client): Promise<Map<string, { executed: Set<string>; pending: Set<string> }>> {
  const { rows } = await client.query<{ subsystem: string; executed: string[] | null; pending: string[] | null }>(
    `SELECT subsystem, executed, pending FROM schema_meta WHERE key = 'schema_meta'`);
  return new Map(rows.map((r) => [r.subsystem, { executed: new Set(r.executed ?? []), pending: new Set(r.pending ?? []) }]));
}

/** One `kong migrations bootstrap | up | finish` with the release's code (kong/db/init.lua run_migrations). */
async function applyStep(client: Client, step: Step): Promise<void> {
  const release = loadRelease(step.tag);
  if (step.command === 'bootstrap') {
    await run(client, release.schemaMetaDdl, `${step.tag} schema_meta`);
    await run(client, release.locksDdl, `${step.tag} locks`);
  }
  const state = await recorded(client);
  for (const { subsystem, migrations } of release.subsystems) {
    const seen = state.get(subsystem);
    for (const migration of migrations) {
      const where = `${step.tag} ${subsystem} ${migration.name}`;
      const isNew = !seen?.executed.has(migration.name) && !seen?.pending.has(migration.name);
      if (step.command !== 'finish' && isNew) {
        const up = migration.up.trim();
        if (up !== '') await run(client, `BEGIN;\n${up.endsWith(';') ? up : `${up};`}\nCOMMIT;\n`, `${where} up`);
        for (const sql of migration.up_f) await run(client, sql, `${where} up_f`);
        await client.query(migration.hasTeardown ? RECORD.pending : RECORD.executed, [subsystem, migration.name]);
      }
      const runTeardown = step.command === 'bootstrap' ? isNew : step.command === 'finish' && seen?.pending.has(migration.name);
      if (runTeardown && migration.hasTeardown) {
        for (const sql of migration.teardown) await run(client, sql, `${where} teardown`);
        await client.query(RECORD.teardown, [subsystem, migration.name]);
      }
    }
  }
}

interface ColumnRow { table: string; column: string; type: string; not_null: boolean; default: string | null }
interface ConstraintRow { table: string; name: string; type: string; def: string }

/** The database read back from the catalog: CREATE TABLE statements, foreign keys, then rows. */
async function dump(client: Client): Promise<string> {
  const { rows: columns } = await client.query<ColumnRow>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE c.relkind IN ('r', 'p')
  ORDER BY c.relname, a.attnum`);
  const { rows: constraints } = await client.query<ConstraintRow>(`
    SELECT c.relname AS table, k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid) AS def
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     WHERE k.contype IN ('p', 'u', 'c', 'f')
  ORDER BY c.relname, position(k.contype IN 'pucf'), k.conname`);
  // A column fed by its own sequence (3.9's clustering_* tables) is written back as serial.
  for (const column of columns) {
    if (!column.default?.startsWith('nextval(')) continue;
    const serial = ({ bigint: 'bigserial', integer: 'serial', smallint: 'smallserial' } as Record<string, string>)[column.type];
    if (!serial) throw new Error(`${column.table}.${column.column}: a sequence on a ${column.type} column`);
    column.type = serial;
    column.default = null;
    column.not_null = false; // implied by serial
  }
  const tables = [...new Set(columns.map((c) => c.table))];
  // Quoted only where PostgreSQL needs it (acls.group, keywords), as quote_ident decides.
  const { rows: quoted } = await client.query<{ name: string; q: string }>(
    'SELECT name, quote_ident(name) AS q FROM unnest($1::text[]) AS name',
    [[...new Set([...columns.flatMap((c) => [c.table, c.column]), ...constraints.map((k) => k.name)])]]);
  const quoting = new Map(quoted.map((r) => [r.name, r.q]));
  const ident = (name: string) => quoting.get(name) ?? name;
  const out: string[] = [];
  for (const table of tables) {
    const lines = columns.filter((c) => c.table === table).map((c) =>
      `  ${ident(c.column)} ${c.type}${c.not_null ? ' NOT NULL' : ''}${c.default ? ` DEFAULT ${c.default}` : ''}`);
    for (const k of constraints.filter((k) => k.table === table && k.type !== 'f')) lines.push(`  CONSTRAINT ${ident(k.name)} ${k.def}`);
    out.push(`CREATE TABLE ${ident(table)} (\n${lines.join(',\n')}\n);\n`);
  }
  const foreign = constraints.filter((k) => k.type === 'f');
  if (foreign.length > 0) {
    out.push(foreign.map((k) => `ALTER TABLE ${ident(k.table)} ADD CONSTRAINT ${ident(k.name)} ${k.def};`).join('\n') + '\n');
  }
  for (const table of tables) {
    const own = columns.filter((c) => c.table === table);
    const values = own.map((c) => (c.type.startsWith('timestamp')
      ? `CASE WHEN ${ident(c.column)} IS NULL THEN 'NULL' ELSE quote_literal('${FIXED_TIME}') END`
      : `quote_nullable(${ident(c.column)}::text)`));
    const { rows } = await client.query<{ row: string }>(
      `SELECT '(' || concat_ws(', ', ${values.join(', ')}) || ')' AS row FROM ${ident(table)} ORDER BY 1`);
    if (rows.length === 0) continue;
    out.push(`INSERT INTO ${ident(table)} (${own.map((c) => ident(c.column)).join(', ')}) VALUES\n  ${rows.map((r) => r.row).join(',\n  ')};\n`);
  }
  return out.join('\n');
}

function header(steps: readonly Step[]): string {
  const commands = steps.map((s) => `\`kong migrations ${s.command}\` of ${s.tag}`).join(', then ');
  const lines = [
    `Kong database as ${commands} leaves it (PostgreSQL, plugins = bundled).`,
    'Generated by test/support/kong-schema/generate.ts from the Kong/kong repository; do not edit by hand.',
  ];
  for (const tag of [...new Set(steps.map((s) => s.tag))]) {
    const release = loadRelease(tag);
    const plugins = release.subsystems.filter((s) => s.subsystem !== 'core').map((s) => s.subsystem);
    lines.push(`Source @${tag}: kong/db/migrations/core/*.lua, kong/plugins/{${plugins.join(',')}}/migrations/*.lua,`);
    lines.push(`  kong/db/strategies/postgres/connector.lua (schema_meta, locks, record_migration), kong/db/init.lua (run_migrations).`);
    if (release.outsideTree.length > 0) {
      lines.push(`  Bundled at ${tag} but shipped as separate rocks, not in this tree (any migrations of theirs are absent here): ${release.outsideTree.join(', ')}.`);
    }
  }
  lines.push(
    'Tables, columns, defaults and constraints are read back from PostgreSQL after running those migrations;',
    "Kong's functions, triggers and secondary indexes are left out (kong-preflight only reads). Rows: what the",
    `migrations and their bookkeeping wrote; generated ids are fixed and timestamps set to ${FIXED_TIME}.`,
  );
  return lines.map((l) => `-- ${l}`).join('\n') + '\n\n';
}

async function generate(history: string, server: TestServer): Promise<string> {
  const steps = parseHistory(history);
  const db = await createDatabaseFromFixture(`gen_${history}`, [], server);
  try {
    const client = await adminClient(db.database, server);
    try {
      for (const step of steps) await applyStep(client, step);
      const file = path.join(OUT_DIR, fileName(steps));
      writeFileSync(file, header(steps) + await dump(client));
      return file;
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
  }
}

async function main(): Promise<void> {
  const histories = process.argv.slice(2).length > 0 ? process.argv.slice(2) : HISTORIES;
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startTestServer();
  try {
    for (const history of histories) {
      const file = await generate(history, server);
      process.stderr.write(`wrote ${path.relative(REPO_ROOT, file)}\n`);
    }
  } finally {
    await stopTestServer();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
