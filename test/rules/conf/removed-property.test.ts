import rule from '../../../rules/conf/removed-property';
import generated from '../../../src/knowledge/conf/properties.generated.json';
import { runCase, ruleTester } from '../../support/rule-tester';

// One row per removal: the key, a value, the last version that knows it, the first that does not.
const removals: { key: string; value: string; before: string; after: string; edition?: 'oss' | 'enterprise'; messageId?: string; severity?: string }[] = [
  { key: 'prometheus_plugin_latency_metrics', value: 'on', before: '2.8', after: '3.0', edition: 'enterprise', severity: 'warning' },
  { key: 'go_plugins_dir', value: '/usr/local/kong/go-plugins', before: '2.8', after: '3.0', severity: 'blocker' },
  { key: 'nginx_optimizations', value: 'on', before: '2.8', after: '3.0', severity: 'info' },
  { key: 'cluster_v2', value: 'on', before: '2.6', after: '2.7', severity: 'info' },
  { key: 'legacy_hybrid_protocol', value: 'on', before: '3.0', after: '3.1', severity: 'info' },
  { key: 'legacy_worker_events', value: 'on', before: '3.2', after: '3.3', severity: 'info' },
  { key: 'admin_gui_origin', value: 'https://manager.example.com', before: '3.4', after: '3.5', severity: 'warning' },
  { key: 'data_plane_config_cache_mode', value: 'encrypted', before: '2.8', after: '3.0', edition: 'enterprise', severity: 'info' },
  { key: 'declarative_config_encryption_mode', value: 'chacha20', before: '3.3', after: '3.4', edition: 'enterprise', severity: 'info' },
];

ruleTester.run(rule, {
  valid: [
    ...removals.map((r) => ({
      name: `${r.key} on a path that stays before ${r.after}`,
      conf: `# node\n${r.key} = ${r.value}\n`,
      from: r.before, to: r.before, edition: r.edition,
    })),
    { name: 'a property every version knows', conf: 'pg_host = db.internal\nlog_level = info\n', from: '2.8', to: '3.4' },
    { name: 'go_plugins_dir = off (the old default) is left alone below 3.0', conf: 'go_plugins_dir = off\n', from: '2.6', to: '2.8' },
    { name: 'cassandra keys belong to conf/cassandra-removed', conf: 'database = postgres\ncassandra_contact_points = c1\n', from: '3.3', to: '3.4' },
    { name: 'renamed keys belong to conf/renamed-property', conf: 'privileged_agent = on\n', from: '3.4', to: '3.5' },
    { name: 'Enterprise removals are not applied to OSS nodes', conf: 'data_plane_config_cache_mode = encrypted\n', from: '2.8', to: '3.0', edition: 'oss' },
    { name: 'a key the Enterprise reference drops for a few pages only is not removed', conf: 'keyring_recovery_public_key = /k.pem\n', from: '3.3.0.0', to: '3.10', edition: 'enterprise' },
  ],
  invalid: [
    ...removals.map((r) => ({
      name: `${r.key} on a path crossing ${r.after}`,
      conf: `# node\n${r.key} = ${r.value}\n`,
      from: r.before, to: r.after, edition: r.edition,
      findings: [{ messageId: r.messageId ?? 'removed', line: 2, column: 1, hop: `${r.after}.x`, data: { key: r.key }, ...(r.severity ? { severity: r.severity as 'info' } : {}) }],
    })),
    {
      name: 'go_plugins_dir = off is only stale',
      conf: 'go_plugins_dir = off\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'removedHarmless', severity: 'info', line: 1 }],
    },
    {
      name: 'an environment variable is reported at the variable',
      env: { KONG_NGINX_UPSTREAM_KEEPALIVE_REQUESTS_X: '1', KONG_CLUSTER_V2: 'on' }, from: '2.6', to: '2.8',
      findings: [{ messageId: 'removed', env: 'KONG_CLUSTER_V2' }],
    },
    {
      name: 'the replacement is named',
      conf: 'go_pluginserver_exe = /usr/local/bin/go-pluginserver\ngo_plugins_dir = /opt/go-plugins\n', from: '2.8', to: '3.4',
      findings: [
        { messageId: 'removed', severity: 'blocker', line: 1, message: 'pluginserver_names', hop: '2.8.x -> 3.4.x' },
        { messageId: 'removed', severity: 'blocker', line: 2, message: 'pluginserver_names' },
      ],
    },
    // kong.conf.default of 2.0-2.2 lists go_pluginserver_exe with a path and go_plugins_dir = off;
    // a file copied from it with every line uncommented ran no plugin server (go.lua@2.2.2:42).
    {
      name: 'go_pluginserver_exe while go_plugins_dir = off (written) ran nothing: a leftover',
      conf: 'go_pluginserver_exe = /usr/local/bin/go-pluginserver\ngo_plugins_dir = off\n', from: '2.2', to: '3.4',
      findings: [
        { messageId: 'removedUnused', severity: 'info', line: 1, data: { other: 'go_plugins_dir', otherValue: 'off', otherOrigin: '' } },
        { messageId: 'removedHarmless', severity: 'info', line: 2, remediation: 'Remove go_plugins_dir.' },
      ],
    },
    {
      name: 'go_pluginserver_exe while go_plugins_dir keeps its default (off): a leftover, the default named',
      conf: 'go_pluginserver_exe = /usr/local/bin/go-pluginserver\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'removedUnused', severity: 'info', line: 1, message: '(its 2.8.x default)' }],
    },
    {
      name: 'go_pluginserver_exe while KONG_GO_PLUGINS_DIR names a folder ran the plugin server',
      conf: 'go_pluginserver_exe = /usr/local/bin/go-pluginserver\n', env: { KONG_GO_PLUGINS_DIR: '/opt/go' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'removed', severity: 'blocker', line: 1 }, { messageId: 'removed', env: 'KONG_GO_PLUGINS_DIR' }],
    },
    {
      name: 'a property the path deprecates',
      conf: 'node_id = 5b3c4d6e-9a9b-4c1d-8e2f-3a4b5c6d7e8f\n', from: '3.8', to: '3.9',
      findings: [{ messageId: 'deprecated', severity: 'info', hop: '3.9', line: 1 }],
    },
  ],
});

