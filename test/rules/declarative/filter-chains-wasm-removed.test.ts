import rule from '../../../rules/declarative/filter-chains-wasm-removed';
import { runRuleOnText } from '../../support/declarative-harness';

// Shaped like decK's own test data (Kong/deck tests/integration/testdata/sync/033-filter-chains/create.yaml).
const NESTED = `_format_version: "3.0"
services:
- name: test
  host: test
  filter_chains:
  - name: service
    filters:
    - name: response_transformer
  routes:
  - name: r1
    paths: [/r1]
    filter_chains:
    - name: route
      filters:
      - name: response_transformer
`;

const TOP_LEVEL = `_format_version: "3.0"
services:
- name: test
  host: test
filter_chains:
- service: test
  filters:
  - name: response_transformer
`;

describe('declarative/filter-chains-wasm-removed', () => {
  it('invalid: chains nested in a service and a route, Enterprise 3.10 -> 3.11', async () => {
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.11.0.0', edition: 'enterprise' }, NESTED)).toEqual(['nested blocker @13', 'nested blocker @6']);
  });
  it('invalid: a top-level filter_chains collection', async () => {
    expect(await runRuleOnText(rule, { from: '3.6.0.0', to: '3.14.0.0', edition: 'enterprise' }, TOP_LEVEL)).toEqual(['collection blocker @6']);
  });
  it('valid: the same chains on an Enterprise path that stops at 3.10', async () => {
    expect(await runRuleOnText(rule, { from: '3.6.0.0', to: '3.10.0.0', edition: 'enterprise' }, NESTED)).toEqual([]);
  });
  it('valid: open source 3.9 still runs Wasm', async () => {
    expect(await runRuleOnText(rule, { from: '3.6.0', to: '3.9.0' }, NESTED)).toEqual([]);
  });
  it('valid: services and routes without chains, or with an empty list', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: s\n  host: h\n  filter_chains: []\n  routes: [{name: r, paths: [/r]}]\n';
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.11.0.0', edition: 'enterprise' }, text)).toEqual([]);
  });
});
