import rule from '../../../rules/db/recent-config-writes';
import { databaseInputs } from '../../support/database-input';
import { ruleTester, runCase } from '../../support/rule-tester';
import { loadDatabase } from '../../../src/inputs/database';
import { scenarioDatabase } from '../../support/database-input';

ruleTester.run(rule, {
  valid: [
    { name: 'nothing written for months', from: '2.8', to: '3.4', inputs: databaseInputs('settled-2.8') },
  ],
  invalid: [
    {
      name: 'a route and a plugin written just now',
      from: '2.8', to: '3.4', inputs: databaseInputs('recent-writes-2.8'),
      findings: [{ messageId: 'recentWrites', severity: 'warning', data: { minutes: 30 } }],
    },
  ],
  notEvaluated: [{ name: 'no database read', from: '2.8', to: '3.4', missing: { database: '--no-db given' }, reason: /--no-db/ }],
});

describe('db/recent-config-writes details', () => {
  it('names the tables and rows, and gives the freeze steps of the topology', async () => {
    const { result } = await runCase(rule, { name: 'cp', from: '2.8', to: '3.4', topology: 'hybrid', role: 'control_plane', inputs: databaseInputs('recent-writes-2.8') });
    const [finding] = result.findings;
    expect(finding.message).toMatch(/\(plugins: 1 row, routes: 1 row; newest .* in (plugins|routes)\)/);
    expect(finding.remediation).toMatch(/writes reach only the control planes/);
    expect(finding.location).toMatchObject({ kind: 'db' });
    const { result: traditional } = await runCase(rule, { name: 'traditional', from: '2.8', to: '3.4', inputs: databaseInputs('recent-writes-2.8') });
    expect(traditional.findings[0].remediation).toMatch(/Every node of a traditional cluster/);
  });

  it('reads the window from --recent-writes-minutes: rows months old are outside any small window', async () => {
    const db = await scenarioDatabase('settled-2.8');
    const input = await loadDatabase({ url: db.url, recentWritesMinutes: 1 });
    try {
      expect(input.recentWrites.windowMinutes).toBe(1);
      expect(input.recentWrites.tables).toEqual([]);
    } finally {
      await input.close();
    }
    const wide = await loadDatabase({ url: db.url, recentWritesMinutes: 60 * 24 * 365 * 5 });
    try {
      expect(wide.recentWrites.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['routes', 'services', 'plugins']));
    } finally {
      await wide.close();
    }
  });
});
