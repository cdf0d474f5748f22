import rule from '../../../rules/declarative/lua-format-removed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('declarative/lua-format-removed', () => {
  it('invalid: a Lua declarative file on a path crossing 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'return { _format_version = "1.1" }\n', { fileName: 'kong.lua' }))
      .toEqual(['luaFile blocker @1']);
  });

  it('valid: a YAML file', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, '_format_version: "3.0"\n')).toEqual([]);
  });
});
