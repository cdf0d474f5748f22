// Writes fixtures/db/kong/*.sql: Kong databases as `kong migrations` leaves them at a given
// release, for tests that must meet real schemas rather than hand-written ones.
//
//   npm run fixtures:kong-db                     # every history in HISTORIES below
//   npm run fixtures:kong-db -- 2.8.5 2.8.5,up:3.4.2
//
// A history is a bootstrap tag, then optional `up:TAG` and `finish:TAG` steps, run in order:
// `2.8.5,up:3.4.2` is a 2.8.5 database after `kong migrations up` of 3.4.2 (finish not run).
// An Enterprise tag may name an older Enterprise release after `~`: `FTI-6378~2.8` runs only the
// migrations of the FTI-6378 source that a 2.8.x.x release had run (enterprise-release.ts). That
// is an APPROXIMATION of a database bootstrapped by 2.8, made from the newer 3.10 source because
// the mirror holds no Enterprise tags: the 2.8 release ran its own copies of those files, and
// fixtures/db/kong/README.md says where they differ (no `ttls` table, a deleted migration).
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
import { LiveMigrations } from './live-migrations';
import { parseMinor, ranBy, type Minor } from './enterprise-release';
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
  // Kong Enterprise 3.10.0.0: the Enterprise source on the mirror's FTI-6378 branch.
  'FTI-6378',
  // Enterprise 2.8.x.x and 3.4.x.x (the LTS releases most upgrades start from), approximated from
  // that source by the release each migration's name leads to.
  'FTI-6378~2.8',
  'FTI-6378~3.4',
  // That 2.8 database after `kong migrations up` of that 3.4 (finish not run): Enterprise pending migrations.
  'FTI-6378~2.8,up:FTI-6378~3.4',
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
  hasUpF: boolean;
  /** What up_f sent to an empty database (empty when run live). */
  up_f: string[];
  hasTeardown: boolean;
  teardown: string[];
}

interface Subsystem { subsystem: string; migrations: Migration[] }

interface Step { command: 'bootstrap' | 'up' | 'finish'; tag: string }

/** One Kong release's source tree and what its migrations send. */
interface Release {
  tag: string;
  /** Enterprise source (a branch such as FTI-6378) or Kong OSS. */
  edition: 'oss' | 'enterprise';
  /**
   * The name the release goes by in file names: the tag for OSS, `ee-<kong/meta.lua version>` for
   * Enterprise, `ee-<minor>.x-from-<version>-source` for an older release approximated from it.
   */
  label: string;
  /** For `TAG~2.8`: the older Enterprise release whose migrations alone are run. */
  asOf?: Minor;
  /** The source's own version: the tag, or kong/enterprise_edition/meta.lua's on Enterprise. */
  version: string;
  /** The extracted source tree. */
  tree: string;
  subsystemNames: string[];
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
  const label = (s: Step) => loadRelease(s.tag).label;
  return `kong-${steps.map((s) => (s.command === 'bootstrap' ? label(s) : `${s.command}-${label(s)}`)).join('-')}.sql`;
}

// Enterprise source trees (the FTI-6378 branch of the mirror) hold this subsystem.
const ENTERPRISE_INDEX = 'kong/enterprise_edition/db/migrations/enterprise/init.lua';

