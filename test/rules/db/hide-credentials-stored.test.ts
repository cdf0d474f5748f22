// hide_credentials defaults to true from 3.14, but stored plugins keep the value their row holds
// (developer.konghq.com breaking-changes.md, 3.14.0.0). Kong writes every default into a row, so
// only a row lacking the field changes: reading it fills the current default
// (kong/db/schema/init.lua@3.9.3, adjust_field_for_context on select).

import rule from '../../../rules/entities/default-changed';
import { databaseInputs } from '../../support/database-input';
import { runCase } from '../../support/rule-tester';

async function hideCredentialFindings(to: string) {
  const { result } = await runCase(rule, {
    name: 'auth plugins', from: '3.10', to, edition: 'enterprise', inputs: databaseInputs('kong-ee-3.10.0.0-auth-plugins'),
  });
  expect(result.internalErrors).toEqual([]);
  return result.findings
    .filter((f) => String(f.data?.field) === 'config.hide_credentials')
    .map((f) => ({ id: (f.location as { id?: string }).id, severity: f.severity, fact: f.data?.fact, message: f.message }));
}

describe('hide_credentials in stored auth plugins', () => {
  it('going to 3.14: only the row without the field is reported, saying Kong fills it when reading the row', async () => {
    const found = await hideCredentialFindings('3.14');
    expect(found.map(({ id, severity, fact }) => [id, severity, fact])).toEqual([
      ['e10a0000-0000-4000-8000-00000000ad01', 'warning', 'plugin.key-auth.hide_credentials.default-true.row-without-field'],
    ]);
    expect(found[0].message).toContain('but this row holds none');
    expect(found[0].message).toContain('from 3.14 the credential is stripped');
  });

  it('going to 3.13: nothing (the default is still false)', async () => {
    expect(await hideCredentialFindings('3.13')).toEqual([]);
  });
});
