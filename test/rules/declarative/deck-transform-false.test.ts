import rule from '../../../rules/declarative/deck-transform-false';
import { runRuleOnText } from '../../support/declarative-harness';

describe('declarative/deck-transform-false', () => {
  it('invalid: a decK file with _transform: false', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, '_format_version: "3.0"\n_transform: false\n_info: {select_tags: [a]}\n'))
      .toEqual(['deckRefuses warning @2']);
  });

  it('valid: a kong.yml with _transform: false (Kong accepts it)', async () => {
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, '_format_version: "3.0"\n_transform: false\nservices: []\n')).toEqual([]);
  });
});
