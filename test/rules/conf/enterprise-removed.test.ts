import rule from '../../../rules/conf/enterprise-removed';
import { ruleTester } from '../../support/rule-tester';

const PORTAL = 'portal = on\nportal_gui_host = portal.example.com\n';

ruleTester.run(rule, {
  valid: [
    { name: 'Dev Portal on a path below 3.5', conf: PORTAL, from: '3.3', to: '3.4', edition: 'enterprise' },
    { name: 'Vitals on 3.4.x only', conf: 'vitals = on\n', from: '3.4.1.0', to: '3.4', edition: 'enterprise' },
    { name: 'Wasm on a path that stops at 3.10', conf: 'wasm = on\n', from: '3.5', to: '3.10', edition: 'enterprise' },
    { name: 'no product settings, on a path that starts after the removals', conf: 'pg_host = db\n', from: '3.5', to: '3.14', edition: 'enterprise' },
    { name: 'Vitals left at its default on a path below 3.5', conf: 'pg_host = db\n', from: '2.8', to: '3.4', edition: 'enterprise' },
  ],
  invalid: [
    {
      name: 'Dev Portal enabled crossing 3.5', conf: PORTAL, from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [
        { messageId: 'productEnabled', severity: 'blocker', line: 1, hop: '3.4.x -> 3.10.x' },
        { messageId: 'leftover', severity: 'info', line: 2 },
        // Vitals is not written, so it runs at its Enterprise default until 3.5.
        { messageId: 'productOnByDefault', severity: 'warning' },
      ],
    },
    {
      name: 'leftover portal key with the portal off', conf: 'portal = off\nportal_gui_listen = 0.0.0.0:8003\n', from: '3.4', to: '3.5', edition: 'enterprise',
      findings: [{ messageId: 'leftover', severity: 'info', line: 1 }, { messageId: 'leftover', severity: 'info', line: 2 }, { messageId: 'productOnByDefault', severity: 'warning' }],
    },
    {
      name: 'Vitals enabled crossing 3.5', conf: 'vitals = on\nvitals_strategy = prometheus\n', from: '2.8', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'productEnabled', severity: 'warning', hop: '3.4.x -> 3.10.x' }, { messageId: 'leftover', line: 2 }],
    },
    {
      // Enterprise 2.8-3.4 default vitals to on (kong-conf/3.4.json): the product runs unless turned off.
      name: 'Vitals left at its Enterprise default crossing 3.5', conf: 'pg_host = db\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'productOnByDefault', severity: 'warning', line: 1, hop: '3.4.x -> 3.10.x' }],
    },
    {
      name: 'Vitals turned off crossing 3.5: only the leftover switch', conf: 'vitals = off\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'leftover', severity: 'info', line: 1 }],
    },
    {
      name: 'granular tracing crossing 3.7', conf: 'tracing = on\ntracing_types = all\n', from: '3.6', to: '3.7', edition: 'enterprise',
      findings: [{ messageId: 'productEnabled', severity: 'warning', hop: '3.7' }, { messageId: 'leftover', line: 2 }],
    },
    {
      name: 'Wasm crossing 3.11', conf: 'wasm = on\nwasm_filters_path = /opt/filters\n', from: '3.10', to: '3.14', edition: 'enterprise',
      findings: [{ messageId: 'productEnabled', severity: 'warning' }, { messageId: 'leftover', line: 2 }],
    },
  ],
  notEvaluated: [],
});

describe('conf/enterprise-removed on OSS', () => {
  it('is not applicable', async () => {
    const { runCase } = await import('../../support/rule-tester');
    const { result } = await runCase(rule, { name: 'oss', conf: PORTAL, from: '3.4', to: '3.6', edition: 'oss' });
    expect(result.findings).toEqual([]);
    expect(result.notApplicable[0].reason).toMatch(/edition/);
  });
});

describe('conf/enterprise-removed remediation', () => {
  it('gives the Dev Portal and Vitals each their own way out, not one shared text', async () => {
    const { runCase } = await import('../../support/rule-tester');
    const { result } = await runCase(rule, { name: 'both', conf: 'portal = on\nvitals = on\n', from: '3.4', to: '3.10', edition: 'enterprise' });
    const enabled = result.findings.filter((f) => f.messageId === 'productEnabled');
    const portal = enabled.find((f) => f.data?.key === 'portal')!;
    const vitals = enabled.find((f) => f.data?.key === 'vitals')!;
    expect(portal.severity).toBe('blocker');
    expect(vitals.severity).toBe('warning');
    expect(portal.remediation).toMatch(/Kong Enterprise Portal.*Kong Support.*portal = off/);
    expect(portal.remediation).not.toMatch(/Prometheus|vitals/);
    expect(vitals.remediation).toMatch(/Prometheus or OpenTelemetry.*vitals = off/);
    expect(vitals.remediation).not.toMatch(/portal/i);
  });
});
