// The database input on databases as Kong's own migrations leave them (fixtures/db/kong, generated
// from the Kong/kong sources), from 1.5 to 3.9, after bootstrap and mid-upgrade: what is read, that
// every entity type streams on every schema, and that a full check runs with no rule failing and no
// secret printed.

import { loadDatabase, type DatabaseInput } from '../../../src/inputs/database';
import { ENTITY_TYPES, type Entity, type EntityType } from '../../../src/model/entities';
import { runCli } from '../../support/cli';
import { sharedScenarioDatabase } from '../../support/postgres';

interface Expected {
  label: string;
  plan: string;
  workspaces: string[];
  /** Entity types whose table this version has (entities-any-version.sql fills one row each). */
  laterTables: EntityType[];
  pending: string[];
}

const ALL = ['data_plane', 'key', 'vault'] as EntityType[];
const SCENARIOS: Record<string, Expected> = {
  'kong-1.5.1': { label: '1.x (before 2.0)', plan: '1.0.x', workspaces: [], laterTables: [], pending: [] },
  'kong-2.0.5': { label: '2.0.x', plan: '2.0.x', workspaces: [], laterTables: [], pending: [] },
  'kong-2.1.4': { label: '>= 2.1.3 and < 2.2.0', plan: '2.1.x', workspaces: ['default'], laterTables: [], pending: [] },
  'kong-2.5.2': { label: '2.3.x-2.6.x', plan: '2.3.x', workspaces: ['default'], laterTables: ['data_plane'], pending: [] },
  'kong-2.8.5': { label: '2.8.x', plan: '2.8.x', workspaces: ['default'], laterTables: ['data_plane', 'vault'], pending: [] },
  'kong-3.0.2': { label: '3.0.x', plan: '3.0.x', workspaces: ['default'], laterTables: ['data_plane', 'vault'], pending: [] },
  'kong-3.2.2': { label: '3.2.x', plan: '3.2.x', workspaces: ['default'], laterTables: ALL, pending: [] },
  'kong-3.3.1': { label: '3.3.x', plan: '3.3.x', workspaces: ['default'], laterTables: ALL, pending: [] },
  'kong-3.4.2': { label: '3.4.x', plan: '3.4.x', workspaces: ['default'], laterTables: ALL, pending: [] },
  'kong-3.6.1': { label: '>= 3.6.1 and < 3.7.0', plan: '3.6.x', workspaces: ['default'], laterTables: ALL, pending: [] },
  'kong-3.9.3': { label: '3.9.x or later', plan: '3.9.x', workspaces: ['default'], laterTables: ALL, pending: [] },
  'kong-1.5.1-up-2.0.5-finish-2.0.5-up-2.8.5-finish-2.8.5': {
    label: '2.8.x', plan: '2.8.x', workspaces: ['default'], laterTables: ['data_plane', 'vault'], pending: [],
  },
  'kong-2.0.5-up-2.1.4': {
    label: '>= 2.1.3 and < 2.2.0', plan: '2.1.x', workspaces: ['default'], laterTables: [],
    pending: ['acl', 'basic-auth', 'bot-detection', 'core', 'hmac-auth', 'ip-restriction', 'jwt', 'key-auth', 'oauth2'],
  },
  'kong-2.8.5-up-3.4.2': {
    label: '3.4.x', plan: '3.4.x', workspaces: ['default'], laterTables: ALL,
    pending: ['core', 'http-log', 'post-function', 'pre-function'],
  },
  'kong-2.8.5-up-3.4.2-finish-3.4.2': { label: '3.4.x', plan: '3.4.x', workspaces: ['default'], laterTables: ALL, pending: [] },
};

/** Rows entities-any-version.sql writes into the tables every version has. */
const ALWAYS: Partial<Record<EntityType, number>> = {
  service: 1, route: 2, plugin: 4, consumer: 1, upstream: 1, target: 2, certificate: 1, sni: 1,
};

const SECRET_MARK = 'must-never-be-printed';

// Nothing here writes: one shared database and one session per scenario.
const opened = new Map<string, Promise<DatabaseInput>>();
function load(scenario: string): Promise<DatabaseInput> {
  if (!opened.has(scenario)) opened.set(scenario, sharedScenarioDatabase(scenario).then((db) => loadDatabase({ url: db.url })));
  return opened.get(scenario)!;
}

afterAll(async () => {
  for (const input of opened.values()) await (await input).close();
});

describe.each(Object.entries(SCENARIOS))('%s', (scenario, expected) => {
  it('reads the installed version, pending migrations and workspaces', async () => {
    const input = await load(scenario);
    expect(input.installed.label).toBe(expected.label);
    expect(input.installed.planVersion.toString()).toBe(expected.plan);
    expect(input.pending.map((p) => p.subsystem)).toEqual(expected.pending);
    expect(input.workspaces.map((w) => w.name)).toEqual(expected.workspaces);
    expect(input.lock).toBeUndefined();
    expect(input.enterpriseEvidence).toEqual([]);
  });

  it('streams every entity type this schema has, without secret columns', async () => {
    const input = await load(scenario);
    const seen: Entity[] = [];
    for (const type of ENTITY_TYPES) {
      const rows: Entity[] = [];
      await input.entities.each(type, (e) => rows.push(e));
      const count = ALWAYS[type] ?? (expected.laterTables.includes(type) ? 1 : type === 'workspace' ? expected.workspaces.length : 0);
      expect([type, rows.length]).toEqual([type, count]);
      seen.push(...rows);
    }
    const route = seen.find((e) => e.type === 'route' && e.name === 'orders-by-id')!;
    expect(route.fields.paths).toEqual(['/orders/\\d+$']);
    expect(route.workspace).toBe(expected.workspaces[0]);
    const text = JSON.stringify(seen.map((e) => e.fields));
    // Plugin configs are read as stored; credentials, private keys and JWKs never are.
    expect(text.replace(/"(redis_password|aws_key|aws_secret|client_secret|token)":"[^"]*"/g, '')).not.toContain(SECRET_MARK);
  });

  it('runs a full check to 3.9: every database rule evaluated, none failing, no secret printed', async () => {
    const db = await sharedScenarioDatabase(scenario);
    const result = await runCli(['check', '--pg', db.url, '--to', '3.9', '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.internalErrors).toEqual([]);
    expect(report.notEvaluated.filter((n: { ruleId: string }) => /^(db|entities)\//.test(n.ruleId))).toEqual([]);
    // --from came from this very database: it cannot contradict it.
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'db/installed-version-mismatch')).toEqual([]);
    expect(result.stdout).not.toContain(SECRET_MARK);
    expect(result.stdout).not.toContain(db.password);
  });
});

describe('a database Kong 1.5 migrated', () => {
  it('is named a 1.x database, without dating its 1.x migrations to 2.0', async () => {
    const input = await load('kong-1.5.1');
    expect(input.installed.evidence).toEqual([
      'core migrations stop at 007_140_to_150: 008_150_to_200 (2.0.0) is not recorded, so a 1.x Kong migrated this database',
    ]);
  });
});
