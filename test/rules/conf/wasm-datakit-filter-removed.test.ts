import rule from '../../../rules/conf/wasm-datakit-filter-removed';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    // wasm defaults to off: 3.9 skips the filter-chain check and no chain runs.
    { name: 'wasm left off on a 3.8 node', conf: 'database = postgres\n', from: '3.8.1', to: '3.9.3' },
    { name: 'wasm = off written out', conf: 'wasm = off\n', from: '3.8', to: '3.9' },
    // 3.4-3.6 never bundled datakit: a datakit chain there loads it from wasm_filters_path.
    { name: 'a 3.4 node with wasm on never had the bundled filter', conf: 'wasm = on\n', from: '3.4', to: '3.9' },
    { name: 'a path that stays before 3.9', conf: 'wasm = on\n', from: '3.7', to: '3.8' },
  ],
  invalid: [
    {
      name: 'a 3.8 node with wasm on may run chains on the bundled datakit',
      conf: 'database = off\nwasm = on\n',
      from: '3.8.1', to: '3.9.3',
      findings: [{ messageId: 'wasmOn', severity: 'warning', line: 2, hop: '3.9', data: { value: 'on' } }],
    },
    {
      name: 'KONG_WASM counts as Kong reads it',
      conf: 'database = off\n', env: { KONG_WASM: 'true' },
      from: '3.7.0', to: '3.9',
      findings: [{ messageId: 'wasmOn', data: { value: 'true' } }],
    },
  ],
});
