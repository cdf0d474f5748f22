import rule from '../../../rules/conf/default-changed';
import { variablesConfLayer } from '../../../src/inputs/images/variables-conf-layer';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { runCase, ruleTester } from '../../support/rule-tester';

// Each curated default change: the property, a path crossing it, a path that does not, severity.
const changes = [
  { key: 'worker_consistency', before: '2.8', after: '3.0', severity: 'info', edition: 'oss' },
  { key: 'lua_ssl_trusted_certificate', before: '2.8', after: '3.0', severity: 'warning', edition: 'oss' },
  { key: 'allow_debug_header', before: '3.1', after: '3.2', severity: 'warning', edition: 'oss' },
  { key: 'status_listen', before: '3.5', after: '3.6', severity: 'info', edition: 'oss' },
  { key: 'lua_ssl_protocols', before: '3.6.0', after: '3.6.1', severity: 'info', edition: 'oss' },
  { key: 'tls_certificate_verify', before: '3.13', after: '3.14', severity: 'warning', edition: 'enterprise' },
  { key: 'untrusted_lua', before: '3.13', after: '3.14', severity: 'warning', edition: 'enterprise' },
] as const;

/** Only the finding for `key`, so unrelated default changes on the same hop do not matter here. */
async function findingsFor(key: string, c: Parameters<typeof runCase>[1]) {
  const { result } = await runCase(rule, c);
  return result.findings.filter((f) => f.data?.key === key);
}

// Any suite but `custom` replaces ssl_protocols with its own list (kong/conf_loader), so its
// default matters only with ssl_cipher_suite = custom.
describe('conf/default-changed: ssl_protocols follows the cipher suite', () => {
  it('is silent under the default suite and reported under custom', async () => {
    expect(await findingsFor('ssl_protocols', { name: 'default suite', conf: 'log_level = notice\n', from: '3.6.0', to: '3.6.1', edition: 'oss' })).toEqual([]);
    const found = await findingsFor('ssl_protocols', { name: 'custom suite', conf: 'ssl_cipher_suite = custom\n', from: '3.6.0', to: '3.6.1', edition: 'oss' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning' });
  });
});

// 3.6.1 drops TLSv1.1 from the lua_ssl_protocols default (kong_defaults.lua@3.6.1), but OpenSSL 3
// has refused TLS 1.1 at its default level since 3.4.0 (.requirements@3.4.0): only under
// ssl_cipher_suite = old, which sets @SECLEVEL=0 from 3.6.1 (nginx_kong.lua@3.6.1), did a TLS 1.1
// dependency work before the new default.
describe('conf/default-changed: lua_ssl_protocols follows ssl_cipher_suite = old', () => {
  it.each([
    { suite: 'the default suite', conf: 'log_level = notice\n', severity: 'info' },
    { suite: 'ssl_cipher_suite = modern', conf: 'ssl_cipher_suite = modern\n', severity: 'info' },
    { suite: 'ssl_cipher_suite = old', conf: 'ssl_cipher_suite = old\n', severity: 'warning' },
  ])('with $suite it is reported as $severity', async ({ suite, conf, severity }) => {
    const found = await findingsFor('lua_ssl_protocols', { name: suite, conf, from: '3.4', to: '3.6.1', edition: 'oss' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity, message: expect.stringContaining('in 3.6.1') });
  });

  it('reads the suite from the environment too', async () => {
    const found = await findingsFor('lua_ssl_protocols', { name: 'env', env: { KONG_SSL_CIPHER_SUITE: 'old' }, from: '3.4', to: '3.10.0.0', edition: 'enterprise' });
    expect(found.map((f) => f.severity)).toEqual(['warning']);
  });
});

// Facts name releases in Enterprise numbering; OSS tags have three parts (Kong/kong tags 3.2.0,
// 3.4.1: kong_defaults.lua@3.4.1 has upstream_keepalive_max_requests = 1000, @3.4.0 has 100).
describe('conf/default-changed: releases as the edition numbers them', () => {
  const conf = 'database = postgres\npg_host = db\n';
  const messages = async (edition: 'oss' | 'enterprise') => {
    const { result } = await runCase(rule, { name: edition, conf, from: '2.8', to: '3.4', edition });
    const of = (key: string) => result.findings.find((f) => f.data?.key === key)?.message;
    return { keepalive: of('upstream_keepalive_max_requests'), debugHeader: of('allow_debug_header') };
  };

  it('names OSS releases in an open-source report', async () => {
    const { keepalive, debugHeader } = await messages('oss');
    expect(keepalive).toContain('changes from `100` to `1000` in 3.4.1.');
    expect(debugHeader).toContain('appears in 3.2.0 with the default `off`');
  });

  it('keeps Enterprise releases in an Enterprise report', async () => {
    const { keepalive, debugHeader } = await messages('enterprise');
    expect(keepalive).toContain('changes from `100` to `1000` in 3.4.1.0.');
    expect(debugHeader).toContain('appears in 3.2.0.0 with the default `off`');
  });
});

// 2.1 moved the nginx_http_ssl_* defaults to ssl_protocols and friends, which write the same
// directives with the same values: the old keys' defaults became unset, but nothing changed.
describe('conf/default-changed: defaults taken over by a new property', () => {
  it('says nothing about nginx_http_ssl_* on 2.0 -> 2.1', async () => {
    const { result } = await runCase(rule, { name: 'stock 2.0', conf: 'log_level = notice\n', from: '2.0', to: '2.1', edition: 'oss' });
    expect(result.findings.map((f) => f.data?.key).filter((k) => /^nginx_(http|stream)_ssl_/.test(String(k)))).toEqual([]);
  });
});

// Enterprise backported TLS 1.2-only defaults to 2.8.4.8, 3.4.3.5 and 3.5.0.4 (docs
// app/_data/changelogs/gateway.json): a source already on such a release has nothing to meet.
describe('conf/default-changed: Enterprise TLS backports', () => {
  const lua = (from: string, to: string, edition: 'oss' | 'enterprise' = 'enterprise') =>
    findingsFor('lua_ssl_protocols', { name: `${from} -> ${to}`, conf: 'log_level = notice\n', from, to, edition });

  it.each([['3.4.3.5', '3.10.0.0'], ['3.4.3.12', '3.10.0.0'], ['3.5.0.4', '3.10.0.0'], ['2.8.4.9', '3.4.3.12'], ['2.8.4.8', '3.10.0.0']])(
    'is silent from %s (already backported) to %s', async (from, to) => {
      expect(await lua(from, to)).toEqual([]);
    });

  it('is reported once, at 3.6.1.0, from 3.4.3.4 (before the backport) to 3.10', async () => {
    const found = await lua('3.4.3.4', '3.10.0.0');
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ since: '3.6.1.0' });
    expect(found[0].message).toContain('in 3.6.1.0');
  });

  it('is placed on the hop whose end carries the backport: 2.8.4.1 -> 3.4.x -> 3.10 meets it at 3.4.3.5', async () => {
    const found = await lua('2.8.4.1', '3.10.0.0');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('in 3.4.3.5');
    expect(found[0].hop).toBe('2.8.4.1 -> 3.4.x');
  });

  it('the backports are Enterprise-only: OSS 3.4 -> 3.10 still meets it at 3.6.1', async () => {
    expect(await lua('3.4.3', '3.10.0', 'oss')).toHaveLength(1);
  });
});

