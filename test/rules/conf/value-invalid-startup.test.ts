// conf/value-invalid: the loader's checks added from the 24th session's list, per value
// (port_maps, dns_resolver, resolver_address, tracing instrumentations, status_listen's flags
// before 3.2) and across settings (src/knowledge/conf/startup-requirements.ts).

import rule from '../../../rules/conf/value-invalid';
import { labelsProblem } from '../../../src/knowledge/conf/startup-requirements';
import { ruleTester } from '../../support/rule-tester';

const CERTS = 'cluster_cert = /etc/kong/cluster.crt\ncluster_cert_key = /etc/kong/cluster.key\n';
const LONG = 'a'.repeat(63);
const TEN_LABELS = Array.from({ length: 10 }, (_, i) => `k${i}:v${i}`).join(',');

ruleTester.run(rule, {
  valid: [
    // kong/tools/ip.lua@3.9.3 normalize_ip: addresses with or without a port; port 0 is not refused.
    { name: 'dns_resolver with IPv4 and IPv6 servers, ports at the limits', conf: 'dns_resolver = 8.8.8.8, 1.1.1.1:53, [::1]:65535, fe80::1, [2001:db8::53], 10.0.0.1:0\n', from: '2.8', to: '3.4' },
    { name: 'resolver_address on 3.8 and later', conf: 'resolver_address = 127.0.0.53:53, [::1]:53\n', from: '3.8', to: '3.9' },
    { name: 'port_maps at the limits, from the environment', env: { KONG_PORT_MAPS: '80:8000, 65535:1' }, from: '2.8', to: '3.4' },
    { name: 'tracing_instrumentations with Kong\'s names, create_span from 3.3', conf: 'tracing_instrumentations = db_query,router,dns_query,create_span,http_client\n', from: '3.4', to: '3.9' },
    { name: 'tracing_instrumentations = off alone, and all', conf: 'tracing_instrumentations = off\n', env: { KONG_OPENTELEMETRY_TRACING: 'all' }, from: '3.4', to: '3.9' },
    { name: 'status_listen with http flags from 3.2', conf: 'status_listen = 0.0.0.0:8100 http2 reuseport\n', from: '3.2', to: '3.4' },
    { name: 'status_listen with ssl before 3.2', conf: 'status_listen = 0.0.0.0:8100 ssl\nstatus_ssl_cert = /a.crt\nstatus_ssl_cert_key = /a.key\n', from: '2.8', to: '3.1' },
    {
      name: 'a data plane with everything it needs, labels at the limits', from: '3.4', to: '3.9',
      conf: `role = data_plane\ndatabase = off\n${CERTS}cluster_use_proxy = on\ncluster_dp_labels = ${TEN_LABELS}\n`,
      env: { KONG_PROXY_SERVER: 'http://proxy.internal:3128' },
    },
    { name: 'a data-plane label with 63 characters on each side, dots, colons and underscores', conf: `role = data_plane\ndatabase = off\n${CERTS}cluster_dp_labels = ${LONG}:${LONG}, deploy.env:us-east:1, A_b:C-d\n`, from: '3.4', to: '3.9' },
    { name: 'a control plane whose certificate pair comes from the environment, pki with its CA', conf: 'role = control_plane\ncluster_mtls = pki\ncluster_ca_cert = /etc/kong/ca.crt\n', env: { KONG_CLUSTER_CERT: '/c.crt', KONG_CLUSTER_CERT_KEY: '/c.key' }, from: '2.8', to: '3.4' },
    { name: 'two certificates and two keys given by the environment with the default TLS proxy listener', env: { KONG_SSL_CERT: '/a.crt,/b.crt', KONG_SSL_CERT_KEY: '/a.key, /b.key' }, from: '2.8', to: '3.4' },
    // The default admin_listen has an ssl entry (127.0.0.1:8444 http2 ssl): it is replaced here.
    { name: 'ssl_cert without a key while no listener of its group has ssl', conf: 'proxy_listen = 0.0.0.0:8000\nadmin_listen = 127.0.0.1:8001\nssl_cert = /a.crt\nadmin_ssl_cert = /b.crt\n', from: '2.8', to: '3.4' },
    { name: 'client_ssl_cert without its key while client_ssl is off', conf: 'client_ssl_cert = /c.crt\n', from: '2.8', to: '3.4' },
    { name: 'a vault reference the requirement reads is resolved only at start', conf: `role = data_plane\n${CERTS}`, env: { KONG_DATABASE: '{vault://env/kong-database}' }, from: '3.4', to: '3.9' },
    // The checks on cluster_use_proxy arrive in 3.1, those on cluster_dp_labels in 3.3.
    { name: 'cluster_use_proxy on a control plane on a 3.0 target', conf: `role = control_plane\n${CERTS}cluster_use_proxy = on\n`, from: '2.8', to: '3.0' },
  ],
  invalid: [
    {
      // init.lua@2.8.0:772-797, parse.lua@3.9.3:287-312.
      name: 'port_maps entries without a colon or with a port out of range', conf: 'port_maps = 80, 0:8000, 443:70000, 8443:8443\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, message: 'has `80`, `0:8000`, `443:70000`, which are not a `host_port:kong_port` pair', data: { key: 'port_maps' } }],
    },
    {
      name: 'dns_resolver given host names or a bad address, refused by the source too', conf: 'dns_resolver = dns.local, 8.8.8.8:99999, 256.1.1.1, 1.1.1.1\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, message: 'has `dns.local`, `8.8.8.8:99999`, `256.1.1.1`, which are not an IP address', data: { history: ' Kong 2.8.0 refuses it as well, so this is not new with the upgrade.' } }],
    },
    {
      // parse.lua@3.8.0:534-543: the new DNS client's list arrives with its check.
      name: 'resolver_address with a host name on a path into 3.8', env: { KONG_RESOLVER_ADDRESS: 'localhost:53' }, from: '3.7', to: '3.8',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', env: 'KONG_RESOLVER_ADDRESS', data: { key: 'resolver_address', history: '' } }],
    },
    {
      // create_span joins the names in 3.3 (kong/tracing/instrumentation.lua@3.3.0:67).
      name: 'tracing_instrumentations with an unknown name, and create_span before 3.3', conf: 'tracing_instrumentations = db_query, Router, create_span\n', from: '3.1', to: '3.2',
      findings: [{ messageId: 'refusedValue', severity: 'blocker', line: 1, message: 'has `Router`, `create_span`, which are not among Kong\'s instrumentations', data: { key: 'tracing_instrumentations' } }],
    },
    {
      name: 'tracing_instrumentations = off next to another name', conf: 'tracing_instrumentations = off, router\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'refusedValue', line: 1, message: '`off` must stand alone', data: { history: ' Kong 3.4.0 refuses it as well, so this is not new with the upgrade.' } }],
    },
    {
      // init.lua@3.1.1:1742 parses status_listen with flags = { ssl } only; 3.2.0:1830 with the http flags.
      name: 'status_listen with http2 on a 3.1 target', conf: 'status_listen = 0.0.0.0:8100 http2\n', from: '2.8', to: '3.1',
      findings: [{ messageId: 'badListen', severity: 'blocker', line: 1, message: 'unknown flag `http2`' }],
    },
    {
      name: 'a data plane that keeps the default database, refused before and after', conf: `role = data_plane\n${CERTS}`, from: '2.8', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', severity: 'blocker', line: 1, message: '`role = data_plane` runs only without a database, but database is `postgres`: Kong 3.4.2 refuses to start. Kong 2.8.0 refuses it as well', data: { requirement: 'data-plane-database' } }],
    },
    {
      name: 'a control plane with database = off and no cluster_cert_key', conf: 'role = control_plane\ncluster_cert = /c.crt\ndatabase = off\n', from: '3.4', to: '3.9',
      findings: [
        { messageId: 'unmetRequirement', line: 1, message: 'needs both cluster_cert and cluster_cert_key, and cluster_cert_key is not set', data: { requirement: 'hybrid-cluster-cert' } },
        { messageId: 'unmetRequirement', line: 3, data: { requirement: 'control-plane-database' } },
      ],
    },
    {
      name: 'a control plane with admin_listen and cluster_listen off, pki without a CA', conf: `role = control_plane\n${CERTS}admin_listen = off\ncluster_listen = off\ncluster_mtls = pki\n`, from: '3.4', to: '3.9',
      findings: [
        { messageId: 'unmetRequirement', line: 4, data: { requirement: 'control-plane-admin-listen' } },
        { messageId: 'unmetRequirement', line: 5, data: { requirement: 'control-plane-cluster-listen' } },
        { messageId: 'unmetRequirement', line: 6, data: { requirement: 'control-plane-pki-ca' } },
      ],
    },
    {
      // init.lua@3.1.0:1027-1029 (absent at 3.0.2): the source's loader took it.
      name: 'cluster_use_proxy on a control plane, new with 3.1', conf: `role = control_plane\n${CERTS}cluster_use_proxy = on\n`, from: '3.0', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', line: 4, data: { requirement: 'control-plane-cluster-use-proxy', history: '' } }],
    },
    {
      name: 'a data plane with cluster_use_proxy but no proxy_server, and a proxy listener off', conf: `role = data_plane\ndatabase = off\n${CERTS}cluster_use_proxy = on\nproxy_listen = off\n`, from: '3.4', to: '3.9',
      findings: [
        { messageId: 'unmetRequirement', line: 6, data: { requirement: 'data-plane-proxy-listen' } },
        { messageId: 'unmetRequirement', line: 5, message: 'cluster_use_proxy is on but proxy_server is not set', data: { requirement: 'data-plane-proxy-server' } },
      ],
    },
    {
      name: 'a data-plane label with a reserved key prefix', conf: `role = data_plane\ndatabase = off\n${CERTS}cluster_dp_labels = region:eu, Konnect-team:x\n`, from: '3.4', to: '3.9',
      findings: [{ messageId: 'unmetRequirement', line: 5, message: 'cluster_dp_labels key `Konnect-team` is not one Kong accepts', data: { requirement: 'data-plane-dp-labels' } }],
    },
    {
      name: 'cluster_dp_labels on a traditional node and on a control plane', conf: 'cluster_dp_labels = region:eu\n', env: { KONG_ROLE: 'traditional' }, from: '3.4', to: '3.9',
      findings: [{ messageId: 'unmetRequirement', line: 1, message: 'role is `traditional`', data: { requirement: 'traditional-dp-labels' } }],
    },
    {
      name: 'cluster_dp_labels on a control plane, new with 3.3', conf: `role = control_plane\n${CERTS}cluster_dp_labels = region:eu\n`, from: '3.2', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', line: 4, data: { requirement: 'control-plane-dp-labels', history: '' } }],
    },
    {
      // parse.lua@3.9.3:314-342: the default proxy_listen has an ssl entry.
      name: 'ssl_cert without ssl_cert_key under the default proxy listener', conf: 'ssl_cert = /a.crt\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', severity: 'blocker', line: 1, message: 'ssl_cert is set without ssl_cert_key, and proxy_listen or stream_listen has `ssl`', data: { requirement: 'ssl-cert-pair' } }],
    },
    {
      name: 'two admin certificates and one key from the environment', conf: 'admin_listen = 127.0.0.1:8444 ssl\n', env: { KONG_ADMIN_SSL_CERT: '/a.crt,/b.crt', KONG_ADMIN_SSL_CERT_KEY: '/a.key' }, from: '2.8', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', env: 'KONG_ADMIN_SSL_CERT', message: 'admin_ssl_cert lists 2 entries but admin_ssl_cert_key 1', data: { requirement: 'admin_ssl-cert-pair' } }],
    },
    {
      name: 'a stream listener with ssl and a key without its certificate', conf: 'proxy_listen = 0.0.0.0:8000\nstream_listen = 0.0.0.0:9000 ssl\nssl_cert_key = /a.key\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', line: 3, message: 'ssl_cert_key is set without ssl_cert', data: { requirement: 'ssl-cert-pair' } }],
    },
    {
      name: 'client_ssl on with a certificate and no key', conf: 'client_ssl = on\nclient_ssl_cert = /c.crt\n', from: '2.8', to: '3.4',
      findings: [{ messageId: 'unmetRequirement', line: 2, data: { requirement: 'client-ssl-pair' } }],
    },
    {
      name: 'beyond the last open-source release the requirement is a warning', conf: `role = data_plane\n${CERTS}`, from: '3.10', to: '3.14', edition: 'enterprise',
      findings: [{ messageId: 'unmetRequirement', severity: 'warning', line: 1, message: 'a later build may differ', data: { requirement: 'data-plane-database' } }],
    },
  ],
});

