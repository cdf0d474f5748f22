// The same configuration read from a declarative file and from rows shaped like Kong's database
// tables must give the same rule ids, each with its own kind of location.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity, EntitySource, EntityType, FieldPath } from '../../src/model/entities';
import type { DbOrigin } from '../../src/model/origin';
import pluginFieldRenamed from '../../rules/entities/plugin-field-renamed';
import { runOnFiles, runOnSources } from '../support/declarative-harness';

const TABLES: Partial<Record<EntityType, string>> = { route: 'routes', plugin: 'plugins', service: 'services' };

/** Rows as the database helper reads them: Kong's column names, foreign keys as `{ id }`. */
function rowSource(rows: { type: EntityType; fields: Record<string, unknown> }[]): EntitySource {
  const entities: Entity[] = rows.map(({ type, fields }) => {
    const origin: DbOrigin = { kind: 'db', table: TABLES[type] ?? type, id: String(fields.id) };
    return {
      type, fields, id: String(fields.id), name: typeof fields.name === 'string' ? fields.name : undefined, origin,
      ...(fields.service ? { parents: { service: fields.service as { id: string } } } : {}),
      at: (path: FieldPath = []) => (path.length === 0 ? origin : { ...origin, field: path.join('.') }),
    };
  });
  return {
    kind: 'database',
    label: 'postgres test rows',
    async each(type, visit) {
      for (const entity of entities) if (entity.type === type) visit(entity);
    },
  };
}

const SERVICE_ID = '6f1d0b4e-8a0c-4c35-b1a9-3f3e0c1d2e01';

const FILE = `_format_version: "3.0"
services:
- name: orders
  url: http://orders.internal
  routes:
  - name: order-by-id
    paths:
    - /orders/\\d+
  plugins:
  - name: ip-restriction
    config:
      whitelist: [10.0.0.0/8]
`;

const ROWS = rowSource([
  { type: 'service', fields: { id: SERVICE_ID, name: 'orders', host: 'orders.internal', protocol: 'http', port: 80 } },
  { type: 'route', fields: { id: 'a1d0c6e2-0000-4000-8000-000000000001', name: 'order-by-id', paths: ['/orders/\\d+'], service: { id: SERVICE_ID }, path_handling: 'v0' } },
  { type: 'plugin', fields: { id: 'a1d0c6e2-0000-4000-8000-000000000002', name: 'ip-restriction', service: { id: SERVICE_ID }, config: { whitelist: ['10.0.0.0/8'], deny: null } } },
]);

describe('declarative file and database rows give the same rule ids', () => {
  const plan = { from: '2.8.2', to: '3.4.0' };

  it('regex route without ~ and a removed plugin field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-parity-'));
    writeFileSync(join(dir, 'kong.yml'), FILE);
    const fromFile = await runOnFiles(plan, ['kong.yml'], dir);
    const fromRows = await runOnSources(plan, [ROWS]);
    const ids = (r: typeof fromFile) => r.findings.map((f) => f.ruleId).sort();
    expect(ids(fromFile)).toEqual(['entities/plugin-field-renamed', 'entities/route-regex-path-without-tilde']);
    expect(ids(fromRows)).toEqual(ids(fromFile));

    const byRule = (r: typeof fromFile, id: string) => r.findings.find((f) => f.ruleId === id)!;
    expect(byRule(fromFile, 'entities/route-regex-path-without-tilde').location).toMatchObject({ kind: 'file', file: 'kong.yml', line: 8, column: 7 });
    expect(byRule(fromRows, 'entities/route-regex-path-without-tilde').location).toEqual({
      kind: 'db', table: 'routes', id: 'a1d0c6e2-0000-4000-8000-000000000001', field: 'paths.0',
    });
    expect(byRule(fromFile, 'entities/plugin-field-renamed').location).toMatchObject({ kind: 'file', line: 12, column: 18 });
    expect(byRule(fromRows, 'entities/plugin-field-renamed').location).toEqual({
      kind: 'db', table: 'plugins', id: 'a1d0c6e2-0000-4000-8000-000000000002', field: 'config.whitelist',
    });
    // A file fails validation; the stored row is not rewritten by any migration on a 2.8 path (the
    // 2.1 ones did that) and 3.0 drops the field when reading it. Both block, for their own reason.
    expect(byRule(fromFile, 'entities/plugin-field-renamed').severity).toBe('blocker');
    expect(byRule(fromRows, 'entities/plugin-field-renamed')).toMatchObject({ severity: 'blocker', messageId: 'notMigrated' });
  });

  // Kong drops a removed key when it reads a row, so a stored value never makes it fail; for a
  // field whose removal is not documented (Enterprise request-transformer-advanced whitelist) it
  // is not known whether a migration moves it, so the row keeps the file's (uncertain) finding.
  it('a removed field: the file is refused, the row is read without it', async () => {
    const lambda = 'plugins:\n- name: aws-lambda\n  config: {function_name: bill, aws_region: eu-west-1, proxy_scheme: https, proxy_url: "http://proxy.internal:3128"}\n';
    const dir = mkdtempSync(join(tmpdir(), 'kp-parity-'));
    writeFileSync(join(dir, 'kong.yml'), lambda);
    const rows = rowSource([{ type: 'plugin', fields: { id: 'a1d0c6e2-0000-4000-8000-000000000003', name: 'aws-lambda', config: { function_name: 'bill', aws_region: 'eu-west-1', proxy_scheme: 'https', proxy_url: 'http://proxy.internal:3128' } } }]);
    const fromFile = await runOnFiles(plan, ['kong.yml'], dir, undefined, [pluginFieldRenamed]);
    const fromRows = await runOnSources(plan, [rows], [pluginFieldRenamed]);
    expect(fromFile.findings.map((f) => [f.messageId, f.severity])).toEqual([['removed', 'blocker']]);
    expect(fromRows.findings.map((f) => [f.messageId, f.severity])).toEqual([['storedIgnored', 'info']]);

    const ee = { from: '2.8.4.14', to: '3.4.3.2', edition: 'enterprise' as const };
    const rta = rowSource([{ type: 'plugin', fields: { id: 'a1d0c6e2-0000-4000-8000-000000000004', name: 'request-transformer-advanced', config: { whitelist: { body: ['id'] } } } }]);
    expect((await runOnSources(ee, [rta], [pluginFieldRenamed])).findings.map((f) => [f.messageId, f.severity])).toEqual([['removed', 'warning']]);
  });

  it('reads both sources in one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-parity-'));
    writeFileSync(join(dir, 'kong.yml'), FILE);
    const { loadDeclarative } = await import('../../src/inputs/declarative');
    const { config } = loadDeclarative({ paths: ['kong.yml'], cwd: dir });
    const both = await runOnSources(plan, [config!.entities, ROWS]);
    const kinds = both.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde').map((f) => f.location.kind);
    expect(kinds.sort()).toEqual(['db', 'file']);
  });
});