function isEnterprise(tag: string): boolean {
  try {
    execFileSync('git', ['--git-dir', MIRROR, 'cat-file', '-e', `${tag}:${ENTERPRISE_INDEX}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Lays an Enterprise tree out the way its release build installs it: the plugins of plugins-ee/
 * join kong/plugins/, and distribution/distributions_constants.lua (the plugins-ee list) replaces
 * the empty kong/enterprise_edition/distributions_constants.lua, as
 * build/ee/templates/copy-distribution-constants.sh@FTI-6378 does.
 */
function extractEnterprise(tag: string, tree: string): void {
  // kong/portal holds objects the mirror lacks; it is no migration subsystem (kong/db/migrations/subsystems.lua).
  execFileSync('sh', ['-c', `git --git-dir "$0" archive "$1" -- kong plugins-ee distribution ':(exclude)kong/portal' | tar -x -C "$2"`,
    MIRROR, tag, tree], { stdio: ['ignore', 'ignore', 'ignore'] });
  execFileSync('sh', ['-c', 'for d in "$0"/plugins-ee/*/kong; do cp -R "$d"/. "$0"/kong/; done', tree]);
  execFileSync('cp', [path.join(tree, 'distribution', 'distributions_constants.lua'),
    path.join(tree, 'kong', 'enterprise_edition', 'distributions_constants.lua')]);
}

/** kong/enterprise_edition/meta.lua's version: major.minor.patch.ee_patch. */
function enterpriseVersion(tree: string): string {
  const meta = readFileSync(path.join(tree, 'kong', 'enterprise_edition', 'meta.lua'), 'utf8');
  const part = (name: string) => {
    const match = new RegExp(`\\b${name}\\s*=\\s*(\\d+)`).exec(meta);
    if (!match) throw new Error(`kong/enterprise_edition/meta.lua: no ${name}`);
    return match[1];
  };
  return ['major', 'minor', 'patch', 'ee_patch'].map(part).join('.');
}

/**
 * The subsystems `kong migrations` runs, in the order kong/db/migrations/state.lua loads them
 * from kong/db/migrations/subsystems.lua: core, each bundled plugin with migrations (sorted), and
 * on Enterprise then `enterprise` and `enterprise.<plugin>` for each plugin with
 * migrations/enterprise (sorted).
 */
function subsystemsOf(tree: string, edition: Release['edition'], bundled: readonly string[]): string[] {
  const has = (plugin: string, sub: string) => existsSync(path.join(tree, 'kong', 'plugins', plugin, 'migrations', sub, 'init.lua'));
  const sorted = [...bundled].sort();
  const names = ['core', ...sorted.filter((p) => has(p, ''))];
  if (edition === 'oss') return names;
  const listed = readFileSync(path.join(tree, 'kong', 'db', 'migrations', 'subsystems.lua'), 'utf8');
  const expected = ['core', '*plugins', 'enterprise', '*enterprise.plugins'];
  const found = [...listed.matchAll(/name = "([^"]+)"/g)].map((m) => m[1]);
  if (found.join() !== expected.join()) {
    throw new Error(`kong/db/migrations/subsystems.lua lists ${found.join(', ')}, not the ${expected.join(', ')} this script runs`);
  }
  return [...names, 'enterprise', ...sorted.filter((p) => has(p, 'enterprise')).map((p) => `enterprise.${p}`)];
}

const releases = new Map<string, Release>();
/** Extracted trees, kept while live migration functions may still load modules from them. */
const trees: string[] = [];
// Without KONG_PASSWORD, Enterprise's enterprise/000_base.lua seeds no kong_admin (a plain bootstrap).
const LUA_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'KONG_PASSWORD'));
/**
 * Run up_f and teardown functions against the database being built, as `kong migrations` does,
 * rather than replaying what they sent to an empty one (live-migrations.ts).
 */
const LIVE = true;

/**
 * The tag's tree extracted to a temporary folder, its plugins and the SQL of their migrations.
 * `TAG~2.8` keeps only the migrations an Enterprise 2.8.x.x release had run.
 */
function loadRelease(spec: string): Release {
  const cached = releases.get(spec);
  if (cached) return cached;
  const [tag, older] = spec.split('~');
  const asOf = older === undefined ? undefined : parseMinor(older);
  const tree = mkdtempSync(path.join(os.tmpdir(), `kong-${tag}-`));
  trees.push(tree);
  const edition = isEnterprise(tag) ? 'enterprise' : 'oss';
  if (asOf && edition !== 'enterprise') throw new Error(`${spec}: use the OSS tag of that release rather than ~`);
  if (edition === 'enterprise') extractEnterprise(tag, tree);
  else execFileSync('sh', ['-c', `git --git-dir "$0" archive "$1" kong | tar -x -C "$2"`, MIRROR, tag, tree]);
  const bundled = bundledPlugins(tree, edition);
  const outsideTree = bundled.filter((p) => !existsSync(path.join(tree, 'kong', 'plugins', p))).sort();
  const subsystemNames = subsystemsOf(tree, edition, bundled);
  const json = execFileSync('luajit', [READER, tree, ...(LIVE ? ['--live'] : []), ...subsystemNames],
    { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'], env: LUA_ENV });
  const connector = readFileSync(path.join(tree, 'kong', 'db', 'strategies', 'postgres', 'connector.lua'), 'utf8');
  let subsystems = JSON.parse(json) as Subsystem[];
  if (asOf) {
    subsystems = subsystems
      .map((s) => ({ ...s, migrations: s.migrations.filter((m) => ranBy(asOf, s.subsystem, m.name)) }))
      .filter((s) => s.migrations.length > 0);
  }
  const version = edition === 'enterprise' ? enterpriseVersion(tree) : tag;
  const release: Release = {
    tag,
    edition,
    label: edition === 'oss' ? tag : asOf ? `ee-${asOf.join('.')}.x-from-${version}-source` : `ee-${version}`,
    asOf,
    version,
    tree,
    subsystemNames,
    subsystems,
    outsideTree,
    schemaMetaDdl: grab(connector, /CREATE TABLE IF NOT EXISTS schema_meta \([\s\S]*?\);/, 'schema_meta', tag),
    locksDdl: grab(connector, /CREATE TABLE IF NOT EXISTS locks \([\s\S]*?CREATE INDEX IF NOT EXISTS locks_ttl_idx ON locks \(ttl\);/, 'locks', tag),
  };
  releases.set(spec, release);
  return release;
}

function grab(text: string, pattern: RegExp, what: string, tag: string): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`${tag}: connector.lua no longer creates the ${what} table the way this script expects`);
  return match[0];
}

/** The quoted names of a Lua list such as `local plugins = { ... }`, comments dropped. */
function luaNames(text: string, opening: RegExp, file: string): string[] {
  const block = new RegExp(`${opening.source}\\{([\\s\\S]*?)\\n\\s*\\}`).exec(text);
  if (!block) throw new Error(`${file}: no ${opening.source} list`);
  return [...block[1].replace(/--[^\n]*/g, '').matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1]);
}

/**
 * `plugins = bundled`: kong/constants.lua's `local plugins` list; Enterprise's constants.lua
 * appends the distribution's plugins-ee list and kong/enterprise_edition/constants.lua's
 * BUNDLED_EE_PLUGINS (kong/constants.lua@FTI-6378).
 */
function bundledPlugins(tree: string, edition: Release['edition']): string[] {
  const read = (file: string) => readFileSync(path.join(tree, file), 'utf8');
  const names = luaNames(read('kong/constants.lua'), /local plugins = /, 'kong/constants.lua');
  if (edition === 'oss') return names;
  return [...new Set([
    ...names,
    ...luaNames(read('kong/enterprise_edition/distributions_constants.lua'), /c\.plugins = /, 'distributions_constants.lua'),
    ...luaNames(read('kong/enterprise_edition/constants.lua'), /BUNDLED_EE_PLUGINS = /, 'kong/enterprise_edition/constants.lua'),
  ])];
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
  const live = LIVE ? new LiveMigrations('luajit', READER, release.tree, release.subsystemNames, LUA_ENV) : undefined;
  try {
    if (live) await live.listing();
    const runFunction = async (subsystem: string, migration: Migration, phase: 'up_f' | 'teardown', where: string) => {
      if (live) {
        try {
          await live.run(client, subsystem, migration.name, phase);
        } catch (error) {
          throw new Error(`${where} ${phase}: ${(error as Error).message}`);
        }
      } else {
        for (const sql of migration[phase]) await run(client, sql, `${where} ${phase}`);
      }
    };
    const state = await recorded(client);
    for (const { subsystem, migrations } of release.subsystems) {
      const seen = state.get(subsystem);
      for (const migration of migrations) {
        const where = `${step.tag} ${subsystem} ${migration.name}`;
        const isNew = !seen?.executed.has(migration.name) && !seen?.pending.has(migration.name);
        if (step.command !== 'finish' && isNew) {
          const up = migration.up.trim();
          if (up !== '') await run(client, `BEGIN;\n${up.endsWith(';') ? up : `${up};`}\nCOMMIT;\n`, `${where} up`);
          if (migration.hasUpF) await runFunction(subsystem, migration, 'up_f', where);
          await client.query(migration.hasTeardown ? RECORD.pending : RECORD.executed, [subsystem, migration.name]);
        }
        const runTeardown = step.command === 'bootstrap' ? isNew : step.command === 'finish' && seen?.pending.has(migration.name);
        if (runTeardown && migration.hasTeardown) {
          await runFunction(subsystem, migration, 'teardown', where);
          await client.query(RECORD.teardown, [subsystem, migration.name]);
        }
      }
    }
  } finally {
    live?.close();
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
  const inserts = new Map<string, string>();
  for (const table of tables) {
    const own = columns.filter((c) => c.table === table);
    const values = own.map((c) => (c.type.startsWith('timestamp')
      ? `CASE WHEN ${ident(c.column)} IS NULL THEN 'NULL' ELSE quote_literal('${FIXED_TIME}') END`
      : `quote_nullable(${ident(c.column)}::text)`));
    const { rows } = await client.query<{ row: string }>(
      `SELECT '(' || concat_ws(', ', ${values.join(', ')}) || ')' AS row FROM ${ident(table)} ORDER BY 1`);
    if (rows.length === 0) continue;
    inserts.set(table, `INSERT INTO ${ident(table)} (${own.map((c) => ident(c.column)).join(', ')}) VALUES\n  ${rows.map((r) => r.row).join(',\n  ')};\n`);
  }
  for (const table of referencedFirst([...inserts.keys()], foreign)) out.push(inserts.get(table)!);
  return out.join('\n');
}

/**
 * Tables in name order, except that a table comes after the tables its foreign keys point to,
 * since the keys are declared before the rows (Enterprise's seeded rbac_role_endpoints rows
 * reference rbac_roles).
 */
function referencedFirst(tables: readonly string[], foreign: readonly ConstraintRow[]): string[] {
  const pending = new Set(tables);
  const needs = (table: string) => foreign
    .filter((k) => k.table === table)
    .map((k) => /REFERENCES ("[^"]+"|[^\s(]+)/.exec(k.def)?.[1].replace(/"/g, ''))
    .filter((target): target is string => target !== undefined && target !== table && pending.has(target));
  const ordered: string[] = [];
  while (pending.size > 0) {
    const next = [...pending].sort().find((t) => needs(t).length === 0);
    if (!next) throw new Error(`rows of ${[...pending].join(', ')} reference each other`);
    ordered.push(next);
    pending.delete(next);
  }
  return ordered;
}

function header(steps: readonly Step[]): string {
  const commands = steps.map((s) => `\`kong migrations ${s.command}\` of ${s.tag}`).join(', then ');
  const lines = [
    `Kong database as ${commands} leaves it (PostgreSQL, plugins = bundled).`,
    'Generated by test/support/kong-schema/generate.ts from the Kong/kong repository; do not edit by hand.',
  ];
  for (const spec of [...new Set(steps.map((s) => s.tag))]) {
    const release = loadRelease(spec);
    const tag = release.tag;
    const names = release.subsystems.map((s) => s.subsystem);
    const plugins = names.filter((n) => n !== 'core' && !n.startsWith('enterprise'));
    if (release.edition === 'enterprise') {
      const eePlugins = names.filter((n) => n.startsWith('enterprise.')).map((n) => n.slice('enterprise.'.length));
      if (release.asOf) {
        const minor = release.asOf.join('.');
        lines.push(`APPROXIMATION of a Kong Enterprise ${minor}.x.x database, made from the newer Kong Enterprise ${release.version} source:`);
        lines.push(`  only the migrations a ${minor} release had run are run (by the release each name leads to, enterprise-release.ts),`);
        lines.push(`  not that release's own copies of them; fixtures/db/kong/README.md says what differs.`);
      }
      lines.push(`Kong Enterprise ${release.version} source, branch ${release.tag} of the Kong/kong mirror, laid out as its release build installs it`);
      lines.push('  (plugins-ee/*/kong merged into kong/, distribution/distributions_constants.lua as kong/enterprise_edition/distributions_constants.lua),');
      lines.push('  plugins = bundled per kong/constants.lua, subsystems in the order of kong/db/migrations/subsystems.lua and state.lua, no KONG_PASSWORD.');
      const files = release.asOf ? '<the migrations schema_meta records>' : '*';
      lines.push(`Source @${tag}: kong/db/migrations/core/${files}.lua, kong/plugins/{${plugins.join(',')}}/migrations/${files}.lua,`);
      lines.push(`  kong/enterprise_edition/db/migrations/enterprise/${files}.lua, kong/plugins/{${eePlugins.join(',')}}/migrations/enterprise/${files}.lua,`);
    } else {
      lines.push(`Source @${tag}: kong/db/migrations/core/*.lua, kong/plugins/{${plugins.join(',')}}/migrations/*.lua,`);
    }
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
    for (const tree of trees) rmSync(tree, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
