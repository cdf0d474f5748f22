// --fix-output and the openid-connect claim fields deprecated in Enterprise 3.14 (docs
// app/gateway/breaking-changes.md 3.14.0.0; app/_schemas/gateway/plugins/3.14/OpenidConnect.json):
// consumer_claim becomes the only path of consumer_claims; the header claim/name pairs become
// `{ header, path }` records, which one field alone cannot build, so they are left as written.

import { readDeclarativeText } from '../../src/inputs/declarative';
import { convertDeclarative } from '../../src/fix/declarative-convert';
import rule from '../../rules/entities/plugin-field-renamed';
import { handPlan, runRuleOnText } from '../support/declarative-harness';

const plan = { from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' as const };
const oidc = (config: string) => `_format_version: "3.0"\nplugins:\n- name: openid-connect\n  config:\n    issuer: https://idp.example.com/\n${config}`;
const configOf = (text: string) => (readDeclarativeText('kong.yml', text).root.plugins as { config: Record<string, unknown> }[])[0].config;

describe('--fix-output: openid-connect claims (3.14)', () => {
  it('writes consumer_claim as the only claim path of consumer_claims', () => {
    const { text, conversions } = convertDeclarative('kong.yml', oidc('    consumer_claim: [email]\n'), handPlan(plan));
    expect(configOf(text).consumer_claims).toEqual([['email']]);
    expect(configOf(text).consumer_claim).toBeUndefined();
    expect(conversions.map((c) => c.description).join('\n')).toContain('config.consumer_claim -> config.consumer_claims');
    // Several values were one nested claim (3.10 schema description), so they stay one path.
    expect(configOf(convertDeclarative('kong.yml', oidc('    consumer_claim: [user, id]\n'), handPlan(plan)).text).consumer_claims).toEqual([['user', 'id']]);
  });

  it('leaves the header claim and name lists as written (they still work in 3.14)', () => {
    const headers = '    upstream_headers_claims: [sub, email]\n    upstream_headers_names: [x-sub, x-email]\n    downstream_headers_claims: [sub]\n    downstream_headers_names: [x-sub]\n';
    const { text, conversions } = convertDeclarative('kong.yml', oidc(headers), handPlan(plan));
    const config = configOf(text);
    expect(config.upstream_headers_claims).toEqual(['sub', 'email']);
    expect(config.upstream_headers_names).toEqual(['x-sub', 'x-email']);
    expect(config.downstream_headers_claims).toEqual(['sub']);
    expect(config).not.toHaveProperty('upstream_headers');
    expect(config).not.toHaveProperty('downstream_headers');
    expect(conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed')).toEqual([]);
  });

  it('the rule still reports the header fields for the operator to rewrite', async () => {
    const found = await runRuleOnText(rule, plan, oidc('    upstream_headers_claims: [sub]\n    upstream_headers_names: [x-sub]\n'));
    expect(found).toEqual(['renamedFields info @6']);
  });

  it('a 3.14 file holding both forms of one claim is not a conflict', async () => {
    expect(await runRuleOnText(rule, plan, oidc('    consumer_claim: [email]\n    consumer_claims: [[email]]\n'))).toEqual([]);
    expect(await runRuleOnText(rule, plan, oidc('    consumer_claim: [email]\n    consumer_claims: [[sub]]\n'))).toEqual(['conflict warning @6']);
  });
});
