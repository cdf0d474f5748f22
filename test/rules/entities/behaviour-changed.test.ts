import rule from '../../../rules/entities/behaviour-changed';
import { entityRules, messagesOfLastRun, runOnFiles, runRuleOnText, summarize } from '../../support/declarative-harness';

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

// 3.11.0.0 (upstream-timeout changelog): a 0 timeout failed at run time; the migrations store
// 60000 instead. The schema's fields are connect_timeout, send_timeout and read_timeout.
describe('entities/behaviour-changed: upstream-timeout 0 timeouts', () => {
  const ee = { from: '3.10.0.3', to: '3.11.0.8', edition: 'enterprise' as const };
  const plugin = (config: string) => `plugins:\n- name: upstream-timeout\n  config: {${config}}\n`;
  it('invalid: send_timeout 0 (one finding for the plugin, whichever field holds it)', async () => {
    expect(await runRuleOnText(rule, ee, plugin('connect_timeout: 5000, send_timeout: 0, read_timeout: 0'))).toEqual(['changed warning @2']);
  });
  it('valid: timeouts set to real values', async () => {
    expect(await runRuleOnText(rule, ee, plugin('connect_timeout: 5000, send_timeout: 60000, read_timeout: 60000'))).toEqual([]);
  });
  it('valid: a path that starts at 3.11', async () => {
    expect(await runRuleOnText(rule, { ...ee, from: '3.11.0.0' }, plugin('read_timeout: 0'))).toEqual([]);
  });
});

// 3.14.0.0 (jwt-signer changelog, tls-verify-314.md): /rotate verifies the certificates of the
// URLs it reloads, unless tls_certificate_verify is off.
describe('entities/behaviour-changed: jwt-signer /rotate certificate verification', () => {
  const ee = { from: '3.13.0.5', to: '3.14.0.3', edition: 'enterprise' as const };
  const jwks = 'plugins:\n- name: jwt-signer\n  config:\n    channel_token_jwks_uri: https://idp.example/jwks\n';
  it('invalid: a channel token JWKS over https', async () => {
    expect(await runRuleOnText(rule, ee, jwks)).toEqual(['changed warning @2']);
  });
  it('valid: keysets held by Kong only', async () => {
    expect(await runRuleOnText(rule, ee, 'plugins:\n- name: jwt-signer\n  config:\n    access_token_keyset: kong\n')).toEqual([]);
  });
  it('valid: tls_certificate_verify = off keeps the old behaviour', async () => {
    expect(await runRuleOnText(rule, ee, jwks, { conf: 'tls_certificate_verify = off\n' })).toEqual([]);
  });
});

// 3.14.0.0 (gateway.json, oauth2): the token cache key became SHA-256, and each node broadcasts
// the key it computes (kong/runloop/events.lua@3.9.1), so mixed versions miss each other's
// invalidations.
describe('entities/behaviour-changed: oauth2 token cache key', () => {
  const ee = { from: '3.13.0.5', to: '3.14.0.3', edition: 'enterprise' as const };
  const oauth2 = 'plugins:\n- name: oauth2\n  config: {enable_authorization_code: true}\n';
  it('invalid: oauth2 on a traditional cluster crossing 3.14', async () => {
    expect(await runRuleOnText(rule, ee, oauth2)).toEqual(['changed warning @2']);
  });
  it('valid: a path that starts at 3.14', async () => {
    expect(await runRuleOnText(rule, { ...ee, from: '3.14.0.0' }, oauth2)).toEqual([]);
  });
  it('valid: open source has no 3.14 oauth2 change', async () => {
    expect(await runRuleOnText(rule, { from: '3.9.0', to: '3.9.1' }, oauth2)).toEqual([]);
  });
});

// app/_schemas/gateway/plugins/3.4/AppDynamics.json has a consumer_group scope, 3.7 and later do not.
describe('entities/behaviour-changed: app-dynamics scoped to a consumer group', () => {
  const ee = (from: string, to: string) => ({ from, to, edition: 'enterprise' as const });
  it('invalid: nested under a consumer group, crossing 3.5 (uncertain, so a warning)', async () => {
    const text = 'consumer_groups:\n- name: gold\n  plugins:\n  - name: app-dynamics\n';
    expect(await runRuleOnText(rule, ee('3.4.3.12', '3.8.1.0'), text)).toEqual(['changed warning @4']);
  });
  it('invalid: a top-level plugin naming its consumer group', async () => {
    const text = 'consumer_groups:\n- name: gold\nplugins:\n- name: app-dynamics\n  consumer_group: gold\n';
    expect(await runRuleOnText(rule, ee('3.4.3.12', '3.8.1.0'), text)).toEqual(['changed warning @4']);
  });
  it('valid: app-dynamics scoped to a service', async () => {
    const text = 'services:\n- name: orders\n  url: http://orders.internal\n  plugins:\n  - name: app-dynamics\n';
    expect(await runRuleOnText(rule, ee('3.4.3.12', '3.8.1.0'), text)).toEqual([]);
  });
  it('valid: a path that starts at 3.7', async () => {
    const text = 'consumer_groups:\n- name: gold\n  plugins:\n  - name: app-dynamics\n';
    expect(await runRuleOnText(rule, ee('3.7.1.0', '3.8.1.0'), text)).toEqual([]);
  });
});

