import rule from '../../../rules/entities/behaviour-changed';
import { runRuleOnText } from '../../support/declarative-harness';

describe('entities/behaviour-changed', () => {
  it('valid: jwt on a path without 3.2', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, 'plugins: [{name: jwt}]\n')).toEqual([]);
  });
  it('invalid: jwt crossing 3.2', async () => {
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.4.0' }, 'plugins:\n- name: jwt\n')).toEqual(['changed warning @2']);
  });
});

// 3.10.0.0 (gateway.json, kong-ee Breaking Change): forbidden requests no longer follow
// unauthorized_redirect_uri.
describe('entities/behaviour-changed: openid-connect forbidden redirects', () => {
  const ee = (from: string, to: string) => ({ from, to, edition: 'enterprise' as const });
  const oidc = (extra: string) => `plugins:\n- name: openid-connect\n  config:\n    issuer: https://idp.example/\n${extra}`;
  it('invalid: unauthorized_redirect_uri set, crossing 3.10', async () => {
    expect(await runRuleOnText(rule, ee('3.9.1.0', '3.10.0.17'), oidc('    unauthorized_redirect_uri: [https://app.example/login]\n'))).toEqual(['changed warning @2']);
  });
  it('valid: no unauthorized_redirect_uri', async () => {
    expect(await runRuleOnText(rule, ee('3.9.1.0', '3.10.0.17'), oidc('    forbidden_redirect_uri: [https://app.example/denied]\n'))).toEqual([]);
  });
  it('valid: a path that starts at 3.10', async () => {
    expect(await runRuleOnText(rule, ee('3.10.0.0', '3.14.0.13'), oidc('    unauthorized_redirect_uri: [https://app.example/login]\n'))).toEqual([]);
  });
  it('valid: open-source edition has no openid-connect change', async () => {
    expect(await runRuleOnText(rule, { from: '3.9.0', to: '3.10.0.17' }, oidc('    unauthorized_redirect_uri: [https://app.example/login]\n'))).toEqual([]);
  });
});

// 3.12.0.0 (breaking-changes.md): vector caches built before 3.12 are not found again.
describe('entities/behaviour-changed: AI semantic caches', () => {
  // From 3.11, so the 3.10 AI log key change stays off the path.
  const ee = { from: '3.11.0.0', to: '3.12.0.11', edition: 'enterprise' as const };
  const vectordb = '    vectordb: {strategy: pgvector, dimensions: 1536, distance_metric: cosine, threshold: 0.5}\n';
  it('invalid: ai-semantic-cache with a vector store', async () => {
    expect(await runRuleOnText(rule, ee, `plugins:\n- name: ai-semantic-cache\n  config:\n${vectordb}`)).toEqual(['changed info @2']);
  });
  it('valid: ai-proxy-advanced without semantic balancing keeps no vectors', async () => {
    expect(await runRuleOnText(rule, ee, 'plugins:\n- name: ai-proxy-advanced\n  config:\n    balancer: {algorithm: round-robin}\n')).toEqual([]);
  });
  it('valid: a path that starts at 3.12', async () => {
    expect(await runRuleOnText(rule, { ...ee, from: '3.12.0.0' }, `plugins:\n- name: ai-semantic-cache\n  config:\n${vectordb}`)).toEqual([]);
  });
});
