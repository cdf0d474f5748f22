// The database input and full checks on Enterprise databases as Kong Enterprise's migrations leave
// them (fixtures/db/kong/kong-ee-*.sql): 2.8.x and 3.4.x, the LTS releases most Enterprise upgrades
// start from, approximated from the 3.10.0.0 source (see fixtures/db/kong/README.md), in use with
// two workspaces, RBAC, a license and Enterprise plugins whose secrets must never be printed; and a
// 2.8 database halfway through `kong migrations up` of 3.4.

import { loadDatabase, type DatabaseInput } from '../../../src/inputs/database';
import type { Entity } from '../../../src/model/entities';
import { runCli } from '../../support/cli';
import { sharedScenarioDatabase } from '../../support/postgres';

const SECRET_MARK = 'ee-secret-must-not-print';
const EE_28 = 'kong-ee-2.8.x-from-3.10-source-in-use';
const EE_34 = 'kong-ee-3.4.x-from-3.10-source-in-use';
const EE_28_UP_34 = 'kong-ee-2.8.x-up-3.4.x-from-3.10-source';

const opened = new Map<string, Promise<DatabaseInput>>();
function load(scenario: string): Promise<DatabaseInput> {
  if (!opened.has(scenario)) opened.set(scenario, sharedScenarioDatabase(scenario).then((db) => loadDatabase({ url: db.url })));
  return opened.get(scenario)!;
}

afterAll(async () => {
  for (const input of opened.values()) await (await input).close();
});

async function entities(scenario: string, type: 'route' | 'plugin' | 'service' | 'consumer_group_plugin'): Promise<Entity[]> {
  const rows: Entity[] = [];
  await (await load(scenario)).entities.each(type, (e) => rows.push(e));
  return rows;
}

describe.each([
  // Enterprise names its 2.6-2.8 core migrations apart from OSS (014_230_to_260 ... 016_270_to_280).
  [EE_28, { label: '2.8.x', plan: '2.8.x', pending: [] as string[] }],
  [EE_34, { label: '3.4.x', plan: '3.4.x', pending: [] as string[] }],
  // `up` of 3.4 ran: the ledger reaches 3.4 with the 3.0 migrations that have a teardown pending.
  [EE_28_UP_34, {
    label: '3.4.x', plan: '3.4.x',
    pending: ['core', 'enterprise', 'http-log', 'openid-connect', 'opentelemetry', 'post-function', 'pre-function'],
  }],
])('%s', (scenario, expected) => {
  it('reads the installed minor, pending migrations and that it is Enterprise', async () => {
    const input = await load(scenario);
    expect(input.installed.label).toBe(expected.label);
    expect(input.installed.planVersion.toString()).toBe(expected.plan);
    expect(input.installed.newerThanKnown).toBeUndefined();
    expect(input.pending.map((p) => p.subsystem).sort()).toEqual(expected.pending);
    expect(input.enterpriseEvidence.length).toBeGreaterThan(0);
  });
});

describe.each([[EE_28], [EE_34]])('%s in use', (scenario) => {
  it('reads the entities of every workspace, secrets left out', async () => {
    const input = await load(scenario);
    expect(input.workspaces.map((w) => w.name).sort()).toEqual(['default', 'team-payments']);
    const services = await entities(scenario, 'service');
    expect(services.map((s) => `${s.workspace}/${s.name}`).sort()).toEqual(['default/catalog', 'team-payments/payments']);
    const plugins = await entities(scenario, 'plugin');
    expect(plugins.filter((p) => p.workspace === 'team-payments').map((p) => p.fields.name).sort()).toEqual(['cors', 'key-auth-enc']);
    expect(JSON.stringify(plugins.map((p) => p.fields.name))).toContain('openid-connect');
  });
});

// consumer_group_plugins (Enterprise 012_2600_to_2700_1@FTI-6378) holds rate-limiting-advanced
// overrides whose config is a record of four fields of its own (consumer_group_plugins.lua@FTI-6378).
describe.each([
  [EE_28, 'e28a0000-0000-4000-8000-0000000005a1', 'e28a0000-0000-4000-8000-0000000004a1'],
  [EE_34, 'e34a0000-0000-4000-8000-0000000005a1', 'e34a0000-0000-4000-8000-0000000004a1'],
])('%s consumer-group overrides', (scenario, overrideId, groupId) => {
  it('reads each override as its own entity with its config and group, never as a plugin', async () => {
    const overrides = await entities(scenario, 'consumer_group_plugin');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({
      id: overrideId, name: 'rate-limiting-advanced', workspace: 'default', parents: { consumer_group: { id: groupId } },
      fields: { config: { window_size: [60], limit: [1000], window_type: 'sliding', retry_after_jitter_max: 0 } },
    });
    expect(overrides[0].origin).toMatchObject({ kind: 'db', table: 'consumer_group_plugins', id: overrideId });
    expect((await entities(scenario, 'plugin')).map((p) => p.id)).not.toContain(overrideId);
  });
});