describe('conf/default-changed per change', () => {
  it.each(changes)('$key changes on $before -> $after', async (c) => {
    const found = await findingsFor(c.key, { name: c.key, conf: 'log_level = notice\n', from: c.before, to: c.after, edition: c.edition });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: c.severity, location: { kind: 'file', line: 1 } });
    expect(found[0].hop).toContain(c.after);
  });

  it.each(changes)('$key is silent on a path that stays at $before', async (c) => {
    expect(await findingsFor(c.key, { name: c.key, conf: 'log_level = notice\n', from: c.before, to: c.before, edition: c.edition })).toEqual([]);
  });

  it.each(changes)('$key is silent when set explicitly', async (c) => {
    expect(await findingsFor(c.key, { name: c.key, conf: `${c.key} = on\n`, from: c.before, to: c.after, edition: c.edition })).toEqual([]);
  });

  it('pg_ssl_verify matters only with TLS to PostgreSQL', async () => {
    const base = { name: 'pg', from: '3.13', to: '3.14', edition: 'enterprise' as const };
    expect(await findingsFor('pg_ssl_verify', { ...base, conf: 'pg_ssl = off\n' })).toEqual([]);
    expect(await findingsFor('pg_ssl_verify', { ...base, conf: 'pg_ssl = on\n' })).toHaveLength(1);
  });

  // vault_hcv_ssl_verify is new in 3.14 with default on (developer.konghq.com app/_data/kong-conf/3.14.json).
  it('vault_hcv_ssl_verify matters only for a HashiCorp Vault reached over https', async () => {
    const base = { name: 'hcv', from: '3.10', to: '3.14', edition: 'enterprise' as const };
    expect(await findingsFor('vault_hcv_ssl_verify', { ...base, conf: 'vault_hcv_host = vault.internal\n' })).toEqual([]);
    const [found] = await findingsFor('vault_hcv_ssl_verify', { ...base, conf: 'vault_hcv_protocol = https\nvault_hcv_host = vault.internal\n' });
    expect(found).toMatchObject({ severity: 'warning', messageId: 'newProperty' });
    // Unset everywhere that was read (kong.conf, image files, Helm values, the environment), not only in kong.conf.
    expect(found.message).toContain('which the settings read here do not override');
    expect(await findingsFor('vault_hcv_ssl_verify', { ...base, conf: 'vault_hcv_protocol = https\nvault_hcv_ssl_verify = on\n' })).toEqual([]);
    expect(await findingsFor('vault_hcv_ssl_verify', { ...base, to: '3.13', conf: 'vault_hcv_protocol = https\n' })).toEqual([]);
  });

  it('status_listen clashing with a configured port is a warning', async () => {
    const found = await findingsFor('status_listen', { name: 's', conf: 'admin_listen = 127.0.0.1:8007\n', from: '3.5', to: '3.6' });
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toMatch(/`admin_listen` \(set at .*kong\.conf:1\) already uses port 8007\./);
  });

  it('names where the clashing listener was read: a compose file\'s line or the variable, never "this kong.conf"', async () => {
    const composeLayer = variablesConfLayer([{ name: 'KONG_ADMIN_LISTEN', value: '0.0.0.0:8007', label: 'environment KONG_ADMIN_LISTEN of service kong', origin: { kind: 'file', file: 'compose.yml', line: 7, column: 7 } }]);
    const [fromCompose] = await findingsFor('status_listen', { name: 'c', from: '3.5', to: '3.6', inputs: () => ({ kongConf: loadKongConf(undefined, {}, { layer: composeLayer }) }) });
    expect(fromCompose).toMatchObject({ severity: 'warning', message: expect.stringContaining('`admin_listen` (set at compose.yml:7) already uses port 8007.') });
    expect(fromCompose.message).not.toContain('kong.conf');
    const [fromEnv] = await findingsFor('status_listen', { name: 'e', env: { KONG_PROXY_LISTEN: '0.0.0.0:8007' }, from: '3.5', to: '3.6' });
    expect(fromEnv.message).toContain('`proxy_listen` (KONG_PROXY_LISTEN) already uses port 8007.');
    const [free] = await findingsFor('status_listen', { name: 'f', env: { KONG_PROXY_LISTEN: '0.0.0.0:8000' }, from: '3.5', to: '3.6' });
    expect(free).toMatchObject({ severity: 'info' });
    expect(free.message).not.toContain('already uses port');
  });

  it('dns_no_sync: only targets 3.5.0.0 and 3.5.0.1 are affected', async () => {
    expect(await findingsFor('dns_no_sync', { name: 'd', conf: 'x_y = 1\n', from: '3.4.1.0', to: '3.5.0.1', edition: 'enterprise' })).toHaveLength(1);
    expect(await findingsFor('dns_no_sync', { name: 'd', conf: 'x_y = 1\n', from: '3.4.1.0', to: '3.6', edition: 'enterprise' })).toEqual([]);
  });

  it('a docs-only correction is silenced (proxy_server_ssl_verify 3.12)', async () => {
    expect(await findingsFor('proxy_server_ssl_verify', { name: 'p', conf: 'x_y = 1\n', from: '3.11', to: '3.12', edition: 'enterprise' })).toEqual([]);
  });

  it('a default that moves twice on the path names each step (OSS upstream_keepalive_max_requests)', async () => {
    const [both] = await findingsFor('upstream_keepalive_max_requests', { name: 'k', conf: 'log_level = info\n', from: '3.3', to: '3.7', edition: 'oss' });
    // Open source names its releases with three parts (OSS 3.4.1 raised it to 1000); data keeps the fact's numbering.
    expect(both.message).toContain('changes from `100` to `10000` in 3.4.1 (to `1000`) and 3.6.0 (to `10000`).');
    expect(both.data?.since).toBe('3.4.1.0 (to `1000`) and 3.6.0 (to `10000`)');
    const [one] = await findingsFor('upstream_keepalive_max_requests', { name: 'k', conf: 'log_level = info\n', from: '3.4.2', to: '3.7', edition: 'oss' });
    expect(one.message).toContain('changes from `1000` to `10000` in 3.6.0.');
  });

  it('the old alias counts as setting the property', async () => {
    expect(await findingsFor('tracing_sampling_rate', { name: 't', conf: 'tracing_instrumentations = all\nopentelemetry_tracing_sampling_rate = 1.0\n', from: '3.2', to: '3.3' })).toEqual([]);
    expect(await findingsFor('tracing_sampling_rate', { name: 't', conf: 'tracing_instrumentations = all\n', from: '3.2', to: '3.3' })).toHaveLength(1);
    expect(await findingsFor('tracing_sampling_rate', { name: 't', conf: 'log_level = info\n', from: '3.2', to: '3.3' })).toEqual([]);
  });
});

