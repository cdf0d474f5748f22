import rule from '../../../rules/entities/field-value-rejected';
import { runOnFiles, runRuleOnText } from '../../support/declarative-harness';
import { tempDir } from '../../support/temp';

describe('entities/field-value-rejected', () => {
  it('valid: one string per header', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: http-log, config: {http_endpoint: "http://x", headers: {X-A: b}}}]\n')).toEqual([]);
  });
  // Header values may be credentials: the finding names the headers, never their values.
  it('invalid: header lists, shown by their names only', async () => {
    const { findings } = await runOnFiles({ from: '2.8.2', to: '3.4.0' }, ['kong.yml'], tempDir({
      'kong.yml': 'plugins:\n- name: http-log\n  config:\n    http_endpoint: "http://x"\n    headers:\n      Authorization: [Bearer t0ken-value]\n      X-Team: payments\n',
    }), undefined, [rule]);
    expect(findings.map((f) => f.message)).toEqual([
      'plugin "http-log": `config.headers` = {"Authorization":[…],"X-Team":"…"} is not accepted from 3.0.0; expected one string per header name. http-log header values became single strings in 3.0 (a migration joins stored arrays; files with arrays fail validation).',
    ]);
    expect(JSON.stringify(findings)).not.toContain('t0ken-value');
  });
  it('invalid: fractional queue size', async () => {
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0' }, 'plugins:\n- name: http-log\n  config: {http_endpoint: "http://x", queue: {max_batch_size: 2.5}}\n')).toEqual(['rejected blocker @3']);
  });
  // A stored row with the same value is read differently (test/rules/db/entity-rules-on-database.test.ts);
  // a file is validated as a whole, on a DB-less node and on every decK sync.
  it('invalid: a retry delay of 0 in a file, whatever the topology', async () => {
    const text = 'plugins:\n- name: http-log\n  config: {http_endpoint: "http://x", queue: {initial_retry_delay: 0}}\n';
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0' }, text)).toEqual(['rejected blocker @3']);
    expect(await runRuleOnText(rule, { from: '3.3.0', to: '3.4.0', topology: 'dbless' }, text)).toEqual(['rejected blocker @3']);
  });

  const ee314 = { from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' as const };
  // The url shorthand sets protocol, and wins over the explicit field in a file Kong loads
  // (kong/db/schema/init.lua@3.9.3; src/015.yaml of the sweep is such a file).
  it('invalid: tls_verify false on a service whose url is https', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  url: https://bank-api:8445\n  tls_verify: false\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['rejected blocker @5']);
  });
  it('valid: tls_verify false on a service whose url is http, even beside protocol: wss', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  protocol: wss\n  url: http://a.internal\n  tls_verify: false\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
  });
  it('invalid: a removed-on-3.14 value in a decK shared config, reported where the shared config writes it', async () => {
    const text = '_format_version: "3.0"\n_plugin_configs:\n  r:\n    redis: {host: r, ssl: true, ssl_verify: false}\nplugins:\n- name: rate-limiting\n  _config: r\n  config: {minute: 1, policy: redis}\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['rejected blocker @4']);
  });

  // Kong's Redis modules refuse ssl_verify = false only when Redis is reached over TLS
  // (gateway.json 3.13.0.0 kong-ee, tls_certificate_verify in kong.tools.redis and redis.v2).
  describe('Redis ssl_verify false: refused only over TLS', () => {
    const plugin = (redis: string) => `_format_version: "3.0"\nplugins:\n- name: rate-limiting-advanced\n  config:\n    limit: [10]\n    window_size: [60]\n    strategy: redis\n    redis: {host: r, ${redis}}\n`;
    it('invalid: ssl true beside ssl_verify false', async () => {
      expect(await runRuleOnText(rule, ee314, plugin('ssl: true, ssl_verify: false'))).toEqual(['rejected blocker @8']);
    });
    it('valid: ssl false or left at its false default beside ssl_verify false', async () => {
      expect(await runRuleOnText(rule, ee314, plugin('ssl: false, ssl_verify: false'))).toEqual([]);
      expect(await runRuleOnText(rule, ee314, plugin('ssl_verify: false'))).toEqual([]);
    });
    it('a plugin with Redis and other verification fields: the others are refused whatever Redis uses', async () => {
      const oidc = (redis: string) => `_format_version: "3.0"\nplugins:\n- name: openid-connect\n  config:\n    issuer: https://idp/\n    ssl_verify: false\n    redis: {host: r, ${redis}}\n`;
      expect(await runRuleOnText(rule, ee314, oidc('ssl_verify: false'))).toEqual(['rejected blocker @6']);
      expect(await runRuleOnText(rule, ee314, oidc('ssl: true, ssl_verify: false'))).toEqual(['rejected blocker @6', 'rejected blocker @7']);
    });
    it('a vectordb Redis store: the same', async () => {
      const cache = (redis: string) => `_format_version: "3.0"\nplugins:\n- name: ai-semantic-cache\n  config:\n    vectordb:\n      strategy: redis\n      redis: {host: r, ${redis}}\n`;
      expect(await runRuleOnText(rule, ee314, cache('ssl: true, ssl_verify: false'))).toEqual(['rejected blocker @7']);
      expect(await runRuleOnText(rule, ee314, cache('ssl_verify: false'))).toEqual([]);
    });
    it('a redis partial without TLS: not refused', async () => {
      const text = '_format_version: "3.0"\npartials:\n- name: plain-redis\n  type: redis-ee\n  config:\n    host: redis\n    ssl: false\n    ssl_verify: false\n';
      expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
    });
    it('flat redis_ssl_verify false with redis_ssl left off: not refused', async () => {
      const text = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    policy: redis\n    redis_host: redis\n    redis_ssl_verify: false\n';
      expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
    });
  });

  // Sweep 10: Kong/deck's partials testdata (a redis-ee partial with ssl_verify: false) passed to
  // 3.14 unreported; tls-verify-314.md lists Redis partials' ssl_verify among the refused fields.
  it('invalid: a redis-ee partial with ssl_verify false, at the partial', async () => {
    const text = '_format_version: "3.0"\npartials:\n- name: shared-redis\n  type: redis-ee\n  config:\n    host: redis\n    password: s3cret-pw\n    ssl: true\n    ssl_verify: false\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['rejected blocker @9']);
    expect(await runRuleOnText(rule, ee314, text.replace('ssl_verify: false', 'ssl_verify: true'))).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.10.0.0', to: '3.13.0.0', edition: 'enterprise' as const }, text)).toEqual([]);
  });

  // tls-verify-314.md names "Redis Partials" without a type; partial.md counts redis-ce among them.
  it('invalid: a redis-ce partial with ssl_verify false, at the partial', async () => {
    const text = '_format_version: "3.0"\npartials:\n- name: rl-redis\n  type: redis-ce\n  config:\n    host: redis\n    ssl: true\n    ssl_verify: false\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['rejected blocker @8']);
    expect(await runRuleOnText(rule, ee314, text.replace('ssl_verify: false', 'ssl_verify: true'))).toEqual([]);
  });

  // decK adds the plugins of an add-plugins file as written (go-apiops plugins/pluginfile.go), so their config is what Kong gets.
  it('invalid: a removed-on-3.14 value in a plugin of a decK add-plugins file (sweep 6 D17)', async () => {
    const text = '_format_version: "1.0"\nadd-plugins:\n- selectors: ["$..services[*]"]\n  plugins:\n  - name: rate-limiting-advanced\n    config: {limit: [10], window_size: [60], strategy: redis, redis: {host: r, ssl: true, ssl_verify: false}}\n';
    expect(await runRuleOnText(rule, ee314, text)).toEqual(['rejected blocker @6']);
    expect(await runRuleOnText(rule, ee314, text.replace('ssl_verify: false', 'ssl_verify: true'))).toEqual([]);
  });

  // decK's `_workspace` is the workspace name (deck cmd/gateway_sync.go); a dump per workspace writes one such file each.
  it('invalid: a decK `_workspace` named after an Admin API segment on 3.15, reported at `_workspace`', async () => {
    const ee315 = { from: '3.14.0.0', to: '3.15.0.0', edition: 'enterprise' as const };
    const text = '_format_version: "3.0"\n_workspace: services\nservices:\n- {name: s, url: http://x.internal}\n';
    expect(await runRuleOnText(rule, ee315, text)).toEqual(['rejected warning @2']);
    expect(await runRuleOnText(rule, ee315, text.replace('_workspace: services', '_workspace: team-a'))).toEqual([]);
    expect(await runRuleOnText(rule, ee314, text)).toEqual([]);
  });

  // Kong turns the flat rate-limiting Redis settings into config.redis (shorthand_fields of
  // kong/plugins/rate-limiting/schema.lua@3.9.3); decK dumps of 3.4 write them flat (sweep files 024, 033-039).
  const flat = (plugin: string, verify: boolean) =>
    `_format_version: "3.0"\nplugins:\n- name: ${plugin}\n  config:\n    policy: redis\n    redis_host: redis\n    redis_ssl: true\n    redis_ssl_verify: ${verify}\n`;
  it('invalid: flat redis_ssl_verify false, reported at the alias', async () => {
    expect(await runRuleOnText(rule, ee314, flat('rate-limiting', false))).toEqual(['rejected blocker @8']);
    expect(await runRuleOnText(rule, ee314, flat('response-ratelimiting', false))).toEqual(['rejected blocker @8']);
  });
  it('valid: flat redis_ssl_verify true, or the flat name on a plugin without that alias', async () => {
    expect(await runRuleOnText(rule, ee314, flat('rate-limiting', true))).toEqual([]);
    expect(await runRuleOnText(rule, ee314, flat('rate-limiting-advanced', false))).toEqual([]);
  });
  it('invalid: a dump writing both names is reported once, at the field itself', async () => {
    const dump = `${flat('rate-limiting', false)}    redis:\n      host: redis\n      ssl: true\n      ssl_verify: false\n`;
    expect(await runRuleOnText(rule, ee314, dump)).toEqual(['rejected blocker @12']);
  });

  // tls_certificate_verify = off keeps the pre-3.14 behaviour: entities may still turn
  // verification off (docs app/_includes/upgrade/tls-verify-314.md, app/_data/kong-conf/3.14.json).
  describe('tls_certificate_verify in kong.conf', () => {
    const both = '_format_version: "3.0"\nservices:\n- name: s\n  url: https://up.internal\n  tls_verify: false\n  plugins:\n  - name: http-log\n    config: {http_endpoint: "https://logs.internal", ssl_verify: false}\n';
    it('valid: off in kong.conf lifts the service and plugin blockers', async () => {
      expect(await runRuleOnText(rule, ee314, both, { conf: 'tls_certificate_verify = off\n' })).toEqual([]);
    });
    it('valid: KONG_TLS_CERTIFICATE_VERIFY=off, and text Kong reads as false (`no`)', async () => {
      expect(await runRuleOnText(rule, ee314, both, { env: { KONG_TLS_CERTIFICATE_VERIFY: 'off' } })).toEqual([]);
      expect(await runRuleOnText(rule, ee314, both, { conf: 'tls_certificate_verify = no\n' })).toEqual([]);
    });
    it('invalid: on, or left to the 3.14 default, keeps both blockers', async () => {
      expect(await runRuleOnText(rule, ee314, both, { conf: 'tls_certificate_verify = on\n' })).toEqual(['rejected blocker @5', 'rejected blocker @8']);
      expect(await runRuleOnText(rule, ee314, both, { conf: 'database = off\n' })).toEqual(['rejected blocker @5', 'rejected blocker @8']);
      expect(await runRuleOnText(rule, ee314, both, { conf: 'tls_certificate_verify = off\n', env: { KONG_TLS_CERTIFICATE_VERIFY: 'on' } })).toEqual(['rejected blocker @5', 'rejected blocker @8']);
    });
    it('invalid: without a kong.conf nothing is known of the switch', async () => {
      expect(await runRuleOnText(rule, ee314, both)).toEqual(['rejected blocker @5', 'rejected blocker @8']);
    });
  });

  // kong/llm/init.lua@3.7.0 refuses log_statistics for anthropic with llm/v1/completions only.
  describe('ai-proxy log_statistics on a route type the provider reports no statistics for', () => {
    const crossing = { from: '3.6.1', to: '3.9.3' };
    const aiProxy = (routeType: string, provider: string) =>
      `_format_version: "3.0"\nplugins:\n- name: ai-proxy\n  config:\n    route_type: ${routeType}\n    model: {provider: ${provider}, name: claude-2.1}\n    logging: {log_statistics: true}\n`;
    it('invalid: anthropic llm/v1/completions with log_statistics true', async () => {
      expect(await runRuleOnText(rule, crossing, aiProxy('llm/v1/completions', 'anthropic'))).toEqual(['rejected blocker @7']);
    });
    it('valid: anthropic llm/v1/chat, or another provider on completions, or a path that starts at 3.7', async () => {
      expect(await runRuleOnText(rule, crossing, aiProxy('llm/v1/chat', 'anthropic'))).toEqual([]);
      expect(await runRuleOnText(rule, crossing, aiProxy('llm/v1/completions', 'openai'))).toEqual([]);
      expect(await runRuleOnText(rule, { from: '3.7.0', to: '3.9.3' }, aiProxy('llm/v1/completions', 'anthropic'))).toEqual([]);
    });
  });

  // preserve is deprecated from 3.10 but still in the route_type enum up to 3.15
  // (developer.konghq.com app/_schemas/gateway/plugins/<v>/AiProxy.json, AiProxyAdvanced.json).
  describe('ai-proxy route_type preserve', () => {
    const ai = { from: '3.4.3.12', to: '3.15.0.0', edition: 'enterprise' as const };
    it('is reported as deprecated but accepted, not as refused', async () => {
      const text = '_format_version: "3.0"\nplugins:\n- name: ai-proxy\n  config:\n    route_type: preserve\n';
      expect(await runRuleOnText(rule, ai, text)).toEqual(['deprecated info @5']);
    });
    it('is found per target in ai-proxy-advanced', async () => {
      const text = '_format_version: "3.0"\nplugins:\n- name: ai-proxy-advanced\n  config:\n    targets:\n    - route_type: preserve\n    - route_type: llm/v1/chat\n';
      expect(await runRuleOnText(rule, ai, text)).toEqual(['deprecated info @6']);
    });
    it('valid: another route type', async () => {
      expect(await runRuleOnText(rule, ai, '_format_version: "3.0"\nplugins:\n- name: ai-proxy\n  config: {route_type: llm/v1/chat}\n')).toEqual([]);
    });
  });
});

