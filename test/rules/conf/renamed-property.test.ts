import rule from '../../../rules/conf/renamed-property';
import { ruleTester } from '../../support/rule-tester';

// One row per rename: old name, value, the version before the rename, the target after it, and
// whether the target still carries the value to the new name.
const renames = [
  { key: 'router_consistency', value: 'eventual', before: '2.0', after: '2.1', carried: false },
  { key: 'router_update_frequency', value: '1', before: '2.0', after: '2.1', carried: false },
  { key: 'client_max_body_size', value: '20m', before: '2.0', after: '2.1', carried: true },
  { key: 'client_max_body_size', value: '20m', before: '2.0', after: '3.0', carried: false },
  { key: 'client_max_body_size', value: '20m', before: '2.8', after: '3.4', carried: false },
  { key: 'client_body_buffer_size', value: '16k', before: '2.0', after: '3.4', carried: false },
  { key: 'upstream_keepalive', value: '100', before: '2.0', after: '2.8', carried: true },
  { key: 'nginx_http_upstream_keepalive_requests', value: '500', before: '2.0', after: '3.0', carried: false },
  { key: 'opentelemetry_tracing', value: 'all', before: '3.1', after: '3.2', carried: true },
  { key: 'opentelemetry_tracing_sampling_rate', value: '0.5', before: '3.1', after: '3.9', carried: true },
  { key: 'privileged_agent', value: 'off', before: '3.4', after: '3.5', carried: false },
  // ContentWise/ansible-kong (a 0.12.1 role): the alias of 0.14 is gone from 1.0 on.
  { key: 'custom_plugins', value: 'my-custom-plugin', before: '0.12.1', after: '2.8', carried: false },
] as const;

ruleTester.run(rule, {
  valid: [
    ...renames.map((r) => ({ name: `${r.key} from ${r.before} staying before ${r.after}`, conf: `${r.key} = ${r.value}\n`, from: r.before, to: r.before })),
    { name: 'session conf with basic-auth for Kong Manager stays', conf: 'admin_gui_auth = basic-auth\nadmin_gui_session_conf = {"secret":"x"}\n', from: '3.4', to: '3.10', edition: 'enterprise' },
    { name: 'the new name is used', conf: 'dedicated_config_processing = on\n', from: '3.4', to: '3.5' },
    { name: 'admin_api_uri on OSS is not an Enterprise rename', conf: 'admin_api_uri = https://admin.example.com\n', from: '3.3', to: '3.4', edition: 'oss' },
  ],
  invalid: [
    ...renames.map((r) => ({
      name: `${r.key} from ${r.before} to ${r.after} (${r.carried ? 'carried' : 'lost'})`,
      conf: `# comment\n${r.key} = ${r.value}\n`, from: r.before, to: r.after,
      findings: [{ messageId: r.carried ? 'renamedCarried' : 'renamedLost', line: 2, severity: r.carried ? 'info' : 'warning', data: { key: r.key } } as const],
    })),
    {
      name: 'privileged_agent says the new default', conf: 'privileged_agent = off\n', from: '3.4', to: '3.6',
      findings: [{ messageId: 'renamedLost', hop: '3.4.x -> 3.5.x', message: 'dedicated_config_processing` keeps its default (on)' }],
    },
    {
      // The stock 2.0 kong.conf.default uncommented: the lost value is the new name's default.
      name: 'a lost value equal to the new default changes nothing (info)', conf: 'router_consistency = strict\n', from: '2.0', to: '2.8',
      findings: [{ messageId: 'renamedLostSameValue', severity: 'info', message: 'defaults to the same value (strict)' }],
    },
    {
      name: 'privileged_agent = on matches the dedicated_config_processing default', conf: 'privileged_agent = on\n', from: '3.4', to: '3.5',
      findings: [{ messageId: 'renamedLostSameValue', severity: 'info' }],
    },
    {
      name: 'Enterprise admin_api_uri', conf: 'admin_api_uri = https://admin.example.com\n', from: '3.3', to: '3.4', edition: 'enterprise',
      findings: [{ messageId: 'renamedCarried', data: { replacement: 'admin_gui_api_url' } }],
    },
    {
      name: 'Kong Manager OIDC session settings move in 3.6', conf: 'admin_gui_auth = openid-connect\nadmin_gui_session_conf = {"secret":"x"}\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'movedIntoKeys', line: 2, severity: 'warning', data: { replacement: 'admin_gui_auth_conf', prefix: 'session_' } }],
    },
    {
      // Every OIDC-for-Manager install sets both (sweep 6 item 7): the advice must not be to replace the auth conf.
      name: 'Kong Manager OIDC with both confs set: move the session settings in, no value shown',
      conf: 'admin_gui_auth = openid-connect\nadmin_gui_auth_conf = {"issuer":"https://idp/","client_secret":["c1ient"]}\nadmin_gui_session_conf = {"secret":"s3cr3t","cookie_secure":false}\n',
      from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'movedIntoKeys', line: 3, severity: 'warning', message: 'its settings belong inside `admin_gui_auth_conf` as `session_*` keys' }],
    },
    {
      name: 'both names set', conf: 'opentelemetry_tracing = all\ntracing_instrumentations = off\n', from: '3.1', to: '3.4',
      findings: [{ messageId: 'bothSet', line: 1, severity: 'info' }],
    },
  ],
});
