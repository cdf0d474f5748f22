// --fix-output's converter: each fixture converted for its path and checked again must not
// report anything the converter claims to have fixed; comments and order survive.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeclarativeText } from '../../src/inputs/declarative';
import { convertDeclarative, findingKeys } from '../../src/fix/declarative-convert';
import { migrate2xPath as migratePath } from '../../src/knowledge/entities/route-path-migration';
import type { Edition, Topology } from '../../src/plan/types';
import { handPlan, runOnFiles } from '../support/declarative-harness';
import { tempDir } from '../support/temp';

const DIR = join(__dirname, '..', '..', 'fixtures', 'declarative');

interface Expectation { file?: string; from: string; to: string; edition?: Edition; topology?: Topology }

const cases = readdirSync(DIR).filter((n) => n.endsWith('.expect.json')).sort().map((name) => {
  const expectation = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Expectation;
  return { name, file: expectation.file ?? name.replace('.expect.json', '.yml'), expectation };
});

describe('migrate2xPath, as --fix-output writes paths', () => {
  it('rewrites paths as Kong\'s 3.0 migration does', () => {
    expect(migratePath('/users/\\d+')).toBe('~/users/\\d+');
    expect(migratePath('/foo%2Dbar')).toBe('/foo-bar');
    expect(migratePath('/item%2E(\\d+)')).toBe('~/item\\.(\\d+)');
    expect(migratePath('/keep%2fslash')).toBe('/keep%2Fslash');
    expect(migratePath('/plain')).toBe('/plain');
  });

  // kong/tools/uri.lua@3.0.0 normalize(path, true), which the migration runs on plain paths and
  // 3.1+ requires of them (kong/db/schema/typedefs.lua@3.1.0); fixtures/route-paths holds more.
  it('decodes every escape but reserved ones, and removes dot segments, as Kong does', () => {
    expect(migratePath('/docs%20v2')).toBe('/docs v2');
    expect(migratePath('/a%7Bb%7D(\\d+)')).toBe('~/a\\{b\\}(\\d+)');
    expect(migratePath('/v1/./users')).toBe('/v1/users');
    expect(migratePath('/static-v1.2/files')).toBe('/static-v1.2/files');
  });
});