// Every key the OSS data shows leaving kong_defaults.lua, minor by minor: reported on the hop
// into that minor, silent on the minor before. Keys other rules own are skipped (renames, Cassandra).
const OWNED_ELSEWHERE = /^(cassandra_|router_consistency$|router_update_frequency$|privileged_agent$|client_max_body_size$|upstream_keepalive$|nginx_(http_)?upstream_keepalive)/;
const ossSteps = (generated as unknown as { oss: { versions: string[]; steps: Record<string, { removed?: string[] }> } }).oss;
const computedRemovals = ossSteps.versions.flatMap((minor, i) =>
  (ossSteps.steps[minor]?.removed ?? []).filter((key) => !OWNED_ELSEWHERE.test(key)).map((key) => ({ key, before: ossSteps.versions[i - 1], after: minor })),
);

describe('conf/removed-property over every removal in the OSS data', () => {
  it('has removals to check', () => expect(computedRemovals.length).toBeGreaterThan(5));

  it.each(computedRemovals)('$key: reported on $before -> $after', async ({ key, before, after }) => {
    const { result } = await runCase(rule, { name: key, conf: `${key} = 1\n`, from: before, to: after });
    expect(result.findings.map((f) => [f.data?.key, f.hop?.includes(after), f.location.kind === 'file' && f.location.line])).toEqual([[key, true, 1]]);
  });

  it.each(computedRemovals)('$key: silent on $before -> $before', async ({ key, before }) => {
    const { result } = await runCase(rule, { name: key, conf: `${key} = 1\n`, from: before, to: before });
    expect(result.findings).toEqual([]);
  });
});

describe('conf/removed-property: keys Kong writes itself from 3.4', () => {
  // nginx_http_lua_ssl_protocols leaves the injected list in 3.4 but Kong renders it through
  // nginx-kong-inject.conf and keeps a user's value (Kong's 3.4.2 conf_loader spec): not removed.
  ruleTester.run(rule, {
    valid: [{ name: 'nginx_*_lua_ssl_protocols on 3.3 -> 3.4', conf: 'nginx_http_lua_ssl_protocols = TLSv1.2\nnginx_stream_lua_ssl_protocols = TLSv1.3\n', from: '3.3', to: '3.4' }],
    invalid: [{ name: 'a property 3.3 drops is still reported beside them', conf: 'nginx_http_lua_ssl_protocols = TLSv1.2\nlegacy_worker_events = on\n', from: '3.2', to: '3.4', findings: [{ messageId: 'removed', line: 2 }] }],
  });
});
