// A node with a database never reads a declarative file: Kong parses `declarative_config` (or
// `declarative_config_string`) at start only when `database = off`, and `database` defaults to
// postgres. A kong.conf or environment that names one beside a database suggests the operator
// believes the file is the node's configuration, while the configuration lives in the database.
// Not a change of the upgrade: true before and after it, and worth knowing before trusting the file.

import { defineRule } from '../../src/engine/define-rule';
import { describeOrigin } from '../../src/model/origin';

const KEYS = ['declarative_config', 'declarative_config_string'] as const;

export default defineRule<'ignored' | 'ignoredByDefault'>({
  id: 'conf/declarative-config-ignored',
  description: 'Flags a declarative configuration named in kong.conf or the environment of a node that runs with a database, where Kong does not load it.',
  severity: 'warning',
  inputs: ['kongConf'],
  // Where database is set names a path on this machine: not what the finding is about.
  volatileData: ['databaseFrom'],
  messages: {
    ignored: '`{{key}}` is set while `database` is {{database}} ({{databaseFrom}}): Kong loads a declarative configuration only when database = off, so this one is not loaded, before or after the upgrade. With a database the configuration lives in the database.',
    ignoredByDefault: '`{{key}}` is set while `database` is {{database}}, the default of {{variables}} ({{databaseFrom}}): unless whoever starts the node sets {{variables}} to off, Kong runs with its database and does not load this declarative configuration (a file written to switch between the two modes).',
  },
  remediation: 'If the node is meant to run with its database, remove the key (to load the file into the database, use `kong config db_import` or decK); if it is meant to run DB-less, set database = off.',
  docsUrl: 'https://developer.konghq.com/gateway/db-less-mode/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/init.lua@2.8.5:549', note: 'init parses declarative_config only when config.database == "off"; load_declarative_config (line 405) returns at once otherwise' },
    { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.4.0:635', note: 'init parses it only if is_dbless(config) (line 204: database == "off"); init_worker loads it under the same test (line 777)' },
    { kind: 'repo', ref: 'Kong/kong:kong/init.lua@3.9.3:714', note: 'the same in 3.9 (is_dbless line 209, init_worker line 906); kong/cmd/start.lua reads neither key' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.9.3:121', note: 'database = postgres by default (2.8.5 line 99, 3.4.0 line 109)' },
    { kind: 'repo', ref: 'Kong/kong:kong/cmd/config.lua@3.9.3:63', note: 'kong config db_import loads a declarative file into the database (refused when database = off)' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const database = conf.get('database');
    const value = database?.value.trim().toLowerCase() ?? 'postgres';
    if (value === 'off') return;
    for (const key of KEYS) {
      const setting = conf.get(key);
      // Kong reads an empty value or NONE as unset.
      if (!setting || setting.value.trim() === '' || setting.value.trim() === 'NONE') continue;
      const databaseFrom = database ? `at ${describeOrigin(database.origin)}` : 'Kong\'s default, as no database is set';
      // `${KONG_DATABASE:-postgres}`: the mode is chosen when the node is started; noted only.
      const defaulted = database?.defaultedFrom;
      if (defaulted?.length) {
        ctx.report({ messageId: 'ignoredByDefault', severity: 'info', at: setting.origin, data: { key, database: value, databaseFrom, variables: defaulted.join(', ') } });
      } else ctx.report({ messageId: 'ignored', at: setting.origin, data: { key, database: value, databaseFrom } });
    }
  },
});