// Consumer-group overrides (consumer_group_plugins.lua@FTI-6378), deprecated from 3.4.0.0, as
// files write them: decK's `consumer_groups[].plugins` synced to a Kong before 3.4
// (go-database-reconciler pkg/file/builder.go@v1.40.3), Kong's own `consumer_group_plugins`.
describe('entities/behaviour-changed: consumer-group overrides in files', () => {
  const ee = (from: string, to: string) => ({ from, to, edition: 'enterprise' as const });
  const deckFile = `_format_version: "1.1"
_info:
  select_tags: [team-a]
consumer_groups:
- name: gold
  plugins:
  - name: rate-limiting-advanced
    config:
      limit: [100]
      window_size: [60]
      window_type: sliding
plugins:
- name: rate-limiting-advanced
  consumer_group: gold
  config: {limit: [10], window_size: [60], namespace: gold, sync_rate: -1}
`;

  it('invalid: a decK override on an Enterprise 2.8 -> 3.4 path, told what decK makes of it on 3.4', async () => {
    expect(await runRuleOnText(rule, ee('2.8.4.0', '3.4.3.0'), deckFile)).toEqual(['changed warning @7']);
    const [message] = messagesOfLastRun();
    expect(message).toMatch(/^consumer_group_plugin "rate-limiting-advanced": this consumer-group override/);
    expect(message).toContain('decK creates a rate-limiting-advanced plugin scoped to the group');
    expect(message).not.toContain('consumer_group_plugins row');
  });

  it('valid: a path from 3.4, which already lives with the deprecation', async () => {
    expect(await runRuleOnText(rule, ee('3.4.0.0', '3.10.0.0'), deckFile)).toEqual([]);
  });

  it('invalid: Kong\'s own consumer_group_plugins nested in a group, crossing 3.4', async () => {
    const text = 'consumer_groups:\n- name: gold\n  consumer_group_plugins:\n  - name: rate-limiting-advanced\n    config: {limit: [100], window_size: [60]}\n';
    expect(await runRuleOnText(rule, ee('2.8.4.0', '3.4.3.0'), text)).toEqual(['changed warning @4']);
  });

  it('the override gets only the override finding from the entity rules; the scoped plugin stays a plugin', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'kp-cg-'));
    // enforce_consumer_groups on the scoped plugin: the plugin fact fires only on a plugin.
    writeFileSync(join(dir, 'kong.yml'), deckFile.replace('sync_rate: -1}', 'sync_rate: -1, enforce_consumer_groups: true, consumer_groups: [gold]}'));
    const result = await runOnFiles(ee('2.8.4.0', '3.4.3.0'), ['kong.yml'], dir, undefined, entityRules);
    const entityFindings = result.findings.filter((f) => f.ruleId.startsWith('entities/'));
    expect(summarize(entityFindings)).toEqual(['entities/behaviour-changed changed warning @13', 'entities/behaviour-changed changed warning @7']);
    expect(entityFindings.map((f) => f.message.split(':')[0]).sort()).toEqual(['consumer_group_plugin "rate-limiting-advanced"', 'plugin "rate-limiting-advanced"']);
  });
});

// 3.3.0 (Kong CHANGELOG.md): http-log retries on a 3xx answer of the log server.
describe('entities/behaviour-changed: http-log 3xx answers', () => {
  const httpLog = 'plugins:\n- name: http-log\n  config: {http_endpoint: "http://logs.internal/in"}\n';
  it('invalid: http-log crossing 3.3', async () => {
    expect(await runRuleOnText(rule, { from: '3.2.2', to: '3.4.0' }, httpLog)).toEqual(['changed info @2']);
  });
  it('valid: http-log on a path that starts at 3.3', async () => {
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0' }, httpLog)).toEqual([]);
  });
});

// Known issue of 3.13.0.0, fixed in 3.13.0.1 (gateway.json, kong-ee bugfix, opentelemetry).
describe('entities/behaviour-changed: opentelemetry request count attribute on 3.13.0.0', () => {
  const otel = 'plugins:\n- name: opentelemetry\n  config: {traces_endpoint: "http://otel.internal/v1/traces"}\n';
  it('invalid: a 3.13.0.0 target', async () => {
    expect(await runRuleOnText(rule, { from: '3.12.0.5', to: '3.13.0.0', edition: 'enterprise' }, otel)).toEqual(['knownIssue info @2']);
  });
  it('valid: a target past the fix', async () => {
    expect(await runRuleOnText(rule, { from: '3.12.0.5', to: '3.13.0.1', edition: 'enterprise' }, otel)).toEqual([]);
  });
});