ruleTester.run(rule, {
  valid: [
    { name: 'patch upgrade without default changes', conf: 'log_level = info\n', from: '3.9.0', to: '3.9.3' },
    {
      // The official image reads the file into KONG_LMDB_MAP_SIZE: set, though unreadable here.
      name: 'a property set through KONG_<PROPERTY>_FILE follows no default',
      conf: 'database = off\ncluster_max_payload = 4194304\nupstream_keepalive_pool_size = 60\nupstream_keepalive_max_requests = 100\n',
      env: { KONG_LMDB_MAP_SIZE_FILE: '/run/secrets/lmdb_map_size' }, from: '3.3', to: '3.4',
    },
  ],
  invalid: [
    {
      name: 'lmdb_map_size on 3.3 -> 3.4 for a DB-less node (info)',
      conf: 'database = off\ncluster_max_payload = 4194304\nupstream_keepalive_pool_size = 60\nupstream_keepalive_max_requests = 100\n', from: '3.3', to: '3.4',
      findings: [{ messageId: 'defaultChanged', severity: 'info', line: 1, hop: '3.4', data: { key: 'lmdb_map_size' }, message: 'from `128m` to `2048m`' }],
    },
  ],
});

// kong.conf.default@3.5.0: `headers` lists what Kong injects in client responses,
// `headers_upstream` what it injects in requests to the upstream service.
describe('conf/default-changed: X-Kong-Request-Id (3.5) is explained per property', () => {
  it('says responses for headers and upstream requests for headers_upstream', async () => {
    const { result } = await runCase(rule, { name: 'stock 3.4', conf: 'log_level = notice\n', from: '3.4', to: '3.5', edition: 'oss' });
    const of = (key: string) => result.findings.find((f) => f.data?.key === key)?.message ?? '';
    expect(of('headers')).toContain('X-Kong-Request-Id header to the responses it sends to clients');
    expect(of('headers')).not.toContain('upstream');
    expect(of('headers_upstream')).toContain('X-Kong-Request-Id header to the requests it sends upstream');
    expect(of('headers_upstream')).not.toContain('responses');
  });
});

