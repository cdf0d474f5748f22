// Two aliases moved into one replacement: the second must see what the first wrote in the
// document being edited, not the file as read (it used to overwrite the first one's value).
// No current fact has such a pair, so one is added here over the real list.

import type { FieldRename } from '../../src/knowledge/entities/types';

jest.mock('../../src/knowledge/entities/plugin-field-renames', () => {
  const actual = jest.requireActual('../../src/knowledge/entities/plugin-field-renames');
  const pair = (from: string): FieldRename => ({
    id: `plugin.test.${from}`, introducedIn: '3.4.0', edition: 'oss+ee', severity: 'info', entity: 'plugin',
    plugins: ['pre-function'], from: `config.${from}`, to: 'config.merged', status: 'deprecated',
    summary: 'test', remediation: 'test', sources: [{ kind: 'docs', ref: 'test' }],
  });
  return { ...actual, pluginFieldRenames: [...actual.pluginFieldRenames, pair('first'), pair('second')] };
});

import { readDeclarativeText } from '../../src/inputs/declarative';
import { convertDeclarative } from '../../src/fix/declarative-convert';
import { handPlan } from '../support/declarative-harness';

it('two aliases of one replacement: the first is moved, the second is left for the operator', () => {
  const source = '_format_version: "3.0"\nplugins:\n- name: pre-function\n  config:\n    access: [a]\n    first: [1]\n    second: [2]\n';
  const { text } = convertDeclarative('kong.yml', source, handPlan({ from: '3.0.0', to: '3.4.0' }));
  const config = (readDeclarativeText('kong.yml', text).root.plugins as { config: Record<string, unknown> }[])[0].config;
  expect(config.merged).toEqual([1]);
  expect(config.first).toBeUndefined();
  expect(config.second).toEqual([2]);
});