describe('cluster_dp_labels as validate_labels reads them (kong/conf_loader/parse.lua@3.9.3:160-213)', () => {
  it('takes ten labels and refuses eleven', () => {
    expect(labelsProblem(TEN_LABELS.split(','))).toBeUndefined();
    expect(labelsProblem([...TEN_LABELS.split(','), 'k10:v10'])).toMatch(/11 labels, more than Kong's 10/);
  });
  it('refuses a side longer than 63 characters, an empty value and a missing colon', () => {
    expect(labelsProblem([`${LONG}a:v`])).toMatch(/key/);
    expect(labelsProblem([`k:${LONG}a`])).toMatch(/value/);
    expect(labelsProblem(['k:'])).toMatch(/value ``/);
    expect(labelsProblem(['region'])).toMatch(/is not key:value/);
  });
  it('refuses a side that starts or ends with a punctuation mark, and reserved key prefixes in any case', () => {
    expect(labelsProblem(['-k:v'])).toMatch(/key/);
    expect(labelsProblem(['k:v.'])).toMatch(/value/);
    expect(labelsProblem(['KIC_x:v'])).toMatch(/key/);
    expect(labelsProblem(['mesh:v'])).toMatch(/key/);
    expect(labelsProblem(['v:kong'])).toBeUndefined();
  });
});
