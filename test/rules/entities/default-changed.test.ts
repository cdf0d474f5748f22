import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/entities/default-changed';
import { runOnFiles, runRuleOnText } from '../../support/declarative-harness';

describe('entities/default-changed', () => {
  it('valid: policy set', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: rate-limiting, config: {minute: 1, policy: local}}]\n')).toEqual([]);
  });
  it('invalid: policy left to the default', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins:\n- name: rate-limiting\n  config:\n    minute: 1\n')).toEqual(['defaultChanged warning @4']);
  });

  const ee314 = { from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' as const };
  // decK merges a `_plugin_configs` entry into each plugin naming it (go-database-reconciler
  // pkg/file/builder.go fillPluginConfig): a setting there is set.
  it('valid: hide_credentials set in the decK shared config the plugin names', async () => {
    const text = '_format_version: "3.0"\n_plugin_configs:\n  ka: {hide_credentials: true, key_names: [apikey]}\nplugins:\n- name: key-auth\n  _config: ka\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
  });
  it('invalid: hide_credentials set in neither the plugin nor its shared config', async () => {
    const text = '_format_version: "3.0"\n_plugin_configs:\n  ka: {key_names: [apikey]}\nplugins:\n- name: key-auth\n  _config: ka\n  config: {key_in_body: false}\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['defaultChanged warning @7']);
  });
  // A file is loaded (DB-less) or synced (decK fills unset fields from the target's schema) with
  // the 3.14 default; the database side has a fact of its own (test/rules/db/hide-credentials-stored).
  it('invalid: a file leaving hide_credentials unset, with wording for what loading or syncing it does', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: basic-auth\n  config: {anonymous: null}\n';
    const { findings } = await runOnFiles(ee314, ['kong.yml'], writeTemp(text), undefined, [rule]);
    expect(findings.map((f) => [f.messageId, f.data?.fact])).toEqual([['defaultChanged', 'plugin.basic-auth.hide_credentials.default-true']]);
    expect(findings[0].message).toContain('Loaded from this file by 3.14 (DB-less, or synced by decK');
    expect(await runRuleOnText(rule, ee314, text.replace('{anonymous: null}', '{hide_credentials: false}'))).toEqual([]);
  });
  // decK fills unset fields from `_info.defaults` (pkg/utils/defaulter.go).
  it('valid: route protocols given by decK _info.defaults', async () => {
    const text = '_format_version: "3.0"\n_info:\n  defaults:\n    route: {protocols: [https]}\nroutes:\n- name: r\n  paths: [/a]\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
  });
  it('invalid: _info.defaults for another entity type leaves route protocols unset', async () => {
    const text = '_format_version: "3.0"\n_info:\n  defaults:\n    service: {protocol: https}\nroutes:\n- name: r\n  paths: [/a]\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['defaultChanged warning @6']);
  });
  // Kong sets protocol from the url shorthand (kong/db/schema/entities/services.lua@3.9.3).
  it('invalid: a service whose https url leaves tls_verify unset', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  url: https://a.internal\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['defaultChanged warning @3']);
  });
  // tls_verify stays nullable in 3.14 and follows tls_certificate_verify; plugin fields instead got
  // a schema default of true (_schemas/gateway/plugins/3.14), so only the service warning goes.
  it('valid: tls_certificate_verify = off keeps an unset service tls_verify unverified', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  url: https://a.internal\n';
    expect(await runRuleOnText(rule, ee314, text, { conf: 'tls_certificate_verify = off\n' })).toEqual([]);
    expect(await runRuleOnText(rule, ee314, text, { conf: 'tls_certificate_verify = on\n' })).toEqual(['defaultChanged warning @3']);
  });
  it('invalid: tls_certificate_verify = off does not change a plugin ssl_verify schema default', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: http-log\n  config: {http_endpoint: "https://logs.internal"}\n';
    expect(await runRuleOnText(rule, ee314, text, { conf: 'tls_certificate_verify = off\n' })).toEqual(['defaultChanged warning @4']);
  });
  it('valid: a service whose url is plain http', async () => {
    expect(await runRuleOnText(rule, ee314, '_format_version: "3.0"\nservices:\n- name: a\n  url: http://a.internal\n')).toEqual([]);
  });

  // A flat alias Kong turns into config.redis.ssl_verify sets it (rate-limiting schema.lua@3.9.3).
  const redis = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    minute: 1\n    policy: redis\n    redis: {host: r, ssl: true}\n';
  it('valid: redis.ssl_verify given through the flat redis_ssl_verify alias', async () => {
    expect(await runRuleOnText(rule, ee314, `${redis}    redis_ssl_verify: true\n`)).toEqual([]);
  });
  it('invalid: redis.ssl_verify given nowhere', async () => {
    expect(await runRuleOnText(rule, ee314, redis)).toEqual(['defaultChanged warning @7']);
  });
  // Redis records keep ssl = false by default (_schemas/gateway/plugins/3.14): without TLS nothing verifies.
  it('valid: redis.ssl_verify unset on a plain-text Redis connection', async () => {
    const plain = '_format_version: "3.0"\nplugins:\n- name: rate-limiting-advanced\n  config:\n    limit: [1]\n    window_size: [60]\n    strategy: redis\n    redis: {host: r, port: 6379}\n';
    expect(await runRuleOnText(rule, ee314, plain)).toEqual([]);
    expect(await runRuleOnText(rule, ee314, plain.replace('port: 6379', 'ssl: false'))).toEqual([]);
  });
  // A redis-ee partial fills a plugin's config.redis (shaped like Kong/deck
  // tests/integration/testdata/sync/044-partials-tagging/partials.yaml, with TLS turned on).
  const partial = (config: string) => `_format_version: "3.0"\npartials:\n- name: redis-tls\n  type: redis-ee\n  config:\n${config}`;
  it('invalid: a redis-ee partial over TLS leaves ssl_verify unset', async () => {
    expect(await runRuleOnText(rule, ee314, partial('    host: redis.internal\n    ssl: true\n'))).toEqual(['defaultChanged warning @6']);
  });
  it('valid: a redis-ee partial in plain text, or with ssl_verify set, or before 3.14', async () => {
    expect(await runRuleOnText(rule, ee314, partial('    read_timeout: 3001\n    send_timeout: 2004\n'))).toEqual([]);
    expect(await runRuleOnText(rule, ee314, partial('    ssl: true\n    ssl_verify: true\n'))).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.13.0.0', edition: 'enterprise' }, partial('    ssl: true\n'))).toEqual([]);
  });
  // developer.konghq.com partial.md counts redis-ce (rate-limiting, response-ratelimiting, acme) among
  // the Redis partials; api-specs/gateway/admin-ee/3.14 turns PartialRedisCe ssl_verify to true.
  it('invalid: a redis-ce partial over TLS leaves ssl_verify unset', async () => {
    expect(await runRuleOnText(rule, ee314, partial('    host: redis.internal\n    ssl: true\n').replace('redis-ee', 'redis-ce'))).toEqual(['defaultChanged warning @6']);
  });
  it('valid: a redis-ce partial in plain text, or with ssl_verify set', async () => {
    expect(await runRuleOnText(rule, ee314, partial('    host: redis.internal\n    port: 6379\n').replace('redis-ee', 'redis-ce'))).toEqual([]);
    expect(await runRuleOnText(rule, ee314, partial('    ssl: true\n    ssl_verify: true\n').replace('redis-ee', 'redis-ce'))).toEqual([]);
  });
  // A vectordb partial (3.13+): api-specs/gateway/admin-ee/3.14 turns PartialVectordb's pgvector and
  // redis ssl_verify to true, while both records keep ssl defaulting to false.
  const vectordbPartial = (config: string) => `_format_version: "3.0"\npartials:\n- name: vectors\n  type: vectordb\n  config:\n    dimensions: 1536\n    distance_metric: cosine\n${config}`;
  it('invalid: a vectordb partial whose pgvector or redis store uses TLS leaves ssl_verify unset', async () => {
    expect(await runRuleOnText(rule, { ...ee314, from: '3.13.0.0' }, vectordbPartial('    strategy: pgvector\n    pgvector: {host: pg.internal, ssl: true}\n'))).toEqual(['defaultChanged warning @9']);
    expect(await runRuleOnText(rule, { ...ee314, from: '3.13.0.0' }, vectordbPartial('    strategy: redis\n    redis: {host: r.internal, ssl: true}\n'))).toEqual(['defaultChanged warning @9']);
  });
  it('valid: a vectordb partial in plain text, with ssl_verify set, or whose TLS record is not its strategy', async () => {
    const from313 = { ...ee314, from: '3.13.0.0' };
    expect(await runRuleOnText(rule, from313, vectordbPartial('    strategy: pgvector\n    pgvector: {host: pg.internal, port: 5432}\n'))).toEqual([]);
    expect(await runRuleOnText(rule, from313, vectordbPartial('    strategy: pgvector\n    pgvector: {host: pg.internal, ssl: true, ssl_verify: false}\n'))).toEqual([]);
    expect(await runRuleOnText(rule, from313, vectordbPartial('    strategy: redis\n    pgvector: {host: pg.internal, ssl: true}\n'))).toEqual([]);
    expect(await runRuleOnText(rule, { ...from313, to: '3.13.0.0' }, vectordbPartial('    strategy: redis\n    redis: {host: r.internal, ssl: true}\n'))).toEqual([]);
  });
  // The AI plugins' own vectordb records: pgvector.ssl defaults to false (_schemas/gateway/plugins/3.14).
  const semanticCache = (vectordb: string) => `_format_version: "3.0"\nplugins:\n- name: ai-semantic-cache\n  config:\n    vectordb:\n      dimensions: 1536\n      distance_metric: cosine\n      threshold: 0.1\n${vectordb}`;
  it('invalid: ai-semantic-cache with a pgvector store over TLS leaves ssl_verify unset', async () => {
    expect(await runRuleOnText(rule, ee314, semanticCache('      strategy: pgvector\n      pgvector: {host: pg.internal, ssl: true}\n'))).toEqual(['defaultChanged warning @10']);
  });
  it('valid: ai-semantic-cache with a plain-text pgvector store', async () => {
    expect(await runRuleOnText(rule, ee314, semanticCache('      strategy: pgvector\n      pgvector: {host: pg.internal, port: 5432}\n'))).toEqual([]);
  });
  // developer.konghq.com how-tos (compare-llm-models-accuracy, compress-llm-prompts) log to
  // http://host.docker.internal:9999/: no TLS, so 3.14's ssl_verify default changes nothing there.
  it('invalid: http-log to an https endpoint, or one kept in a vault, leaves ssl_verify unset', async () => {
    const httpLog = (endpoint: string) => `_format_version: "3.0"\nplugins:\n- name: http-log\n  config:\n    http_endpoint: ${endpoint}\n`;
    expect(await runRuleOnText(rule, ee314, httpLog('https://logs.example.com/'))).toEqual(['defaultChanged warning @5']);
    expect(await runRuleOnText(rule, ee314, httpLog('"{vault://env/log-url}"'))).toEqual(['defaultChanged warning @5']);
  });
  it('valid: http-log to a plain http endpoint', async () => {
    expect(await runRuleOnText(rule, ee314, '_format_version: "3.0"\nplugins:\n- name: http-log\n  config:\n    http_endpoint: http://host.docker.internal:9999/\n')).toEqual([]);
  });
  it('invalid: tcp-log over TLS leaves ssl_verify unset; valid without tls', async () => {
    const tcpLog = (extra: string) => `_format_version: "3.0"\nplugins:\n- name: tcp-log\n  config:\n    host: logs.example.com\n    port: 5140\n${extra}`;
    expect(await runRuleOnText(rule, ee314, tcpLog('    tls: true\n'))).toEqual(['defaultChanged warning @5']);
    expect(await runRuleOnText(rule, ee314, tcpLog(''))).toEqual([]);
  });
  it('invalid: openid-connect memcached session storage over TLS leaves session_memcached_ssl_verify unset', async () => {
    const oidc = (extra: string) => `_format_version: "3.0"\nplugins:\n- name: openid-connect\n  config:\n    issuer: https://idp/\n    ssl_verify: true\n    hide_credentials: false\n${extra}`;
    expect(await runRuleOnText(rule, ee314, oidc('    session_storage: memcache\n    session_memcached_ssl: true\n'))).toEqual(['defaultChanged warning @5']);
    expect(await runRuleOnText(rule, ee314, oidc(''))).toEqual([]);
  });

  // ai-proxy logging.log_statistics default true -> false (kong/llm/init.lua@3.6.1, @3.7.0).
  const aiLogging = (logging: string) => `plugins:\n- name: ai-proxy\n  config:\n    route_type: llm/v1/chat\n${logging}`;
  it('invalid: ai-proxy leaves log_statistics unset across 3.7', async () => {
    expect(await runRuleOnText(rule, { from: '3.6.1', to: '3.7.1' }, aiLogging('    logging: {log_payloads: false}\n'))).toEqual(['defaultChanged info @5']);
    expect(await runRuleOnText(rule, { from: '3.6.1', to: '3.7.1' }, aiLogging(''))).toEqual(['defaultChanged info @4']);
  });
  it('valid: ai-proxy sets log_statistics, or starts at 3.7', async () => {
    expect(await runRuleOnText(rule, { from: '3.6.1', to: '3.7.1' }, aiLogging('    logging: {log_statistics: true}\n'))).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.7.0', to: '3.8.0' }, aiLogging(''))).toEqual([]);
  });

  // 3.13.0.0 (gateway.json, kong-ee): AI plugins' max_request_body_size default 8192 -> 1048576;
  // the field and its 8 KiB default arrived in 3.8 (kong/plugins/ai-proxy/schema.lua@3.8.0).
  const aiProxy = (extra = '') => `plugins:\n- name: ai-proxy\n  config:\n    route_type: llm/v1/chat\n${extra}`;
  it('invalid: ai-proxy leaves max_request_body_size unset across 3.13', async () => {
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.13.0.10', edition: 'enterprise' }, aiProxy())).toEqual(['defaultChanged info @4']);
  });
  it('valid: ai-proxy sets max_request_body_size', async () => {
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.13.0.10', edition: 'enterprise' }, aiProxy('    max_request_body_size: 8192\n'))).toEqual([]);
  });
  it('valid: a 3.7 source never had the 8 KiB default to lose', async () => {
    expect(await runRuleOnText(rule, { from: '3.7.1.0', to: '3.13.0.10', edition: 'enterprise' }, aiProxy())).toEqual([]);
  });
  it('valid/invalid: ai-semantic-prompt-guard counts its older rules.max_request_body_size as set', async () => {
    const plan = { from: '3.10.0.0', to: '3.14.0.13', edition: 'enterprise' as const };
    const guard = (rules: string) => `plugins:\n- name: ai-semantic-prompt-guard\n  config:\n    rules:\n      allow_prompts: [x]\n${rules}`;
    expect(await runRuleOnText(rule, plan, guard('      max_request_body_size: 4096\n'))).toEqual([]);
    expect(await runRuleOnText(rule, plan, guard(''))).toEqual(['defaultChanged info @4']);
  });
  // Until 3.12 the plugin had no top-level field: its 8 KiB default sat in rules
  // (app/_schemas/gateway/plugins/3.8-3.12/AiSemanticPromptGuard.json); the message says where it moved.
  it('ai-semantic-prompt-guard: the message names the rules field the 8 KiB default lived in', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: ai-semantic-prompt-guard\n  config:\n    rules:\n      allow_prompts: [x]\n';
    const { findings } = await runOnFiles({ from: '3.12.0.0', to: '3.13.0.0', edition: 'enterprise' }, ['kong.yml'], writeTemp(text), undefined, [rule]);
    expect(findings.map((f) => f.data?.fact)).toEqual(['plugin.ai-semantic-prompt-guard.max_request_body_size.default-1m']);
    expect(findings[0].message).toContain('moves in 3.13 from config.rules.max_request_body_size (8 KiB default');
    // A 3.13 source already has the 1 MiB default.
    expect((await runOnFiles({ from: '3.13.0.0', to: '3.14.0.0', edition: 'enterprise' }, ['kong.yml'], writeTemp(text), undefined, [rule])).findings
      .filter((f) => String(f.data?.fact).includes('max_request_body_size'))).toEqual([]);
  });
  // 3.0 added four metric switches, all off (kong/plugins/prometheus/schema.lua@3.0.0); 2.8 had
  // none and exported everything (@2.8.4). One decision for the operator: one finding per plugin.
  it('invalid: prometheus gets one finding naming each metric switch it leaves unset', async () => {
    const plan = { from: '2.8.2', to: '3.4.0' };
    const bare = await runOnFiles(plan, ['kong.yml'], writeTemp('plugins:\n- name: prometheus\n'), undefined, [rule]);
    expect(bare.findings.map((f) => `${f.messageId} ${f.severity}`)).toEqual(['defaultsChanged warning']);
    for (const flag of ['status_code_metrics', 'latency_metrics', 'bandwidth_metrics', 'upstream_health_metrics']) {
      expect(bare.findings[0].message).toContain(`\`config.${flag}\``);
    }
    const some = await runOnFiles(plan, ['kong.yml'], writeTemp('plugins:\n- name: prometheus\n  config:\n    latency_metrics: true\n    bandwidth_metrics: false\n'), undefined, [rule]);
    expect(some.findings).toHaveLength(1);
    expect(some.findings[0].data?.fields).toBe('`config.status_code_metrics`, `config.upstream_health_metrics`');
    expect(some.findings[0].data?.fact).toBe(bare.findings[0].data?.fact);
  });
  it('valid: prometheus sets every metric switch', async () => {
    const text = 'plugins:\n- name: prometheus\n  config: {status_code_metrics: true, latency_metrics: true, bandwidth_metrics: false, upstream_health_metrics: true}\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual([]);
  });
  it('invalid: hmac-auth without algorithms names the 3.14 default, sha224 in and sha1 out', async () => {
    const result = await runOnFiles({ from: '3.10.0.0', to: '3.14.0.13', edition: 'enterprise' }, ['kong.yml'], writeTemp('plugins:\n- name: hmac-auth\n  config: {hide_credentials: false}\n'), undefined, [rule]);
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('changes from ["hmac-sha1","hmac-sha256","hmac-sha384","hmac-sha512"] to ["hmac-sha224","hmac-sha256","hmac-sha384","hmac-sha512"] in 3.14.0.0'),
    ]);
  });
});

function writeTemp(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-rule-'));
  writeFileSync(join(dir, 'kong.yml'), text);
  return dir;
}
