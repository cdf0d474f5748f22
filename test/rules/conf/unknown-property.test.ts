import rule from '../../../rules/conf/unknown-property';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmConfLayer } from '../../../src/inputs/helm/conf-layer';
import { loadHelmValues } from '../../../src/inputs/helm/values';
import { dockerfileConfLayer } from '../../../src/inputs/images/dockerfile-conf-layer';
import { readDockerfile } from '../../../src/inputs/images/dockerfile';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { editDistance, suggestions } from '../../../src/text/did-you-mean';
import { ruleTester } from '../../support/rule-tester';

/** kong.conf settings as the Kong chart passes a values file's `env:` block to the container. */
function helmEnv(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-unknown-helm-')), 'values.yaml');
  writeFileSync(file, text);
  return () => ({ kongConf: loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([file])) }) });
}

/** kong.conf settings as a Dockerfile's `ENV KONG_*` lines give them to the image. */
function dockerfileEnv(text: string) {
  return () => ({ kongConf: loadKongConf(undefined, {}, { layer: dockerfileConfLayer(readDockerfile('Dockerfile', text).env) }) });
}

ruleTester.run(rule, {
  valid: [
    { name: 'known properties and injected directives', conf: 'pg_host = db\nnginx_http_client_max_body_size = 8m\nvault_env_prefix = SECRET_\npluginserver_names = go\n', from: '2.8', to: '3.4' },
    { name: 'licence variables are not kong.conf properties', env: { KONG_LICENSE_DATA: '{"license":{}}', KONG_PASSWORD: 'x' }, from: '3.4', to: '3.10', edition: 'enterprise' },
    { name: 'a key removed on the path is conf/removed-property business', conf: 'admin_gui_origin = https://x\n', from: '3.4', to: '3.6' },
    { name: 'Enterprise-only key on Enterprise', conf: 'enforce_rbac = on\n', from: '3.4', to: '3.10', edition: 'enterprise' },
    { name: 'pg_ssl_version on Enterprise belongs to conf/pg-ssl-version-enum', conf: 'pg_ssl_version = tlsv1\n', from: '2.8.4.1', to: '3.4', edition: 'enterprise' },
    // docker-kong docker-entrypoint.sh reads KONG_<OPTION>_FILE into KONG_<OPTION>, and KONG_PASSWORD_FILE.
    { name: 'KONG_<PROPERTY>_FILE and KONG_PASSWORD_FILE (official image secrets)', env: { KONG_PG_PASSWORD_FILE: '/run/secrets/pg', KONG_PASSWORD_FILE: '/run/secrets/admin' }, from: '2.8', to: '3.4' },
    // The chart turns env.password into KONG_PASSWORD, the variable migrations bootstrap reads.
    { name: 'a Helm env.password is KONG_PASSWORD', inputs: helmEnv('env:\n  role: control_plane\n  password: kong_admin_password\n  license_data: x\n'), from: '3.7.1.1', to: '3.10', edition: 'enterprise' },
    { name: 'cassandra keys belong to conf/cassandra-removed', conf: 'cassandra_keyspace = kong\n', from: '3.4', to: '3.6' },
    // Kong/ansible-role-konnect-data-plane templates/kong.conf.j2: Konnect's parameters for an
    // Enterprise 2.x data plane carry keys the Enterprise reference does not list for every minor.
    {
      name: 'Konnect data plane parameters on Enterprise 2.8', edition: 'enterprise', from: '2.3.3.2', to: '2.8',
      conf: 'role = data_plane\ndatabase = off\nvitals_ttl_days = 732\ncluster_mtls = pki\ncluster_telemetry_endpoint = x.tp.example.com:443\ncluster_telemetry_server_name = x.tp.example.com\n',
    },
    // Kong reads `\uFEFFrole` as `___role` (Penlight turns each BOM byte into `_`): conf/file-syntax says why.
    { name: 'a first key mangled by a byte-order mark is conf/file-syntax business', conf: '\uFEFFrole = traditional\npg_host = db\n', from: '3.4', to: '3.10' },
    { name: 'vitals_ttl_days while Enterprise still ships Vitals', conf: 'role = data_plane\nvitals_ttl_days = 732\n', from: '2.8', to: '3.4', edition: 'enterprise' },
    // Kong declares these three as aliases of their nginx_main_ forms (conf_loader/constants.lua@3.9.3 lines 293-310).
    { name: 'the nginx_ aliases without a block are properties', conf: 'nginx_user = kong kong\nnginx_daemon = off\nnginx_worker_processes = 2\n', from: '2.8', to: '3.9' },
    { name: 'the nginx_ aliases on Enterprise after the last OSS release', conf: 'nginx_user = kong kong\nnginx_daemon = off\nnginx_worker_processes = 2\n', from: '3.4', to: '3.13', edition: 'enterprise' },
    // Any key under a namespace is injected, declared or not (an undeclared directive included).
    // Under nginx_proxy_ it is ssl_conf_command for the proxy server: a key of its own, not nginx_http_proxy_ssl_conf_command.
    { name: 'a key already under a namespace', conf: 'nginx_proxy_ssl_conf_command = Options -SessionTicket\n', from: '3.6', to: '3.9' },
    { name: 'namespaced directives, declared or not', conf: 'nginx_events_worker_connections = 4096\nnginx_http_keepalive_timeout = 60s\n', from: '3.4', to: '3.9' },
  ],
  invalid: [
    {
      name: 'typo with a suggestion', conf: 'pg_host = db\npg_passsword = secret\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknown', line: 2, severity: 'warning', message: 'Did you mean `pg_password`?' }],
    },
    {
      // Seen in a real kong.conf: environment variable lines pasted into the file, which Kong ignores there.
      name: 'an environment variable name written in kong.conf', conf: 'pg_host = db\nKONG_ADMIN_GUI_URL = https://manager.example.com\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 2, data: { key: 'KONG_ADMIN_GUI_URL' }, message: 'environment variable form of `admin_gui_url`: in kong.conf write `admin_gui_url`' }],
    },
    {
      name: 'behind a byte-order mark, later keys are still checked', conf: '\uFEFFrole = traditional\npg_passsword = secret\n', from: '3.4', to: '3.10',
      findings: [{ messageId: 'unknown', line: 2, data: { key: 'pg_passsword' } }],
    },
    {
      name: 'typo from the environment', env: { KONG_ADMIN_LISTN: '127.0.0.1:8001' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknown', env: 'KONG_ADMIN_LISTN', message: '`admin_listen`' }],
    },
    {
      name: 'a property from a later version', conf: 'dedicated_config_processing = off\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'otherVersions', message: '3.5 to 3.9' }],
    },
    {
      name: 'an Enterprise key on OSS', conf: 'enforce_rbac = on\n', from: '3.4', to: '3.6', edition: 'oss',
      findings: [{ messageId: 'enterpriseOnly', severity: 'info' }],
    },
    {
      // conf/pg-ssl-version-enum owns the key but runs for Enterprise only: OSS still hears about it.
      name: 'pg_ssl_version on an explicit OSS plan', conf: 'pg_ssl = on\npg_ssl_version = tlsv1\n', from: '2.8', to: '3.4', edition: 'oss',
      findings: [{ messageId: 'enterpriseOnly', line: 2, severity: 'info' }],
    },
    {
      name: 'license_path in kong.conf is read from the environment only', conf: 'license_path = /etc/kong/license.json\n', from: '3.4', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'readElsewhere', severity: 'info', message: 'KONG_LICENSE_PATH' }],
    },
    {
      name: 'a _FILE variable for no property stays unknown', env: { KONG_FOO_FILE: '/run/secrets/foo' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknownVariable', env: 'KONG_FOO_FILE', severity: 'info', data: { key: 'foo_file' } }],
    },
    {
      // A CI job's own variables reach the check's environment: Kong would ignore them anyway.
      name: 'a variable of the check\'s environment resembling no property is only noted', env: { KONG_IMAGE: 'kong/kong-gateway:3.4.3.5' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknownVariable', env: 'KONG_IMAGE', severity: 'info', message: 'KONG_IMAGE in the environment of this check names no Kong 3.4' }],
    },
    {
      name: 'the same name in kong.conf stays a warning', conf: 'image = kong:3.4\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknown', line: 1, severity: 'warning', data: { key: 'image' } }],
    },
    {
      // Kong looks up KONG_<KEY> only for the keys it declares (conf_loader/init.lua@3.9.3 line 345,
      // pairmap over defaults): a build value of the image's RUN lines is never read as a setting.
      name: 'a Dockerfile ENV build value resembling no property is only noted',
      inputs: dockerfileEnv('FROM kong:3.4.2\nENV KONG_PLUGIN_VER=1.2.0 KONG_DATABASE=off\nRUN luarocks install kong-plugin-x ${KONG_PLUGIN_VER}\n'), from: '3.4', to: '3.9',
      findings: [{ messageId: 'imageVariable', line: 2, severity: 'info', data: { key: 'plugin_ver', env: 'KONG_PLUGIN_VER' }, message: 'KONG_PLUGIN_VER, set by this Dockerfile ENV and read by its own instructions, names no Kong 3.9.3 property (`plugin_ver`)' }],
    },
    {
      name: 'a Dockerfile ENV build value read only by a RUN heredoc script is noted too',
      inputs: dockerfileEnv('FROM kong:3.4.2\nENV KONG_OIDC_VER=1.3.0\nRUN <<EOF\nluarocks install kong-oidc "$KONG_OIDC_VER"\nEOF\n'), from: '3.4', to: '3.9',
      findings: [{ messageId: 'imageVariable', line: 2, severity: 'info', data: { env: 'KONG_OIDC_VER' } }],
    },
    {
      // SENERGY-Platform/api-gateway (sweep 15): a misspelt nginx injection that nothing in the
      // Dockerfile reads was meant for Kong, whatever its distance to a declared property.
      name: 'a Dockerfile ENV that no instruction reads stays a warning, near a property or not',
      inputs: dockerfileEnv('FROM kong:3.4.2\nENV KONG_NINGX_PROX_PROXY_BUFFERS="4 256k"\nRUN echo "${KONG_PREFIX}"\n'), from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 2, severity: 'warning', data: { key: 'ningx_prox_proxy_buffers' }, message: 'Did you mean `nginx_proxy_proxy_buffers` (proxy server block)?' }],
    },
    // The nginx_location_ namespace arrives in 3.6 (kong/conf_loader/constants.lua@3.6.1): a target
    // that does not inject it is offered nothing under it.
    {
      name: 'a misspelt namespace is offered only when the target injects it (nginx_location_ from 3.6)',
      conf: 'nginx_locaton_proxy_buffering = off\n', from: '3.4', to: '3.6',
      findings: [{ messageId: 'unknown', line: 1, message: 'Did you mean `nginx_location_proxy_buffering` (proxy location block)?' }],
    },
    {
      name: 'the same key on a 3.4 target gets no suggestion of a namespace 3.4 does not have',
      conf: 'nginx_locaton_proxy_buffering = off\n', from: '3.4', to: '3.4',
      findings: [{ messageId: 'unknown', line: 1, data: { key: 'nginx_locaton_proxy_buffering', suggestion: '' } }],
    },
    {
      name: 'a misspelt namespace in kong.conf is offered the namespace',
      conf: 'nginx_htpt_gzip_types = text/plain\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 1, message: 'Did you mean `nginx_http_gzip_types` (http block)?' }],
    },
    {
      name: 'a Dockerfile ENV near a property stays a warning', inputs: dockerfileEnv('FROM kong:3.4.2\nENV KONG_PG_HOTS=db\n'), from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 2, severity: 'warning', message: 'Did you mean `pg_host`?' }],
    },
    {
      // The same name given to the container (a Helm `env:` entry) is the operator's setting: still a warning.
      name: 'a Helm env key resembling no property stays a warning', inputs: helmEnv('env:\n  plugin_ver: 1.2.0\n'), from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 2, severity: 'warning', data: { key: 'plugin_ver' } }],
    },
    {
      // RamanandPatil/kong-oss kong-hybrid-local-mtls/helm-values/cp-values.yaml: `env:` keys
      // written as KONG_DATABASE; the chart adds KONG_ itself (Kong/charts@e76b8003
      // charts/kong/templates/_helpers.tpl L1234), so the advice was to edit a kong.conf.
      name: 'a Helm env key written with the KONG_ prefix reaches Kong with the prefix doubled', inputs: helmEnv('env:\n  KONG_DATABASE: "off"\n'), from: '3.7', to: '3.9',
      findings: [{ messageId: 'unknown', line: 2, data: { key: 'kong_database' }, message: 'Kong receives it as `KONG_KONG_DATABASE`, the `KONG_` prefix written twice: without one it sets `database`.' }],
    },
    {
      // chithanh12/k8-cluster kong/values.yaml: KONG_CLIENT_MAX_BODY_SIZE and
      // KONG_CLIENT_BODY_BUFFER_SIZE under env:. Dropping one prefix gives names Kong 3.0 stopped
      // applying (kong_defaults.lua@3.9.3 keeps client_body_buffer_size = 8k, which no template
      // reads; client_max_body_size is gone): the advice names nginx_http_*, as conf/renamed-property would.
      name: 'a doubled KONG_ prefix on a property renamed before the target names the successor',
      inputs: helmEnv('env:\n  KONG_CLIENT_MAX_BODY_SIZE: 256m\n  KONG_CLIENT_BODY_BUFFER_SIZE: 256m\n'), from: '3.7', to: '3.9',
      findings: [
        { messageId: 'unknown', line: 2, data: { key: 'kong_client_max_body_size' }, message: 'Kong receives it as `KONG_KONG_CLIENT_MAX_BODY_SIZE`, the `KONG_` prefix written twice; without one it would be `client_max_body_size`, an old name that Kong 3.9.3 no longer applies: write `nginx_http_client_max_body_size`.', remediation: 'Rename the key to nginx_http_client_max_body_size if that is what you meant.' },
        { messageId: 'unknown', line: 3, data: { key: 'kong_client_body_buffer_size' }, message: 'without one it would be `client_body_buffer_size`, an old name that Kong 3.9.3 no longer applies: write `nginx_http_client_body_buffer_size`.' },
      ],
    },
    {
      name: 'a Helm env key that is no property and no known variable', inputs: helmEnv('env:\n  passwd: kong_admin_password\n'), from: '3.7', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'unknown', line: 2, data: { key: 'passwd' } }],
    },
    {
      // ContentWise/ansible-kong templates/kong.conf.j2 (a 0.12 role) writes custom_plugins; on a
      // path that starts after 1.0 the key is long gone, and its successor is no near spelling.
      name: 'a key renamed before the path names its successor', conf: 'custom_plugins = my-custom-plugin\n', from: '2.1', to: '3.4',
      findings: [{ messageId: 'unknown', line: 1, message: 'Did you mean `plugins`?' }],
    },
    {
      // The Enterprise key still means nothing to open-source Kong.
      name: 'vitals_ttl_days on OSS', conf: 'vitals_ttl_days = 732\n', from: '2.8', to: '3.4', edition: 'oss',
      findings: [{ messageId: 'enterpriseOnly', line: 1, severity: 'info' }],
    },
    {
      // cluster_telemetry_server_name is documented from 2.6 only (docs.konghq.com DOCU-2401).
      name: 'cluster_telemetry_server_name before Enterprise 2.6', conf: 'cluster_telemetry_server_name = x.tp.example.com\n', from: '2.3', to: '2.5', edition: 'enterprise',
      findings: [{ messageId: 'otherVersions', line: 1 }],
    },
    {
      // shukawam/kong-plugin-obo compose.yaml: a Konnect data plane on kong-gateway 3.14 keeps KONG_VITALS=off.
      name: 'a Vitals leftover on a node past 3.5 is only ignored', env: { KONG_VITALS: 'off', KONG_ROLE: 'data_plane' }, from: '3.14.0.7', to: '3.15', edition: 'enterprise',
      findings: [{ messageId: 'productGone', env: 'KONG_VITALS', severity: 'info', data: { since: '3.5.0.0' } }],
    },
    {
      // Kong/kong-gateway-performance-benchmark kong-ee-values.yaml: enterprise.vitals.enabled false makes the chart set KONG_VITALS=off.
      name: 'a chart-derived Vitals leftover names the switch to remove', inputs: helmEnv('enterprise:\n  enabled: true\n  vitals:\n    enabled: false\nenv:\n  database: "off"\nimage:\n  repository: kong/kong-gateway\n  tag: "3.5.0.0"\n'), from: '3.5', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'productGone', line: 4, severity: 'info', message: 'enterprise.vitals.enabled: false' }],
    },
    {
      // Kong/charts@e76b8003 _helpers.tpl:1127 tests `if not .Values.enterprise.vitals.enabled`: the text "false" is
      // true there, so the chart leaves KONG_VITALS unset (Vitals on), as it does for `true`.
      name: 'a quoted "false" Vitals switch is read as the chart reads it: on', inputs: helmEnv('enterprise:\n  enabled: true\n  vitals:\n    enabled: "false"\nenv:\n  database: "off"\nimage:\n  repository: kong/kong-gateway\n  tag: "3.5.0.0"\n'), from: '3.5', to: '3.10', edition: 'enterprise',
      findings: [{ messageId: 'productGone', line: 4, severity: 'info', message: 'the Kong chart leaves KONG_VITALS unset, and Kong Enterprise defaults vitals to on (text that is not empty counts as true' }],
    },
    {
      // hguerra/kong-gateway-oidc-dbless Dockerfile: an open-source 3.3 image with KONG_PORTAL_API_ACCESS_LOG=off.
      name: 'a Dev Portal key on open-source Kong, checked to a target without the portal', env: { KONG_PORTAL_API_ACCESS_LOG: 'off' }, from: '3.3', to: '3.9', edition: 'oss',
      findings: [{ messageId: 'enterpriseProductGone', env: 'KONG_PORTAL_API_ACCESS_LOG', severity: 'info', data: { enterpriseRelease: '3.5.0.0' } }],
    },
    {
      name: 'a Dev Portal key on open-source Kong while Enterprise still has the portal', env: { KONG_PORTAL_API_ACCESS_LOG: 'off' }, from: '3.3', to: '3.4', edition: 'oss',
      findings: [{ messageId: 'enterpriseOnly', env: 'KONG_PORTAL_API_ACCESS_LOG', severity: 'info' }],
    },
    {
      name: 'a key no version knows', conf: 'my_custom_flag = on\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unknown', data: { suggestion: '' } }],
    },
    {
      name: 'a dropped nginx directive is unknown', conf: 'nginx_http_upstream_keepalive = 60\n', from: '3.0', to: '3.4',
      findings: [{ messageId: 'otherVersions' }],
    },
    {
      // Kong injects only keys under a DYNAMIC_KEY_NAMESPACES prefix (conf_loader/constants.lua@3.9.3 lines 113-211).
      name: 'a bare nginx directive names the property that injects it', conf: 'worker_connections = 4096\n', from: '3.4', to: '3.9',
      findings: [{
        messageId: 'unknown', line: 1, severity: 'warning',
        data: { key: 'worker_connections', suggestion: ' Kong passes an nginx directive on only from a key that names its block: did you mean `nginx_events_worker_connections` (events block)?' },
        remediation: 'Rename the key to nginx_events_worker_connections if that is what you meant.',
      }],
    },
    {
      // nginx_worker_processes is kong.conf's declared alias of nginx_main_worker_processes (constants.lua@3.9.3 lines 293-310).
      name: 'a bare directive with a declared nginx_ alias is offered the alias', conf: 'worker_processes = 2\n', from: '3.4', to: '3.9',
      findings: [{
        messageId: 'unknown', line: 1,
        message: 'did you mean `nginx_worker_processes` (main block)?',
        remediation: 'Rename the key to nginx_worker_processes if that is what you meant.',
      }],
    },
    {
      name: 'an nginx_ key without its block', env: { KONG_NGINX_WORKER_CONNECTIONS: '4096' }, from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', env: 'KONG_NGINX_WORKER_CONNECTIONS', severity: 'warning', message: 'did you mean `nginx_events_worker_connections` (events block)?' }],
    },
    {
      // Declared for the http and the stream block from 3.6 (kong_defaults.lua@3.6.1 lines 94 and 101): both offered, http first.
      name: 'a directive declared for two blocks offers both', conf: 'ssl_conf_command = Options -SessionTicket\n', from: '3.6', to: '3.9',
      findings: [{
        messageId: 'unknown', line: 1,
        message: 'did you mean `nginx_http_ssl_conf_command` (http block) or `nginx_stream_ssl_conf_command` (stream block)?',
        remediation: 'Rename the key to nginx_http_ssl_conf_command if that is what you meant.',
      }],
    },
    {
      name: 'a directive the target declares under no block gets no block', conf: 'ssl_conf_command = Options -SessionTicket\n', from: '3.4', to: '3.5',
      findings: [{ messageId: 'unknown', line: 1, message: 'not a property of Kong 3.5', data: { key: 'ssl_conf_command', suggestion: '' } }],
    },
    {
      // Kong's own deprecation named only the http block's property (conf_loader/init.lua@2.2.2 lines 371-381).
      name: 'a directive that was a property keeps its own successor', conf: 'client_max_body_size = 64m\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'otherVersions', line: 1, data: { suggestion: ' Did you mean `nginx_http_client_max_body_size`?' } }],
    },
    {
      name: 'a misspelt nginx_ alias gets the plain did-you-mean', conf: 'nginx_worker_procesess = 2\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'unknown', line: 1, data: { suggestion: ' Did you mean `nginx_worker_processes`?' } }],
    },
    {
      // nginx_location_ arrives in 3.6 (conf/nginx-namespace tells when a path crosses it): before, the key is unknown as it is.
      name: 'a key already under a namespace gets no other block', conf: 'nginx_location_client_max_body_size = 64m\n', from: '3.4', to: '3.5',
      findings: [{ messageId: 'unknown', line: 1, data: { key: 'nginx_location_client_max_body_size', suggestion: '' } }],
    },
  ],
});

describe('did-you-mean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('pg_hsot', 'pg_host')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
  it('offers close names only', () => {
    expect(suggestions('log_levle', ['log_level', 'lua_package_path'])).toEqual(['log_level']);
    expect(suggestions('xyz', ['log_level'])).toEqual([]);
  });
});