// An empty kong.conf value is unset to Kong, which then applies the default
// (kong/conf_loader/init.lua@3.0.0): "set it to unset" is advice nobody can follow.
describe('conf/default-changed: a default that was unset before', () => {
  it('does not tell the operator to set lua_ssl_trusted_certificate to unset', async () => {
    const { result } = await runCase(rule, { name: 'stock 2.8', conf: 'log_level = notice\n', from: '2.8', to: '3.0', edition: 'oss' });
    const finding = result.findings.find((f) => f.data?.key === 'lua_ssl_trusted_certificate');
    expect(finding?.message).toContain('changes from unset to `system` in 3.0.0');
    expect(finding?.remediation).toBe('Set lua_ssl_trusted_certificate to the value this node needs (an empty value counts as unset and gets the new default), or accept `system`.');
  });

  it('keeps the two-way advice when the old default was a value', async () => {
    const { result } = await runCase(rule, { name: 'stock 2.8', conf: 'log_level = notice\n', from: '2.8', to: '3.0', edition: 'oss' });
    const finding = result.findings.find((f) => f.data?.key === 'worker_consistency');
    expect(finding?.remediation).toBe("Set worker_consistency explicitly (to `strict` to keep today's behaviour, or to `eventual` to accept the new one).");
  });
});

