import rule from '../../../rules/conf/vault-reference';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'env vault reference on OSS 3.x', conf: 'pg_password = {vault://env/kong-pg-password}\n', from: '2.8', to: '3.4' },
    { name: 'aws vault on Enterprise', conf: 'pg_password = {vault://aws/kong/pg\\#1}\n', from: '3.4', to: '3.10', edition: 'enterprise' },
    { name: 'array property with references', conf: 'ssl_cert = {vault://env/cert1}, {vault://env/cert2}\nvaults = bundled\n', from: '3.0', to: '3.4' },
    { name: 'a value that only mentions vaults', conf: 'pg_user = vault_user\n', from: '2.8', to: '3.4' },
  ],
  invalid: [
    {
      name: 'missing closing brace', conf: 'pg_password = {vault://env/kong-pg-password\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'notAReference', line: 1, data: { problem: 'the closing `}` is missing' } }],
    },
    {
      name: 'an unescaped # cuts the reference', conf: 'pg_password = {vault://aws/kong/pg#1}\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'notAReference', message: 'unescaped `#`' }],
    },
    {
      name: 'missing braces', conf: 'pg_password = vault://env/kong-pg-password\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'notAReference', data: { problem: 'the braces around it are missing' } }],
    },
    {
      name: 'no secret path', conf: 'pg_password = {vault://env}\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'malformed', data: { problem: 'a secret path' } }],
    },
    {
      name: 'aws vault on OSS', conf: 'pg_password = {vault://aws/kong/pg}\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'vaultNotEnabled', data: { vault: 'aws', enabled: 'env' } }],
    },
    {
      name: 'a vault entity prefix', conf: 'pg_password = {vault://my-hcv/kong/pg}\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'vaultNotEnabled', data: { vault: 'my-hcv' } }],
    },
    {
      name: 'vaults turned off', conf: 'vaults = off\npg_password = {vault://env/pg}\n', from: '3.0', to: '3.4',
      findings: [{ messageId: 'vaultsOff', line: 2 }],
    },
    {
      name: 'the reference is never printed', env: { KONG_PG_PASSWORD: '{vault://hcv/secret-path-x}' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'vaultNotEnabled', env: 'KONG_PG_PASSWORD' }],
    },
  ],
});
