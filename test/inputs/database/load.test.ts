// The database loader against real PostgreSQL databases loaded from fixtures/db scenarios.

import { loadDatabase, type DatabaseInput } from '../../../src/inputs/database';
import { sharedScenarioDatabase, testServerMajor } from '../../support/postgres';
import type { Entity } from '../../../src/model/entities';

// Nothing here writes: tests share the run's scenario databases and one session per scenario.
const opened = new Map<string, Promise<DatabaseInput>>();

async function load(scenario: string): Promise<DatabaseInput> {
  if (!opened.has(scenario)) {
    opened.set(scenario, sharedScenarioDatabase(scenario).then((db) => loadDatabase({ url: db.url })));
  }
  return opened.get(scenario)!;
}

afterAll(async () => {
  for (const input of opened.values()) await (await input).close();
});

async function collect(input: DatabaseInput, type: Parameters<DatabaseInput['entities']['each']>[0]): Promise<Entity[]> {
  const out: Entity[] = [];
  await input.entities.each(type, (e) => out.push(e));
  return out;
}

describe('installed version from schema_meta', () => {
  it.each([
    ['clean-2.8', '2.8.x', '2.8.x'],
    ['clean-3.4', '3.4.x', '3.4.x'],
    ['clean-3.9', '3.9.x or later', '3.9.x'],
    ['pending-2.8-to-3.4', '3.4.x', '3.4.x'],
  ])('%s reads as %s', async (scenario, label, plan) => {
    const input = await load(scenario);
    expect(input.installed.label).toBe(label);
    expect(input.installed.planVersion.toString()).toBe(plan);
  });
});

describe('migration state', () => {
  it('a clean database has nothing pending and no lock', async () => {
    const input = await load('clean-2.8');
    expect(input.pending).toEqual([]);
    expect(input.lock).toBeUndefined();
  });

  it('lists pending migrations per subsystem', async () => {
    const input = await load('pending-2.8-to-3.4');
    expect(input.pending).toEqual([
      { subsystem: 'core', names: ['016_280_to_300'] },
      { subsystem: 'http-log', names: ['001_280_to_300'] },
    ]);
  });

  it('tells a live migrations lock from an expired one', async () => {
    expect((await load('lock-2.8')).lock?.active).toBe(true);
    expect((await load('stale-lock-2.8')).lock?.active).toBe(false);
  });
});

describe('server and role', () => {
  it('reads the server version and the role privileges', async () => {
    const input = await load('clean-3.4');
    expect(input.server.versionNum).toBeGreaterThanOrEqual(input.server.major * 10000);
    expect(input.server.major).toBe(testServerMajor());
    expect(input.privileges.role).toBe('postgres');
    expect(input.privileges.schema).toBe('public');
    expect(input.privileges.canCreateInSchema).toBe(true);
  });
});

describe('Enterprise, workspaces and licenses', () => {
  it('reads license rows without keeping the payload', async () => {
    const input = await load('ee-3.4-licensed');
    expect(input.licenses).toHaveLength(1);
    expect(input.licenses[0]).toMatchObject({
      id: '6c1e2d3f-0000-4000-8000-00000000cc01', expirationDate: '2027-06-30', unreadable: false,
      origin: { kind: 'db', table: 'licenses', id: '6c1e2d3f-0000-4000-8000-00000000cc01' },
    });
    const text = JSON.stringify(input.licenses);
    expect(text).not.toContain('TEST-PLACEHOLDER-KEY');
    expect(text).not.toContain('signature');
    expect(input.enterpriseEvidence).toEqual(expect.arrayContaining(['table licenses', 'schema_meta subsystem enterprise']));
    expect(input.workspaces.map((w) => w.name)).toEqual(['default', 'team-payments']);
  });

  it('an Enterprise database without a license has no license rows', async () => {
    const input = await load('ee-3.4-unlicensed');
    expect(input.licenses).toEqual([]);
    expect(input.enterpriseEvidence).toContain('table licenses');
  });

  it('an OSS database shows no Enterprise evidence', async () => {
    const input = await load('clean-3.9');
    expect(input.enterpriseEvidence).toEqual([]);
    expect(input.workspaces.map((w) => w.name)).toEqual(['default']);
  });
});

describe('data planes and plugin names', () => {
  it('reads data planes and marks expired rows', async () => {
    const input = await load('hybrid-cp-2.8');
    expect(input.dataPlanes.map((d) => [d.hostname, d.version, d.live])).toEqual([
      ['dp-eu-1', '2.8.4', true], ['dp-eu-2', '2.8.1', true], ['dp-old', '2.7.1', false],
    ]);
  });

  it('counts plugin rows per name on the server', async () => {
    const input = await load('unknown-plugins-2.8');
    expect(input.pluginUsage.find((p) => p.name === 'legacy-sso')).toEqual({
      name: 'legacy-sso', rows: 2, enabledRows: 1, sampleId: 'b1d2e3f4-0000-4000-8000-000000000022',
    });
  });
});

describe('entities', () => {
  it('streams routes into the shared model with table and row id', async () => {
    const input = await load('regex-routes-2.8');
    const routes = await collect(input, 'route');
    const byName = new Map(routes.map((r) => [r.name, r]));
    expect(routes).toHaveLength(5);
    const route = byName.get('orders-by-id')!;
    expect(route.fields.paths).toEqual(['/orders/\\d+$']);
    expect(route.parents).toEqual({ service: { id: '5e0a7c1b-8f57-4b6e-9a57-0a3c9d4e2f11' } });
    expect(route.workspace).toBe('default');
    expect(route.origin).toEqual({ kind: 'db', table: 'routes', id: 'a0e1c2d3-0000-4000-8000-000000000001' });
    expect(route.at(['paths', 0])).toEqual({ ...route.origin, field: 'paths.0' });
    expect(await input.entities.count!('route')).toBe(5);
  });

  it('reads every entity type of a 3.x database, leaving private keys out', async () => {
    const input = await load('clean-3.9');
    const certificates = await collect(input, 'certificate');
    expect(certificates).toHaveLength(1);
    expect(certificates[0].fields).not.toHaveProperty('key');
    expect(JSON.stringify(certificates[0].fields)).not.toContain('PRIVATE KEY');
    const keys = await collect(input, 'key');
    expect(keys[0].fields).not.toHaveProperty('jwk');
    expect((await collect(input, 'route')).find((r) => r.name === 'orders-expression')?.fields.expression)
      .toBe('http.path ^= "/v2/orders"');
    expect((await collect(input, 'plugin')).map((p) => p.name).sort()).toEqual(['key-auth', 'prometheus', 'rate-limiting']);
    const [target] = await collect(input, 'target');
    expect(target.parents).toEqual({ upstream: { id: 'e1f2a3b4-0000-4000-8000-000000000001' } });
    expect(target.sourceKind).toBe('database');
    const [sni] = await collect(input, 'sni');
    expect(sni.parents).toEqual({ certificate: { id: 'f1e2d3c4-0000-4000-8000-000000000001' } });
    expect(await collect(input, 'vault')).toEqual([]);
  });

  it('reads 2.8 vaults from vaults_beta and skips tables a version lacks', async () => {
    const input = await load('clean-2.8');
    expect(await collect(input, 'vault')).toEqual([]);
    expect(await collect(input, 'key')).toEqual([]);
    expect(await collect(input, 'license')).toEqual([]);
  });
});