// 3.10.0.0 known issue (vault-auth changelog, gateway.json; no fix listed up to 3.15): with
// incremental_sync on, vault-auth keeps deleted secrets cached. incremental_sync is a hybrid-mode
// setting added in 3.10 with an off default (app/_data/kong-conf/3.10.json).
describe('entities/behaviour-changed: vault-auth with incremental sync', () => {
  const hybrid = { from: '3.9.1.0', to: '3.10.0.5', edition: 'enterprise' as const, topology: 'hybrid' as const };
  const vaultAuth = 'plugins:\n- name: vault-auth\n  config: {vault: 8c2b7d4e-54a1-4b6f-9d38-3f6a1c2e0b11}\n';
  it('invalid: incremental_sync = on in kong.conf', async () => {
    expect(await runRuleOnText(rule, hybrid, vaultAuth, { conf: 'role = control_plane\nincremental_sync = on\n' })).toEqual(['changed warning @2']);
  });
  it('invalid: KONG_INCREMENTAL_SYNC=on alone', async () => {
    expect(await runRuleOnText(rule, hybrid, vaultAuth, { env: { KONG_INCREMENTAL_SYNC: 'on' } })).toEqual(['changed warning @2']);
  });
  it('invalid, informative only: no kong.conf, so the setting is unknown', async () => {
    expect(await runRuleOnText(rule, hybrid, vaultAuth)).toEqual(['changed info @2']);
  });
  it('valid: a kong.conf that leaves incremental_sync at its off default', async () => {
    expect(await runRuleOnText(rule, hybrid, vaultAuth, { conf: 'role = control_plane\n' })).toEqual([]);
  });
  it('valid: incremental_sync = off', async () => {
    expect(await runRuleOnText(rule, hybrid, vaultAuth, { conf: 'incremental_sync = off\n' })).toEqual([]);
  });
  it('valid: a traditional cluster, where incremental sync does nothing', async () => {
    expect(await runRuleOnText(rule, { ...hybrid, topology: 'traditional' }, vaultAuth, { conf: 'incremental_sync = on\n' })).toEqual([]);
  });
  it('valid: other authentication plugins', async () => {
    expect(await runRuleOnText(rule, hybrid, 'plugins:\n- name: key-auth\n', { conf: 'incremental_sync = on\n' })).toEqual([]);
  });
  it('valid: a path that starts at 3.10', async () => {
    expect(await runRuleOnText(rule, { ...hybrid, from: '3.10.0.0' }, vaultAuth, { conf: 'incremental_sync = on\n' })).toEqual([]);
  });
});

// 3.14.0.0 (tls-verify-314.md): an hcv vault reached over https must trust the Vault server's CA.
// developer.konghq.com's HashiCorp Vault how-tos (configure-hashicorp-vault-as-a-vault-backend,
// configure-hashicorp-vault-as-a-vault-for-llm-providers) configure `protocol: http`.
describe('entities/behaviour-changed: HashiCorp Vault certificate trust', () => {
  const ee = { from: '3.10.0.0', to: '3.14.0.13', edition: 'enterprise' as const };
  const hcv = (protocol: string) => `vaults:\n- name: hcv\n  prefix: hashicorp-vault\n  config:\n    host: vault.internal\n    port: 8200\n${protocol}`;
  it('invalid: an hcv vault over https', async () => {
    expect(await runRuleOnText(rule, ee, hcv('    protocol: https\n'))).toEqual(['changed warning @2']);
  });
  it('valid: an hcv vault over http has no certificate to verify', async () => {
    expect(await runRuleOnText(rule, ee, hcv('    protocol: http\n'))).toEqual([]);
  });
  it('valid: an hcv vault without protocol uses http, its default', async () => {
    expect(await runRuleOnText(rule, ee, hcv(''))).toEqual([]);
  });
});

// 2.8 signed an aws-lambda call only when a region was known, and then for the AWS endpoint name,
// never for config.host (kong/plugins/aws-lambda/v4.lua@2.8.4); 3.0 always signs, for host
// (handler.lua@3.0.0). Kong 2.8 stores host: null in every row that does not use it.
describe('entities/behaviour-changed: aws-lambda calls to a custom host are always signed from 3.0', () => {
  const lambda = (config: string) => `_format_version: "1.1"\nplugins:\n- name: aws-lambda\n  config:\n    function_name: f\n${config}`;
  it('invalid: a custom host, crossing 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, lambda('    host: lambda.internal\n'))).toEqual(['changed warning @3']);
    expect(messagesOfLastRun()[0]).toContain('signs every call to its custom host with SigV4');
  });
  it('valid: no host, or host null as Kong 2.8 stores it', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, lambda('    aws_region: eu-west-1\n'))).toEqual([]);
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, lambda('    aws_region: eu-west-1\n    host: null\n'))).toEqual([]);
  });
  it('valid: a path that starts at 3.0', async () => {
    expect(await runRuleOnText(rule, { from: '3.0.0', to: '3.4.0' }, lambda('    host: lambda.internal\n'))).toEqual([]);
  });
});
