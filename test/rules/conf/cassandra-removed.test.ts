import rule from '../../../rules/conf/cassandra-removed';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'postgres node', conf: 'database = postgres\npg_host = db.internal\n', from: '2.8', to: '3.4' },
    { name: 'DB-less node', conf: 'database = off\n', from: '3.3', to: '3.4', topology: 'dbless' },
    { name: 'cassandra commented out', conf: '#database = cassandra\n# cassandra_contact_points = c1\n', from: '2.8', to: '3.4' },
    { name: 'env switches the file value to postgres', conf: 'database = cassandra\n', env: { KONG_DATABASE: 'postgres' }, from: '2.8', to: '3.4' },
  ],
  invalid: [
    {
      name: 'cassandra on a path crossing 3.4',
      conf: '# production cluster\ndatabase = cassandra\ncassandra_contact_points = c1,c2\n',
      from: '2.8', to: '3.4',
      findings: [{ messageId: 'removed', severity: 'blocker', line: 2, column: 1, hop: '3.4' }],
    },
    {
      name: 'cassandra on a path that stays below 3.4 is a deprecation warning',
      conf: 'database = cassandra\n',
      from: '2.8', to: '3.3',
      findings: [{ messageId: 'deprecated', severity: 'warning', line: 1 }],
    },
    {
      name: 'cassandra set through the environment',
      env: { KONG_DATABASE: 'cassandra' },
      from: '3.2', to: '3.5',
      findings: [{ messageId: 'removed', severity: 'blocker', env: 'KONG_DATABASE' }],
    },
    {
      name: 'leftover cassandra_* keys on a postgres node are dead settings',
      conf: 'database = postgres\ncassandra_keyspace = kong\n  cassandra_timeout = 5000\n',
      from: '2.8', to: '3.4',
      findings: [
        { messageId: 'deadSetting', severity: 'info', line: 2, data: { key: 'cassandra_keyspace' } },
        { messageId: 'deadSetting', severity: 'info', line: 3, column: 3, data: { key: 'cassandra_timeout' } },
      ],
    },
  ],
  notEvaluated: [{ name: 'no kong.conf given', from: '2.8', to: '3.4', reason: /kong\.conf|kongConf/ }],
});
