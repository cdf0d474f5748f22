import rule from '../../../rules/conf/hash-comment-changed';
import { runCase, ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    {
      name: 'values every version reads alike',
      // A comment after whitespace, an escaped `#`, a plain `#` in a variable.
      conf: 'log_level = info # comment\npg_database = a\\#b\n', env: { KONG_PG_USER: 'ku#x' },
      from: '2.8', to: '3.4',
    },
    {
      name: 'both ends from 3.2 on read `\\#` and `#` the same way',
      conf: 'pg_password = #secret\npg_user = ab#cd\n', env: { KONG_PG_HOST: 'db\\#1' },
      from: '3.2', to: '3.4',
    },
    { name: 'a value read from a file at start is not judged', env: { KONG_PG_PASSWORD_FILE: '/run/secrets/pg' }, from: '2.8', to: '3.4' },
  ],
  invalid: [
    {
      name: '`\\#` in a variable: `#` before 3.2, kept as `\\#` after',
      env: { KONG_PG_USER: 'ku\\#x' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'changed', severity: 'warning', env: 'KONG_PG_USER', hop: '3.4', data: { key: 'pg_user', before: '`ku#x`', after: '`ku\\#x`' } }],
    },
    {
      name: 'a file value starting with `#`: kept before 3.2, empty after (secret not shown)',
      conf: 'pg_password = #secret\n', from: '3.1', to: '3.2',
      findings: [{ messageId: 'changedSecret', line: 1, message: 'begins a comment' }],
    },
    {
      // sweep 23, Xenovortex/infrastructure: kong.conf.default lines uncommented with their comments.
      name: 'a value that is also a secret\'s (the same comment after both) is named by that secret, not hidden',
      conf: 'ssl_cert =   # If `ssl` is enabled, the path\nssl_cert_key =   # If `ssl` is enabled, the path\n', from: '2.8', to: '3.4',
      findings: [
        { messageId: 'changed', line: 1, data: { key: 'ssl_cert', before: 'the same text as `ssl_cert_key` (not shown: that property is a secret)', after: 'an empty value' } },
        { messageId: 'changedSecret', line: 2 },
      ],
    },
    {
      name: 'a `#` right after text cut one more character before 3.2',
      conf: 'pg_user = ab#cd\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'changed', line: 1, data: { before: '`a`', after: '`ab`' } }],
    },
  ],
});

describe('conf/hash-comment-changed', () => {
  it('never prints a secret value', async () => {
    const { result } = await runCase(rule, { name: 's', env: { KONG_PG_PASSWORD: 'pa\\#ss' }, from: '2.8', to: '3.4' });
    expect(result.findings).toHaveLength(1);
    expect(JSON.stringify(result.findings)).not.toContain('pa#ss');
    expect(JSON.stringify(result.findings)).not.toMatch(/pa\\\\+#ss/);
  });

  it('does not run on a path that stays below 3.2', async () => {
    const { result } = await runCase(rule, { name: 'short', env: { KONG_PG_USER: 'ku\\#x' }, from: '2.8', to: '3.1' });
    expect(result.findings).toEqual([]);
    expect(result.notApplicable[0].reason).toMatch(/path/);
  });
});
