import rule from '../../../rules/declarative/vaults-beta-renamed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('declarative/vaults-beta-renamed', () => {
  it('valid: vaults in 3.x form', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\nvaults: [{name: env, prefix: e}]\n')).toEqual([]);
  });
  it('invalid: vaults_beta collection', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "2.1"\nvaults_beta:\n- {name: env, prefix: e}\n')).toEqual(['renamed blocker @3']);
  });
});