describe('operator checks on the Enterprise LTS databases', () => {
  const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'];

  async function check(scenario: string, to: string) {
    const db = await sharedScenarioDatabase(scenario);
    const outputs: string[] = [];
    for (const format of FORMATS) {
      const result = await runCli(['check', '--pg', db.url, '--to', to, '--format', format, '--fail-on', 'none']);
      expect([format, result.stderr, result.code]).toEqual([format, '', 0]);
      expect(result.stdout).not.toContain(SECRET_MARK);
      expect(result.stdout).not.toContain(db.password);
      outputs.push(result.stdout);
    }
    return JSON.parse(outputs[FORMATS.indexOf('json')]) as {
      installation: { edition: { value: string }; from: { value: string; reason: string } };
      plan: { edition: string; hops: { label: string }[] };
      findings: { ruleId: string; message: string; severity: string }[];
      internalErrors: unknown[];
    };
  }

  it.each([
    [EE_28, '3.4', ['2.8.x -> 3.4.x']],
    // Two LTS hops (developer.konghq.com app/gateway/upgrade/reference.md: adjacent LTS releases).
    [EE_28, '3.10', ['2.8.x -> 3.4.x', '3.4.x -> 3.10.x']],
    [EE_34, '3.10', ['3.4.x -> 3.10.x']],
    [EE_34, '3.14', ['3.4.x -> 3.10.x', '3.10.x -> 3.14.x']],
  ])('%s --to %s: Enterprise, the LTS path, Enterprise plugins bundled, no secret, no internal error', async (scenario, to, hops) => {
    const report = await check(scenario, to);
    expect(report.internalErrors).toEqual([]);
    expect(report.installation.edition.value).toBe('enterprise');
    expect(report.installation.from.reason).toContain('a Kong Enterprise ledger: 014_230_to_260, 015_260_to_270, 016_270_to_280');
    expect(report.plan.edition).toBe('enterprise');
    expect(report.plan.hops.map((h) => h.label)).toEqual(hops);
    expect(report.findings.filter((f) => f.ruleId === 'db/custom-plugins')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'db/installed-version-mismatch')).toEqual([]);
  });

  it('2.8 -> 3.4 reports what an Enterprise 2.8 database carries into 3.x', async () => {
    const report = await check(EE_28, '3.4');
    const messages = report.findings.map((f) => `${f.ruleId}: ${f.message}`);
    // 2.x regex paths in both workspaces, a 2.7-era openid-connect session_redis_auth, 2.x consumer-group overrides.
    expect(messages.filter((m) => m.startsWith('entities/route-regex-path-without-tilde')).length).toBe(2);
    expect(messages.some((m) => m.includes('stored `config.session_redis_auth` is rewritten to `config.session_redis_password`'))).toBe(true);
    expect(messages.some((m) => m.includes('Consumer-group overrides inside rate-limiting-advanced'))).toBe(true);
  });

  it('reports a stored consumer-group override on paths across 3.4, where it became deprecated, and not after', async () => {
    const overrideFindings = (report: Awaited<ReturnType<typeof check>>) =>
      report.findings.filter((f) => f.ruleId === 'entities/behaviour-changed' && f.message.startsWith('consumer_group_plugin'));
    const across = overrideFindings(await check(EE_28, '3.4'));
    expect(across.map((f) => f.severity)).toEqual(['warning']);
    expect(across[0].message).toContain('consumer_group_plugins row');
    expect(across[0].message).toContain('enforce_consumer_groups');
    // A 3.4 database already lives with the deprecation: 3.10 changes nothing about the row.
    expect(overrideFindings(await check(EE_34, '3.10'))).toEqual([]);
  });

  it('a 2.8 database halfway through `up` of 3.4 is an upgrade in progress', async () => {
    const report = await check(EE_28_UP_34, '3.10');
    const inProgress = report.findings.filter((f) => f.ruleId === 'db/migrations-in-progress');
    expect(inProgress.map((f) => f.message).join('\n')).toContain('enterprise has pending migrations (014_2800_to_3000)');
    expect(inProgress.every((f) => f.severity === 'blocker')).toBe(true);
  });
});
