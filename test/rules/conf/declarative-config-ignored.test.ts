import rule from '../../../rules/conf/declarative-config-ignored';
import { composeSettings } from '../../support/compose-conf';
import { ruleTester } from '../../support/rule-tester';

// Kong parses declarative_config only when database = off (kong/init.lua@2.8.5 line 549,
// @3.9.3 line 714), and database defaults to postgres (kong_defaults.lua@3.9.3 line 121).
ruleTester.run(rule, {
  valid: [
    { name: 'a DB-less node with its declarative file', conf: 'database = off\ndeclarative_config = /etc/kong/kong.yml\n', from: '2.8', to: '3.4', topology: 'dbless' },
    { name: 'a database node without a declarative file', conf: 'database = postgres\npg_host = db\n', from: '2.8', to: '3.4' },
    { name: 'database = off from the environment over a file saying postgres', conf: 'database = postgres\ndeclarative_config = /k.yml\n', env: { KONG_DATABASE: 'off' }, from: '3.4', to: '3.9', topology: 'dbless' },
    { name: 'NONE is unset', conf: 'database = postgres\ndeclarative_config = NONE\n', from: '3.4', to: '3.9' },
  ],
  invalid: [
    {
      name: 'declarative_config beside database = postgres',
      conf: 'database = postgres\ndeclarative_config = /etc/kong/kong.yml\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'ignored', line: 2, severity: 'warning', data: { key: 'declarative_config', database: 'postgres' }, message: 'kong.conf:1:1): Kong loads a declarative configuration only when database = off, so this one is not loaded' }],
    },
    {
      name: 'KONG_DECLARATIVE_CONFIG with database left to its default',
      conf: 'pg_host = db\n', env: { KONG_DECLARATIVE_CONFIG: '/kong/kong.yml' }, from: '3.4', to: '3.9',
      findings: [{ messageId: 'ignored', env: 'KONG_DECLARATIVE_CONFIG', message: '`database` is postgres (Kong\'s default, as no database is set)' }],
    },
    {
      // M-Yamashita01/kong-handson (sweep 15): a compose file that starts either mode.
      name: 'a compose database taken from an unset variable\'s default is only noted',
      inputs: () => ({ kongConf: composeSettings('services:\n  kong:\n    image: kong:3.4.2\n    environment:\n      KONG_DATABASE: ${KONG_DATABASE:-postgres}\n      KONG_DECLARATIVE_CONFIG: /opt/kong/kong.yaml\n').kongConf }),
      from: '3.4', to: '3.9',
      findings: [{ messageId: 'ignoredByDefault', severity: 'info', line: 6, data: { variables: 'KONG_DATABASE' } }],
    },
    {
      name: 'a compose database written out stays a warning',
      inputs: () => ({ kongConf: composeSettings('services:\n  kong:\n    image: kong:3.4.2\n    environment:\n      KONG_DATABASE: postgres\n      KONG_DECLARATIVE_CONFIG: /opt/kong/kong.yaml\n').kongConf }),
      from: '3.4', to: '3.9',
      findings: [{ messageId: 'ignored', severity: 'warning', line: 6 }],
    },
  ],
});