// The template renders the upstream and proxy server blocks only for `(role == "traditional" or
// role == "data_plane") and #proxy_listeners > 0` (kong/templates/nginx_kong.lua@2.0.5..@3.9.3):
// their settings, and Lua only they run (Kong.balancer, the router), do nothing on a control plane.
describe('conf/default-changed: settings of proxying nodes', () => {
  const keys = async (c: Omit<Parameters<typeof runCase>[1], 'name'>) =>
    (await runCase(rule, { name: 'n', ...c })).result.findings.map((f) => String(f.data?.key));
  const proxyOnly = ['allow_debug_header', 'upstream_keepalive_pool_size', 'upstream_keepalive_max_requests'];

  it('are reported to a traditional node and a data plane', async () => {
    expect(await keys({ conf: 'database = postgres\n', from: '3.1', to: '3.4', edition: 'enterprise' })).toEqual(expect.arrayContaining(proxyOnly));
    expect(await keys({ conf: 'role = data_plane\ndatabase = off\n', from: '3.1', to: '3.4', edition: 'enterprise', topology: 'hybrid', role: 'data_plane' }))
      .toEqual(expect.arrayContaining(proxyOnly));
  });

  it('are not reported to a control plane, which still hears of the others', async () => {
    const cp = await keys({ conf: 'role = control_plane\ndatabase = postgres\n', from: '3.1', to: '3.4', edition: 'enterprise', topology: 'hybrid', role: 'control_plane' });
    for (const key of proxyOnly) expect(cp).not.toContain(key);
    expect(cp).toEqual(expect.arrayContaining(['cluster_max_payload', 'lua_ssl_protocols']));
  });

  it('are not reported to a node whose proxy_listen is off', async () => {
    const adminOnly = await keys({ conf: 'proxy_listen = off\n', from: '3.1', to: '3.4', edition: 'oss' });
    for (const key of proxyOnly) expect(adminOnly).not.toContain(key);
  });

  // 2.2 moved the upstream keepalive defaults into the nginx_upstream_* namespace (computed from kong_defaults).
  it('cover the nginx_upstream_* namespace and its older aliases', async () => {
    const traditional = await keys({ conf: 'log_level = notice\n', from: '2.1', to: '2.2', edition: 'oss' });
    expect(traditional.some((key) => key.startsWith('nginx_upstream_'))).toBe(true);
    const cp = await keys({ conf: 'role = control_plane\n', from: '2.1', to: '2.2', edition: 'oss', topology: 'hybrid', role: 'control_plane' });
    expect(cp.filter((key) => key.startsWith('nginx_upstream_') || key.includes('upstream_keepalive'))).toEqual([]);
  });

  // lmdb_map_size is written only when database = off (kong/templates/nginx_inject.lua@3.4.0).
  it('lmdb_map_size concerns DB-less nodes and data planes only', async () => {
    expect(await keys({ conf: 'database = postgres\n', from: '3.3', to: '3.4' })).not.toContain('lmdb_map_size');
    expect(await keys({ conf: 'role = control_plane\n', from: '3.3', to: '3.4', topology: 'hybrid', role: 'control_plane' })).not.toContain('lmdb_map_size');
    expect(await keys({ conf: 'role = data_plane\n', from: '3.3', to: '3.4', topology: 'hybrid', role: 'data_plane' })).toContain('lmdb_map_size');
    expect(await keys({ conf: 'database = off\n', from: '3.3', to: '3.4', topology: 'dbless' })).toContain('lmdb_map_size');
  });

  // Only the CP/DP WebSocket reads cluster_max_payload (kong/clustering/utils.lua@3.4.2), and
  // kong.clustering exists only on a control or data plane (kong/init.lua@3.4.2).
  it('cluster_max_payload concerns control planes and data planes only', async () => {
    expect(await keys({ conf: 'database = postgres\n', from: '3.3', to: '3.4' })).not.toContain('cluster_max_payload');
    expect(await keys({ conf: 'database = off\n', from: '3.3', to: '3.4', topology: 'dbless' })).not.toContain('cluster_max_payload');
    expect(await keys({ conf: 'role = control_plane\n', from: '3.3', to: '3.4', topology: 'hybrid', role: 'control_plane' })).toContain('cluster_max_payload');
    expect(await keys({ conf: 'role = data_plane\n', from: '3.3', to: '3.4', topology: 'hybrid', role: 'data_plane' })).toContain('cluster_max_payload');
  });
});

// What traditional_compatible means for an operator, from kong/router/atc_compat.lua@3.0.0 (one
// priority per route, regex_priority for regex routes only, v0 upstream URIs) and CHANGELOG.md@3.9.3.
describe('conf/default-changed: router_flavor (3.0) says what changes', () => {
  it('names the engine, the regex dialect, the ranking and the way back', async () => {
    const [found] = await findingsFor('router_flavor', { name: 'r', conf: 'log_level = notice\n', from: '2.8', to: '3.0', edition: 'oss' });
    expect(found.message).toContain('appears in 3.0.0 with the default `traditional_compatible`');
    for (const words of ['ATC', 'PCRE', 'look-arounds', 'regex_priority', '3.3 ranks each path apart', 'path_handling v1 is treated as v0', '`router_flavor = traditional`']) {
      expect(found.message).toContain(words);
    }
  });
});