// Enterprise 3.12.0.11 and 3.13.0.10 limit upstream health check counters to 254 (gateway.json
// changelog); no other line carries the limit yet, and how it is enforced is not public (warning).
describe('upstream health check counters above 254', () => {
  const upstream = (successes: number, timeouts: number) => '_format_version: "3.0"\nupstreams:\n- name: orders\n  healthchecks:\n'
    + `    active:\n      healthy: {interval: 5, successes: ${successes}}\n    passive:\n      unhealthy: {timeouts: ${timeouts}}\n`;
  const ee = (from: string, to: string) => ({ from, to, edition: 'enterprise' as const });

  it('invalid: a counter of 255 on a target carrying the limit, at its line', async () => {
    expect(await runRuleOnText(rule, ee('3.10.0.0', '3.12.0.11'), upstream(255, 3))).toEqual(['rejected warning @6']);
    expect(await runRuleOnText(rule, ee('3.13.0.2', '3.13.0.10'), upstream(2, 255))).toEqual(['rejected warning @8']);
  });

  it('names the patch release of the target\'s line', async () => {
    const dir = tempDir({ 'kong.yml': upstream(255, 255) }, 'kp-hc-');
    const result = await runOnFiles(ee('3.13.0.2', '3.13.0.10'), ['kong.yml'], dir, undefined, [rule]);
    expect(result.findings.map((f) => f.data?.since)).toEqual(['3.13.0.10', '3.13.0.10']);
  });

  it('valid: 254, targets without the limit, and sources that already run it', async () => {
    expect(await runRuleOnText(rule, ee('3.10.0.0', '3.12.0.11'), upstream(254, 254))).toEqual([]);
    expect(await runRuleOnText(rule, ee('3.12.0.2', '3.12.0.10'), upstream(255, 255))).toEqual([]);
    expect(await runRuleOnText(rule, ee('3.10.0.0', '3.14.0.13'), upstream(255, 255))).toEqual([]);
    expect(await runRuleOnText(rule, ee('3.12.0.11', '3.12.0.12'), upstream(255, 255))).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.9.0', to: '3.9.3' }, upstream(255, 255))).toEqual([]);
  });
});
