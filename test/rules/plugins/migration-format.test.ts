import rule from '../../../rules/plugins/migration-format';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

const WITH_CASSANDRA = 'return {\n  postgres = { up = [[ SELECT 1; ]] },\n  cassandra = { up = [[ ]] },\n}\n';

ruleTester.run(rule, {
  valid: [
    { name: 'postgres only', from: '3.3', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'migrations/000_base.lua': 'return { postgres = { up = [[ cassandra = {} ]] } }\n' }) },
    { name: 'a cassandra section on a path that stays below 3.4', from: '2.8', to: '3.3',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'migrations/000_base.lua': WITH_CASSANDRA }) },
  ],
  invalid: [
    { name: 'a cassandra section crossing 3.4', from: '3.2', to: '3.4',
      inputs: inlinePlugin({ 'handler.lua': CLEAN_HANDLER, 'migrations/init.lua': 'return { "000_base" }\n', 'migrations/000_base.lua': WITH_CASSANDRA }),
      findings: [{ messageId: 'cassandraSection', line: 3, column: 3, severity: 'blocker', hop: '3.4', data: { migration: '000_base.lua' } }] },
  ],
});
