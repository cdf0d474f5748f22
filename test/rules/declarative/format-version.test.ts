import rule from '../../../rules/declarative/format-version';
import { runRuleOnText } from '../../support/declarative-harness';

describe('declarative/format-version', () => {
  it('valid: format 3.0 on 2.8 -> 3.4', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\nservices: []\n')).toEqual([]);
  });
  it('valid: a 2.x file on a 2.x path', async () => {
    expect(await runRuleOnText(rule, { from: '2.6.0', to: '2.8.2' }, '_format_version: "2.1"\nservices: []\n')).toEqual([]);
  });
  it('invalid: decK file in format 2.1', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "2.1"\n_info: { select_tags: [a] }\nservices: []\n')).toEqual(['deckRefuses blocker @1']);
  });
  it('valid: unquoted 3.0 is still 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: 3.0\nservices: []\n')).toEqual([]);
  });
});