describe('declarative converter round trip', () => {
  it.each(cases)('$name', async ({ file, expectation }) => {
    const plan = { from: expectation.from, to: expectation.to, edition: expectation.edition, topology: expectation.topology };
    const before = await runOnFiles(plan, [file], DIR);
    const { text, conversions } = convertDeclarative(file, readFileSync(join(DIR, file), 'utf8'), handPlan(plan));
    const out = mkdtempSync(join(tmpdir(), 'kp-fix-'));
    writeFileSync(join(out, file), text);
    const after = await runOnFiles(plan, [file], out);
    const claimed = new Set(conversions.map((c) => c.key));
    const stillThere = after.findings.filter((f) => findingKeys(f).some((key) => claimed.has(key)));
    expect(stillThere.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    // Every change the converter claims answers a finding of the original file.
    const beforeKeys = new Set(before.findings.flatMap(findingKeys));
    for (const c of conversions) expect(beforeKeys.has(c.key) || c.ruleId === 'declarative/format-version').toBe(true);
    expect(after.findings.length).toBeLessThanOrEqual(before.findings.length);
    // A conversion must not bring a blocker the original did not have.
    const beforeBlockers = new Set(before.findings.filter((f) => f.severity === 'blocker').flatMap(findingKeys));
    const newBlockers = after.findings.filter((f) => f.severity === 'blocker' && !findingKeys(f).every((key) => beforeBlockers.has(key)));
    expect(newBlockers.map((f) => f.message)).toEqual([]);
  });

  it('keeps comments and key order, and converts what it can', () => {
    const source = readFileSync(join(DIR, 'plugins-3-0.yml'), 'utf8');
    const { text, conversions } = convertDeclarative('plugins-3-0.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text).toContain('# Plugin configurations a 2.8 node accepts');
    expect(text).toContain("allow: [10.0.0.0/8]");
    expect(text).not.toContain('whitelist');
    expect(text).not.toContain('proxy_scheme');
    expect(text).toMatch(/access:\n\s+- return kong\.response\.exit\(204\)/);
    expect(text).toContain('services:\n- name: billing');
    expect(text).toContain('policy: cluster');
    // prometheus's four 3.0 metric switches are one finding; each is pinned to 2.8's behaviour.
    expect(text).toMatch(/per_consumer: true\n\s+status_code_metrics: true\n\s+latency_metrics: true\n\s+bandwidth_metrics: true\n\s+upstream_health_metrics: true/);
    expect(text.indexOf('name: billing')).toBeLessThan(text.indexOf('name: ip-restriction'));
    // http-log header lists need a human decision: not converted.
    expect(text).toContain('X-Team: [payments, billing]');
    expect(conversions.map((c) => c.ruleId)).not.toContain('entities/field-value-rejected');
  });

  it('reshapes Redis addresses into nodes and wraps scalar AI limits', () => {
    const source = readFileSync(join(DIR, 'enterprise-3-10.yml'), 'utf8');
    const { text, conversions } = convertDeclarative('enterprise-3-10.yml', source, handPlan({ from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }));
    expect(conversions.map((c) => c.description)).toContainEqual(expect.stringContaining('config.redis.timeout -> config.redis.connect_timeout, config.redis.send_timeout, config.redis.read_timeout'));
    // The file wrote the addresses as a flow list: the nodes keep that style.
    expect(text).toContain('cluster_nodes: [{ip: r1.internal, port: 6379}, {ip: r2.internal, port: 6379}]');
    expect(text).not.toContain('cluster_addresses');
    expect(text).toMatch(/window_size:\n\s+- 60/);
    expect(text).toMatch(/connect_timeout: 1500\n\s+send_timeout: 1500\n\s+read_timeout: 1500/);
    expect(text).not.toMatch(/\btimeout: 1500/);
  });

  it('moves openid-connect session_redis_* into config.redis, and drops host/port beside cluster nodes', () => {
    const source = readFileSync(join(DIR, 'oidc-session-redis-3-8.yml'), 'utf8');
    const { text, conversions } = convertDeclarative('oidc-session-redis-3-8.yml', source, handPlan({ from: '3.4.3.2', to: '3.9.0.0', edition: 'enterprise' }));
    expect(conversions.map((c) => c.description)).toEqual([
      'oidc-session-redis-3-8.yml:9: config.session_redis_host -> config.redis.host',
      'oidc-session-redis-3-8.yml:10: config.session_redis_port -> config.redis.port',
      'oidc-session-redis-3-8.yml:22: config.session_redis_cluster_nodes -> config.redis.cluster_nodes',
      'oidc-session-redis-3-8.yml:19: config.session_redis_host removed',
      'oidc-session-redis-3-8.yml:20: config.session_redis_port removed',
    ]);
    expect(text).toMatch(/redis:\n\s+host: redis\.internal\n\s+port: 6379/);
    // The clustered plugin loses its ignored host and port: moved, they would sit beside cluster_nodes.
    expect(text).not.toContain('127.0.0.1');
    expect(text).toMatch(/redis:\n\s+cluster_nodes:\n\s+- ip: 10\.0\.0\.1/);
  });

  // decK's converter (Kong/deck convert/route_updates.go@4657ee37) only adds the `~`; Kong's
  // migration (migrate_path_280_300.lua@3.0.0) also normalizes, and 3.1+ refuses the rest.
  it('writes paths as Kong\'s migration does, where decK would only add a `~`', () => {
    const source = '_format_version: "1.1"\nservices:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths:\n    - /docs%20v2\n    - /item%2E(\\d+)\n    - /plain\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text).toContain('    - /docs v2\n    - ~/item\\.(\\d+)\n    - /plain\n');
    expect(conversions.map((c) => c.key)).toEqual([
      'declarative/format-version||',
      'entities/route-path-percent-encoded|route "r"|/docs%20v2',
      'entities/route-regex-path-without-tilde|route "r"|/item%2E(\\d+)',
      'entities/route-path-percent-encoded|route "r"|/item%2E(\\d+)',
    ]);
  });

  // A converted file is in format 3.0, which 2.x refuses (declarative_config.lua@2.8.5): its
  // `/docs v2` is the literal prefix 3.x reads. Converting it again must leave it alone.
  it('leaves literal-looking paths of a 3.0-format file as they are: a second conversion changes nothing', () => {
    const source = '_format_version: "1.1"\nroutes:\n- name: r\n  paths:\n  - /docs%20v2\n  - /users:search\n';
    const plan = handPlan({ from: '2.8.2', to: '3.4.0' });
    const once = convertDeclarative('kong.yml', source, plan).text;
    expect(once).toContain('  - /docs v2\n  - ~/users:search\n');
    const twice = convertDeclarative('kong.yml', once, plan);
    expect(twice.conversions).toEqual([]);
    expect(twice.text).toBe(once);
    expect(convertDeclarative('kong.yml', '_format_version: "3.0"\nroutes:\n- name: r\n  paths: [/a%41:b, /v1/(x)]\n', plan).text)
      .toContain("paths: ['/aA:b', ~/v1/(x)]");
  });

  // kong/llm/drivers/openai.lua@3.9.3 takes the host from upstream_url: a path moved there (as
  // decK's convert/plugin_updates_310.go@4657ee37 does) would leave requests without one.
  it('leaves an AI upstream_path for the operator, and still moves the Redis timeout of the same file', async () => {
    const source = '_format_version: "3.0"\nplugins:\n- name: ai-proxy\n  config:\n    route_type: llm/v1/chat\n    model:\n      provider: openai\n      options:\n        upstream_path: /v1/chat/completions\n'
      + '- name: rate-limiting-advanced\n  config:\n    limit: [10]\n    window_size: [60]\n    strategy: redis\n    redis:\n      timeout: 1500\n';
    const plan = { from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' as const };
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan(plan));
    expect(text).toContain('upstream_path: /v1/chat/completions');
    expect(text).not.toContain('upstream_url');
    expect(conversions.map((c) => c.description)).not.toContainEqual(expect.stringContaining('upstream_path'));
    expect(conversions.map((c) => c.description)).toContainEqual(expect.stringContaining('config.redis.timeout -> config.redis.connect_timeout'));
    const dir = mkdtempSync(join(tmpdir(), 'kp-ai-'));
    writeFileSync(join(dir, 'kong.yml'), text);
    const after = await runOnFiles(plan, ['kong.yml'], dir);
    expect(after.findings.filter((f) => f.ruleId === 'entities/plugin-field-renamed').map((f) => f.message)).toEqual([
      expect.stringContaining('config.model.options.upstream_path'),
    ]);
  });

  it('a 2.1 file converted on a 3.x-only path gets its regex paths migrated with its version', () => {
    const source = '_format_version: "2.1"\nroutes:\n- name: users\n  paths:\n  - /users/\\d+$\n  - /health\n';
    const { text } = convertDeclarative('kong.yml', source, handPlan({ from: '3.4.0', to: '3.9.0' }));
    expect(text).toContain('_format_version: "3.0"');
    expect(text).toContain('~/users/\\d+$');
    expect(text).toContain('- /health');
    // A 3.0 file on the same path keeps its paths: they are 3.x paths already.
    const current = source.replace('"2.1"', '"3.0"');
    expect(convertDeclarative('kong.yml', current, handPlan({ from: '3.4.0', to: '3.9.0' })).text).toBe(current);
  });

  // 3.0 accepts plain paths that are not in normalized form; 3.1 refuses them (typedefs.lua@3.1.0)
  // and no migration rewrites them. From 3.0.x every path is a 3.x path: only plain ones change,
  // and none gets a `~` (a 3.0 path without it is a prefix, whatever it looks like).
  it('a 3.0.x file crossing 3.1 gets its plain paths normalized, nothing else', async () => {
    const source = '_format_version: "3.0"\nroutes:\n- name: docs\n  paths:\n  - /docs/%7euser/./v1\n  - /v1/(x)\n  - ~/api/%7e\n';
    const plan = { from: '3.0.1', to: '3.4.0' };
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan(plan));
    expect(text).toBe(source.replace('/docs/%7euser/./v1', '/docs/~user/v1'));
    expect(conversions.map((c) => c.ruleId)).toEqual(['entities/route-path-percent-encoded']);
    const before = await runOnFiles(plan, ['kong.yml'], tempDir({ 'kong.yml': source }));
    expect(before.findings.filter((f) => f.messageId === 'refusedFrom31')).toHaveLength(1);
    const after = await runOnFiles(plan, ['kong.yml'], tempDir({ 'kong.yml': text }));
    expect(after.findings.filter((f) => f.ruleId === 'entities/route-path-percent-encoded')).toEqual([]);
    // Within 3.0.x nothing is refused yet, so nothing is rewritten.
    expect(convertDeclarative('kong.yml', source, handPlan({ from: '3.0.0', to: '3.0.1' })).text).toBe(source);
  });

  // lua-resty-session 4 fields accept Strict, Lax, None or Default; 2.x also took `off`, which the
  // session plugin's alias turns into Lax (kong/plugins/session/schema.lua@3.4.2). The Enterprise
  // plugins' translation is not public: their `off` stays under the old name, which Kong accepts.
  it('translates SameSite off as the session alias does, and leaves an Enterprise off to the operator', () => {
    const session = '_format_version: "2.1"\nplugins:\n- name: session\n  config:\n    cookie_samesite: "off"\n    cookie_httponly: true\n';
    const converted = convertDeclarative('kong.yml', session, handPlan({ from: '2.8.2', to: '3.4.0' })).text;
    expect(converted).toContain('cookie_same_site: Lax');
    expect(converted).not.toContain('off');
    const oidc = [
      '_format_version: "1.1"', 'plugins:', '- name: openid-connect', '  config:', '    issuer: https://idp.example/',
      '    authorization_cookie_samesite: "off"', '    session_cookie_samesite: Strict', '',
    ].join('\n');
    const { text, conversions } = convertDeclarative('kong.yml', oidc, handPlan({ from: '2.8.4.14', to: '3.4.3.2', edition: 'enterprise' }));
    expect(text).toContain('authorization_cookie_samesite: "off"');
    expect(text).not.toContain('authorization_cookie_same_site');
    expect(text).toContain('session_cookie_same_site: Strict');
    expect(conversions.map((c) => c.description)).not.toContainEqual(expect.stringContaining('authorization_cookie_samesite'));
  });

  it('writes sentinel nodes with a host key, cluster nodes with an ip key', () => {
    const source = [
      '_format_version: "3.0"', 'plugins:', '- name: proxy-cache-advanced', '  config:', '    strategy: redis', '    redis:',
      '      sentinel_master: main', '      sentinel_role: master', '      sentinel_addresses: ["s1.internal:26379", "s2.internal"]', '',
    ].join('\n');
    const { text } = convertDeclarative('kong.yml', source, handPlan({ from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }));
    expect(text).toContain('sentinel_nodes: [{host: s1.internal, port: 26379}, {host: s2.internal}]');
    expect(text).not.toMatch(/\bip:/);
  });

  it('leaves conflicting old and new fields alone', () => {
    const source = '_format_version: "3.0"\nplugins:\n- name: acl\n  config:\n    whitelist: [a]\n    allow: [b]\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text).toContain('whitelist: [a]');
    expect(conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed')).toEqual([]);
  });

  it('leaves an alias equal to its replacement (as a decK dump writes it) and drops a removed field equal to it', () => {
    const dump = '_format_version: "3.0"\nplugins:\n- name: rate-limiting\n  config:\n    redis_port: 6379\n    redis:\n      port: 6379\n';
    const kept = convertDeclarative('kong.yml', dump, handPlan({ from: '3.4.0', to: '3.9.0' }));
    expect(kept.text).toContain('redis_port: 6379');
    expect(kept.conversions).toEqual([]);
    const removed = 'plugins:\n- name: acl\n  config:\n    whitelist: [a]\n    allow: [a]\n';
    expect(convertDeclarative('kong.yml', removed, handPlan({ from: '2.8.2', to: '3.4.0' })).text).not.toContain('whitelist');
  });

  it('writes JSON for JSON input', () => {
    const source = JSON.stringify({ _format_version: '2.1', routes: [{ name: 'r', paths: ['/a/\\d+'] }] });
    const { text } = convertDeclarative('kong.json', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(JSON.parse(text)).toEqual({ _format_version: '3.0', routes: [{ name: 'r', paths: ['~/a/\\d+'] }] });
  });

  it('converts the first of several YAML documents, the one Kong reads, and keeps the others as written', () => {
    const later = '---\n# kept as written\nroutes:\n- name: other\n  paths: [/b/\\d+]\n';
    const source = `_format_version: "2.1"\nroutes:\n- name: r\n  paths: [/a/\\d+]\n${later}`;
    const { text } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text.endsWith(later)).toBe(true);
    expect(text.slice(0, -later.length)).toContain('~/a/\\d+');
    expect(text.slice(0, -later.length)).toContain('_format_version: "3.0"');
    // A trailing empty document is no obstacle either.
    expect(convertDeclarative('kong.yml', 'routes:\n- name: r\n  paths: [/a/\\d+]\n---\n', handPlan({ from: '2.8.2', to: '3.4.0' })).text).toMatch(/~\/a\/\\d\+[\s\S]*---\n$/);
  });
  it('writes decK template expressions back as they were (decK renders them, we only read them masked)', () => {
    const source = '_format_version: "1.1"\nplugins:\n- name: ip-restriction\n  config:\n    whitelist: ["${{ env "DECK_OFFICE_CIDR" }}"]\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(conversions.length).toBeGreaterThan(0);
    expect(text).toContain('allow: ["${{ env "DECK_OFFICE_CIDR" }}"]');
    expect(text).not.toContain("'DECK_OFFICE_CIDR'");
    // Written as the file wrote it, so it reads (masked) as the input did.
    expect(readDeclarativeText('kong.yml', text).root.plugins).toEqual([{ name: 'ip-restriction', config: { allow: ["${{ env 'DECK_OFFICE_CIDR' }}"] } }]);
    const json = '{"_format_version": "3.0", "consumers": [{"username": "u", "keyauth_credentials": [{"key": "${{ env "DECK_KEY" }}"}]}]}';
    expect(convertDeclarative('kong.json', json, handPlan({ from: '3.0.0', to: '3.4.0' })).text).toContain('"key": "${{ env "DECK_KEY" }}"');
  });
  it('leaves a route path holding a decK template expression as written, and converts the rest', () => {
    const source = '_format_version: "1.1"\nservices:\n- name: s\n  url: http://h\n  routes:\n  - name: r\n    paths:\n    - /${{ env "DECK_USERNAME" }}\n    - /${{ env "DECK_USERNAME" }}/(\\d+)\n    - /v1/(a|b)\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text).toContain('    - /${{ env "DECK_USERNAME" }}\n    - /${{ env "DECK_USERNAME" }}/(\\d+)\n    - ~/v1/(a|b)\n');
    expect(conversions.map((c) => c.ruleId)).toEqual(['declarative/format-version', 'entities/route-regex-path-without-tilde']);
  });
  it('drops a removed field that is null or empty instead of leaving it for a human (as decK does)', () => {
    const source = 'plugins:\n- name: post-function\n  config:\n    functions: null\n    access: [a]\n- name: pre-function\n  config:\n    functions: []\n    access: [b]\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(text).not.toContain('functions');
    expect(readDeclarativeText('kong.yml', text).root.plugins).toEqual([{ name: 'post-function', config: { access: ['a'] } }, { name: 'pre-function', config: { access: ['b'] } }]);
    expect(conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed')).toHaveLength(2);
  });

  // decK merges `_plugin_configs.<name>` into each plugin naming it, the plugin's own values
  // winning (go-database-reconciler pkg/file/builder.go mergePluginConfig).
  it('converts a removed field where a decK shared config writes it, not in each plugin', () => {
    const source = '_format_version: "1.1"\n_plugin_configs:\n  admins-only:\n    whitelist: [admins]\nplugins:\n- name: acl\n  _config: admins-only\n- name: acl\n  _config: admins-only\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    expect(readDeclarativeText('kong.yml', text).root).toEqual({
      _format_version: '3.0',
      _plugin_configs: { 'admins-only': { allow: ['admins'] } },
      plugins: [{ name: 'acl', _config: 'admins-only' }, { name: 'acl', _config: 'admins-only' }],
    });
    expect(conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed')).toHaveLength(2);
  });

  it('leaves a shared config named by plugins of different kinds to the operator', () => {
    const source = '_format_version: "3.0"\n_plugin_configs:\n  lists:\n    whitelist: [a]\nplugins:\n- name: acl\n  _config: lists\n- name: my-plugin\n  _config: lists\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '2.8.2', to: '3.4.0' }));
    // Nothing converted: the copy is the input, byte for byte.
    expect(text).toBe(source);
    expect(conversions.filter((c) => c.ruleId === 'entities/plugin-field-renamed')).toEqual([]);
  });

  it('pins no default that a decK shared config or _info.defaults already sets', () => {
    const plan = handPlan({ from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' });
    const shared = '_format_version: "3.0"\n_plugin_configs:\n  ka: {hide_credentials: true}\nplugins:\n- name: key-auth\n  _config: ka\n';
    expect(convertDeclarative('kong.yml', shared, plan).conversions).toEqual([]);
    const defaults = '_format_version: "3.0"\n_info:\n  defaults:\n    route: {protocols: [https]}\nroutes:\n- name: r\n  paths: [/a]\n';
    expect(convertDeclarative('kong.yml', defaults, plan).conversions).toEqual([]);
    // Without them the old defaults are pinned, on the entity itself.
    const plain = convertDeclarative('kong.yml', '_format_version: "3.0"\n_plugin_configs:\n  ka: {key_names: [k]}\nplugins:\n- name: key-auth\n  _config: ka\nroutes:\n- name: r\n  paths: [/a]\n', plan);
    expect(readDeclarativeText('kong.yml', plain.text).root).toMatchObject({
      _plugin_configs: { ka: { key_names: ['k'] } },
      plugins: [{ name: 'key-auth', _config: 'ka', config: { hide_credentials: false } }],
      routes: [{ name: 'r', paths: ['/a'], protocols: ['http', 'https'] }],
    });
  });

  it('pins the 8 KiB body limit of an AI plugin crossing 3.13, not that of a source from before 3.8', () => {
    const source = '_format_version: "3.0"\nplugins:\n- name: ai-prompt-guard\n  config:\n    allow_patterns: [".*"]\n';
    const pinned = convertDeclarative('kong.yml', source, handPlan({ from: '3.10.0.0', to: '3.13.0.10', edition: 'enterprise' }));
    expect(readDeclarativeText('kong.yml', pinned.text).root.plugins).toEqual([
      { name: 'ai-prompt-guard', config: { allow_patterns: ['.*'], max_request_body_size: 8192 } },
    ]);
    expect(convertDeclarative('kong.yml', source, handPlan({ from: '3.7.1.0', to: '3.13.0.10', edition: 'enterprise' })).text).toBe(source);
  });

  it('moves opentelemetry endpoint to traces_endpoint, and keeps header_type, which has no one-to-one replacement', () => {
    const source = '_format_version: "3.0"\nplugins:\n- name: opentelemetry\n  config:\n    endpoint: http://otel:4318/v1/traces\n    header_type: b3\n- name: zipkin\n  config:\n    default_header_type: w3c\n';
    const { text, conversions } = convertDeclarative('kong.yml', source, handPlan({ from: '3.4.0', to: '3.9.0' }));
    expect(readDeclarativeText('kong.yml', text).root.plugins).toEqual([
      { name: 'opentelemetry', config: { traces_endpoint: 'http://otel:4318/v1/traces', header_type: 'b3' } },
      { name: 'zipkin', config: { default_header_type: 'w3c' } },
    ]);
    expect(conversions.map((c) => c.key)).toEqual(['entities/plugin-field-renamed|plugin "opentelemetry"|plugin.opentelemetry.endpoint.deprecated']);
  });
});
