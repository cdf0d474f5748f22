import rule from '../../../rules/conf/pg-ssl-version-enum';
import { runCase, ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'tlsv1_2 is allowed', conf: 'pg_ssl = on\npg_ssl_version = tlsv1_2\n', from: '2.8.2.4', to: '3.4', edition: 'enterprise' },
    { name: 'any is allowed', conf: 'pg_ssl_version = any\n', from: '2.8', to: '3.4', edition: 'enterprise' },
    { name: 'env override with an allowed value wins', conf: 'pg_ssl_version = tlsv1\n', env: { KONG_PG_SSL_VERSION: 'tlsv1_2' }, from: '2.8.2.4', to: '3.4', edition: 'enterprise' },
    { name: 'no SSL and no version set', conf: 'database = postgres\n', from: '2.8', to: '3.4', edition: 'enterprise' },
    { name: 'SSL on, version read from a file at start', conf: 'pg_ssl = on\n', env: { KONG_PG_SSL_VERSION_FILE: '/run/secrets/pg_ssl_version' }, from: '2.8', to: '3.4', edition: 'enterprise' },
  ],
  invalid: [
    {
      name: 'tlsv1 on a path through 3.2.1.0',
      conf: 'database = postgres\npg_ssl = on\npg_ssl_version = tlsv1\n',
      from: '2.8.2.4', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'outsideEnum', severity: 'blocker', line: 3, column: 1, hop: '2.8.2.4 -> 3.4', data: { key: 'pg_ssl_version', value: 'tlsv1' } }],
    },
    {
      name: 'read-only replica key too',
      conf: 'pg_ssl_version = tlsv1_2\npg_ro_ssl_version = tlsv1\n',
      from: '3.1', to: '3.2', edition: 'enterprise',
      findings: [{ messageId: 'outsideEnum', line: 2, data: { key: 'pg_ro_ssl_version' } }],
    },
    {
      name: 'SSL on relying on the default that becomes tlsv1_2',
      conf: 'pg_ssl = on\n',
      from: '2.8', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'newDefault', severity: 'warning', line: 1 }],
    },
  ],
});

describe('conf/pg-ssl-version-enum gating', () => {
  it('does not run on OSS (the property is Enterprise-only)', async () => {
    const { result } = await runCase(rule, { name: 'oss', conf: 'pg_ssl_version = tlsv1\n', from: '2.8', to: '3.4', edition: 'oss' });
    expect(result.findings).toEqual([]);
    expect(result.notApplicable[0].reason).toMatch(/edition/);
  });

  it('does not run on a path that stops before 3.2.1.0', async () => {
    const { result } = await runCase(rule, { name: 'short', conf: 'pg_ssl_version = tlsv1\n', from: '2.8.2.4', to: '3.1.1.3', edition: 'enterprise' });
    expect(result.findings).toEqual([]);
    expect(result.notApplicable[0].reason).toMatch(/path/);
  });
});
