import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/conf/file-syntax';
import { runCli } from '../../support/cli';
import { runCase, ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'an ordinary file', conf: '# comment\ndatabase = postgres\npg_password = abc\\#def # trailing comment\n', from: '3.3', to: '3.4' },
    // suwa-sh/sandbox-kong config/kong.conf: Penlight rewrites 1.0 to 1, and Kong reads the
    // number-typed property with tonumber: the same number, nothing to report.
    { name: 'a number-typed property whose number does not change', conf: 'tracing_sampling_rate = 1.0\npg_port = 05432\n', from: '3.4', to: '3.9' },
  ],
  invalid: [
    {
      name: 'a duplicate key: the last one wins',
      conf: 'log_level = debug\nlog_level = notice\n', from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'warning', line: 2, data: { kind: 'duplicate-key', key: 'log_level' } }],
    },
    {
      name: 'a byte-order mark glues itself to the first key, which the message names as written and as Kong reads it',
      conf: '\uFEFFrole = traditional\n', from: '3.4', to: '3.10',
      findings: [{ messageId: 'diagnostic', line: 1, column: 1, data: { kind: 'byte-order-mark', key: '___role' }, message: 'Kong reads the first key `role` as `___role`' }],
    },
    {
      name: 'a section header hides later keys',
      conf: 'database = postgres\n[extra]\npg_host = db\n', from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'warning', line: 2, data: { kind: 'section-header' } }],
    },
    {
      name: 'an unescaped # cuts a password, and the secret is not printed',
      conf: 'pg_password = s3cr#tpass\n', from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'warning', line: 1, data: { kind: 'unescaped-hash' } }],
    },
    {
      name: 'a KONG_<PROPERTY>_FILE value cannot be read here',
      env: { KONG_PG_PASSWORD_FILE: '/run/secrets/pg' }, from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'info', env: 'KONG_PG_PASSWORD_FILE', message: 'reads into KONG_PG_PASSWORD', data: { kind: 'unreadable-value', key: 'pg_password' } }],
    },
    {
      name: 'KONG_<PROPERTY> and its _FILE form together: the image entrypoint exits',
      env: { KONG_PG_USER: 'kong', KONG_PG_USER_FILE: '/run/secrets/user' }, from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'warning', env: 'KONG_PG_USER_FILE', data: { kind: 'file-env-conflict', key: 'pg_user' } }],
    },
    {
      name: 'a rewritten number on a string property, or one that loses digits, is still reported',
      conf: 'pg_password = 012345\npg_timeout = 123456789012345678\n', from: '3.4', to: '3.9',
      findings: [
        { messageId: 'diagnostic', severity: 'info', line: 1, data: { kind: 'numeric-conversion', key: 'pg_password' } },
        { messageId: 'diagnostic', severity: 'info', line: 2, data: { kind: 'numeric-conversion', key: 'pg_timeout' } },
      ],
    },
    {
      name: 'the environment overrides a file line',
      conf: 'log_level = debug\n', env: { KONG_LOG_LEVEL: 'notice' }, from: '3.3', to: '3.4',
      findings: [{ messageId: 'diagnostic', severity: 'info', line: 1, message: 'KONG_LOG_LEVEL', data: { kind: 'env-overrides-file' } }],
    },
  ],
});

// An overridden line is not malformed: the rule-wide advice (no [sections], `\#`, no quotes) would
// send the operator looking for a syntax error in a valid line.
test('an overridden line is told where the setting lives, not to fix its syntax', async () => {
  const { result } = await runCase(rule, { name: 'env override', conf: 'pg_host = pg.internal\n', env: { KONG_PG_HOST: 'db' }, from: '3.4', to: '3.10' });
  expect(result.findings).toHaveLength(1);
  expect(result.findings[0].remediation).toContain('Kong runs with the overriding value');
  expect(result.findings[0].remediation).not.toContain('[sections]');
});

// A compose file passing the license through a shell variable: the value is unknown here. On
// Enterprise the license rule says so; the syntax rule saying it again was the same line twice.
describe('an unread KONG_LICENSE_DATA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-lic-compose-'));
  const compose = join(dir, 'compose.yaml');
  writeFileSync(compose, 'services:\n  kong:\n    image: kong/kong-gateway:3.4.3.12\n    environment:\n      KONG_DATABASE: postgres\n      KONG_LICENSE_DATA: ${KONG_LICENSE_DATA}\n');
  const findingsAt = async (edition: string) => {
    const result = await runCli(['check', '--image-file', compose, '--from', '3.4.3.12', '--to', '3.10.0.6', '--edition', edition, '--no-db', '--no-config', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    return (JSON.parse(result.stdout).findings as { ruleId: string; location?: { line?: number } }[]).filter((f) => f.location?.line === 6).map((f) => f.ruleId);
  };
  test('is reported once on Enterprise, by the license rule', async () => {
    expect(await findingsAt('enterprise')).toEqual(['license/enterprise-license']);
  });
  test('is still reported by the syntax rule where no license rule runs', async () => {
    expect(await findingsAt('oss')).toEqual(['conf/file-syntax']);
  });
});
