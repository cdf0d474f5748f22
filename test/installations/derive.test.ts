// Edition and topology inference: each derived value says why it was chosen.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveEdition, deriveTopology, enterpriseContentIn, enterprisePluginIn, konnectMetadataIn } from '../../src/installation';
import { loadDeclarative } from '../../src/inputs/declarative';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { composeSettings } from '../support/compose-conf';

function conf(text: string, env: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-derive-')), 'kong.conf');
  writeFileSync(file, text);
  return loadKongConf(file, env);
}

describe('deriveEdition', () => {
  it.each([
    ['the flag wins', { edition: 'oss' as const }, 'enforce_rbac = on\n', {}, 'oss', /--edition/],
    ['KONG_LICENSE_DATA means Enterprise', {}, '', { KONG_LICENSE_DATA: '{}' }, 'enterprise', /KONG_LICENSE_DATA/],
    ['an Enterprise-only key means Enterprise', {}, 'log_level = info\nenforce_rbac = on\n', {}, 'enterprise', /enforce_rbac at .*:2:1/],
    // OSS never declared pg_ssl_version: a 2.8 kong.conf with it is an Enterprise node (sweep 5, item 7).
    ['pg_ssl_version means Enterprise', {}, 'database = postgres\npg_ssl = on\npg_ssl_version = tlsv1\n', {}, 'enterprise', /pg_ssl_version at .*:3:1/],
    ['KONG_PG_SSL_REQUIRED means Enterprise', {}, '', { KONG_PG_SSL_REQUIRED: 'on' }, 'enterprise', /pg_ssl_required at env KONG_PG_SSL_REQUIRED/],
    ['pg_ssl alone stays OSS (OSS has it too)', {}, 'pg_ssl = on\npg_ssl_verify = on\n', {}, 'oss', /no license/],
    // hguerra/kong-gateway-oidc-dbless Dockerfile (an OSS 3.3 image): every log key routed to a stream or off,
    // as the Kong chart and the Kong operator write KONG_PORTAL_API_* for every edition.
    ['portal_api_* logs sent to a stream or off stay OSS', {}, '', { KONG_PORTAL_API_ACCESS_LOG: 'off', KONG_PORTAL_API_ERROR_LOG: '/dev/stderr', KONG_ADMIN_GUI_ACCESS_LOG: 'off' }, 'oss', /no Enterprise-only setting/],
    ['a portal_api_* log file of its own means Enterprise', {}, 'portal_api_access_log = /var/log/kong/portal_api.log\n', {}, 'enterprise', /portal_api_access_log at .*:1:1/],
    ['a four-part version means Enterprise', { from: '2.8.2.4' }, 'log_level = info\n', {}, 'enterprise', /2\.8\.2\.4/],
    ['nothing Enterprise means OSS, with a hint', {}, 'database = postgres\n', {}, 'oss', /--edition enterprise/],
  ])('%s', (_name, options, text, env, value, reason) => {
    const kongEnv = Object.fromEntries(Object.entries(env));
    const derived = deriveEdition(options, conf(text, env), kongEnv);
    expect(derived.value).toBe(value);
    expect(derived.reason).toMatch(reason);
  });
});

/** A declarative file read as `--declarative kong.yml` reads it. */
function declarative(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-derive-'));
  writeFileSync(join(dir, 'kong.yml'), text);
  return loadDeclarative({ paths: ['kong.yml'], cwd: dir }).config;
}

// Kong OSS bundles no openid-connect (kong/constants.lua, every tag 2.0.0-3.9.3): a declarative
// file that configures it belongs to an Enterprise node (sweep 7: a 1.1 Enterprise decK dump read
// as OSS skipped the Enterprise session renames; an AI gateway file checked to 3.10 got a false
// "no OSS 3.10" blocker).
describe('deriveEdition from the declarative configuration', () => {
  const enterprise = '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s\n  plugins:\n  - name: key-auth\n  - name: openid-connect\n    config: {issuer: https://idp/}\n';

  it('an Enterprise-only plugin means Enterprise, and says where', () => {
    const derived = deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(enterprise)));
    expect(derived).toEqual({ value: 'enterprise', reason: expect.stringMatching(/Enterprise-only plugin openid-connect at kong\.yml:7:/) });
  });
  it.each([
    ['a route nested in a service', '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s\n  routes:\n  - name: r\n    paths: [/r]\n    plugins:\n    - name: saml\n', 9],
    ['a consumer group', '_format_version: "3.0"\nconsumer_groups:\n- name: gold\n  plugins:\n  - name: rate-limiting-advanced\n', 5],
    ['a consumer', '_format_version: "3.0"\nconsumers:\n- username: u\n  plugins:\n  - name: openid-connect\n', 5],
  ])('finds an Enterprise-only plugin under %s, at its line', (_where, text, line) => {
    expect(enterprisePluginIn(declarative(text))?.origin).toMatchObject({ line });
  });
  // The developer.konghq.com secrets-in-plugins pattern with an Enterprise plugin: a KongClusterPlugin
  // whose config comes from a Secret still makes Kong load openid-connect
  // (Kong/kubernetes-ingress-controller internal/dataplane/kongstate/plugin.go@v3.4.0).
  it('a KIC plugin resource naming an Enterprise-only plugin means Enterprise even when its config is in a Secret', () => {
    const fromSecret = 'apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: oidc\n  labels: {global: "true"}\nplugin: openid-connect\nconfigFrom:\n  secretKeyRef: {name: oidc, namespace: kong, key: config}\n';
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(fromSecret)))).toEqual({ value: 'enterprise', reason: expect.stringMatching(/Enterprise-only plugin openid-connect at kong\.yml:6:/) });
    const patched = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: rla}\nplugin: rate-limiting-advanced\nconfig: {limit: [5], window_size: [30]}\nconfigPatches:\n- path: /redis/password\n  valueFrom:\n    secretKeyRef: {name: redis, key: password}\n';
    expect(enterprisePluginIn(declarative(patched))).toMatchObject({ name: 'rate-limiting-advanced', origin: { line: 4 } });
    // Refused by the controller (configFrom beside config): Kong gets no plugin, so no evidence.
    const refused = fromSecret.replace('plugin: openid-connect\n', 'plugin: openid-connect\nconfig: {issuer: https://idp/}\n');
    expect(enterprisePluginIn(declarative(refused))).toBeUndefined();
    expect(enterprisePluginIn(declarative(fromSecret.replace('openid-connect', 'key-auth')))).toBeUndefined();
  });
  it('bundled plugins only stay OSS', () => {
    const ossOnly = enterprise.replace('openid-connect', 'jwt');
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(ossOnly))).value).toBe('oss');
  });
  // Sweep 10: decK dumps holding consumer groups with the OSS rate-limiting plugin, or a conjur
  // vault, read as OSS and got "Kong OSS has no 3.14 release". Kong OSS 3.9.3 has no
  // consumer_groups or partials entity and bundles only the env vault (kong/constants.lua).
  it.each([
    ['a consumer group with OSS plugins only', '_format_version: "3.0"\nconsumer_groups:\n- name: gold\n  plugins:\n  - name: rate-limiting\n    config: {hour: 2}\n', /Enterprise-only entity consumer_groups at kong\.yml:3:/],
    ['a redis partial', '_format_version: "3.0"\npartials:\n- name: r\n  type: redis-ee\n  config: {host: redis}\n', /Enterprise-only entity partials at kong\.yml:3:/],
    ['a conjur vault', '_format_version: "3.0"\nvaults:\n- prefix: my-conjur\n  name: conjur\n  config: {login: id}\n', /Enterprise-only vault backend conjur at kong\.yml:4:/],
  ])('%s means Enterprise', (_what, text, reason) => {
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(text)))).toEqual({ value: 'enterprise', reason: expect.stringMatching(reason) });
  });
  // decK's _konnect block is Konnect-only (developer.konghq.com app/deck/dbless-vs-deck.md:133-142)
  // and Konnect data planes run the Enterprise gateway (app/_data/support/gateway.yml lists
  // Enterprise releases only).
  it('a decK file for a Konnect control plane means Enterprise, and says where', () => {
    const text = '_format_version: "3.0"\n_konnect:\n  control_plane_name: prod\nservices:\n- name: s\n  url: http://s\n';
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(text)))).toEqual({ value: 'enterprise', reason: expect.stringMatching(/Enterprise-only decK _konnect \(a Konnect control plane\) at kong\.yml:3:/) });
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(text.replace('_konnect:\n  control_plane_name: prod\n', '')))).value).toBe('oss');
  });
  it('an env vault and an empty consumer_groups list stay OSS', () => {
    const text = '_format_version: "3.0"\nconsumer_groups: []\nvaults:\n- prefix: my-env\n  name: env\n';
    expect(deriveEdition({}, undefined, {}, undefined, () => enterpriseContentIn(declarative(text))).value).toBe('oss');
  });
  it('the flag wins over the file', () => {
    expect(deriveEdition({ edition: 'oss' }, undefined, {}, undefined, () => enterpriseContentIn(declarative(enterprise))).value).toBe('oss');
  });
});

describe('deriveTopology', () => {
  it('role = data_plane is a hybrid data plane', () => {
    const { topology, role } = deriveTopology({}, conf('role = data_plane\ndatabase = off\n'));
    expect(topology.value).toBe('hybrid');
    expect(role).toBe('data_plane');
  });

  it('database = off without a role is DB-less', () => {
    const { topology, role } = deriveTopology({}, conf('database = off\n'));
    expect(topology).toEqual({ value: 'dbless', reason: expect.stringMatching(/database = off at/) });
    expect(role).toBe('dbless');
  });

  it('KONG_ROLE in the environment counts', () => {
    const { topology } = deriveTopology({}, conf('database = postgres\n', { KONG_ROLE: 'control_plane' }));
    expect(topology.reason).toMatch(/env KONG_ROLE/);
  });

  it('--topology overrides kong.conf', () => {
    const { topology, role } = deriveTopology({ topology: 'hybrid' }, conf('role = data_plane\n'));
    expect(topology.reason).toMatch(/^from --topology; role = data_plane at .*kong\.conf:1/);
    expect(role).toBe('data_plane');
    expect(deriveTopology({ topology: 'traditional' }, conf('role = data_plane\n')).topology.reason).toBe('from --topology');
  });

  describe('--topology hybrid without --role', () => {
    it('says the control plane is assumed when nothing names the role', () => {
      const { topology, role } = deriveTopology({ topology: 'hybrid' }, undefined);
      expect(role).toBe('control_plane');
      expect(topology.reason).toBe('from --topology; control plane assumed, as no setting read names a role: pass --role data_plane for a data plane');
    });

    // Kong refuses role = control_plane with database = off (kong/conf_loader/init.lua@3.4.0).
    it('takes a node with database = off for a data plane', () => {
      const { topology, role } = deriveTopology({ topology: 'hybrid' }, conf('database = off\ncluster_control_plane = kong-cp:8005\n'));
      expect(role).toBe('data_plane');
      expect(topology.reason).toMatch(/data plane, as database = off at .*kong\.conf:1/);
    });

    it('takes the node a Konnect decK file describes for a data plane', () => {
      const at = konnectMetadataIn(declarative('_format_version: "3.0"\n_konnect:\n  control_plane_name: prod\n'));
      expect(deriveTopology({ topology: 'hybrid' }, undefined, undefined, at).role).toBe('data_plane');
    });

    it('keeps a database-backed node a control plane, and --role wins over everything', () => {
      expect(deriveTopology({ topology: 'hybrid' }, conf('database = postgres\n')).role).toBe('control_plane');
      expect(deriveTopology({ topology: 'hybrid', role: 'control_plane' }, conf('database = off\n')).role).toBe('control_plane');
    });
  });

  // Konnect runs hybrid mode and manages the control plane's database (developer.konghq.com
  // app/gateway/hybrid-mode.md:128-133): the node a Konnect decK file describes is a data plane.
  describe('a decK file for a Konnect control plane', () => {
    const konnect = '_format_version: "3.0"\n_konnect:\n  control_plane_name: prod\nservices:\n- name: s\n  url: http://s\n';
    it('makes a node with no kong.conf a hybrid data plane, and says where', () => {
      const at = konnectMetadataIn(declarative(konnect));
      expect(at).toMatchObject({ line: 3 });
      const { topology, role } = deriveTopology({}, undefined, undefined, at);
      expect(topology).toEqual({ value: 'hybrid', reason: expect.stringMatching(/^inferred: decK _konnect at kong\.yml:3:\d+: .*data planes \(pass --topology if wrong\)$/) });
      expect(role).toBe('data_plane');
    });
    it('is no evidence without _konnect, nor against kong.conf or --topology', () => {
      expect(konnectMetadataIn(declarative(konnect.replace('_konnect:\n  control_plane_name: prod\n', '')))).toBeUndefined();
      const at = konnectMetadataIn(declarative(konnect));
      expect(deriveTopology({}, conf('database = postgres\n'), undefined, at).topology.value).toBe('traditional');
      expect(deriveTopology({}, conf('log_level = info\n'), undefined, at).topology.value).toBe('traditional');
      expect(deriveTopology({ topology: 'traditional' }, undefined, undefined, at).role).toBe('traditional');
    });
  });

  it('defaults to traditional and says so', () => {
    expect(deriveTopology({}, undefined).topology.reason).toMatch(/--topology/);
  });

  it('names every place the settings were read when none sets a role or database = off', () => {
    expect(deriveTopology({}, conf('log_level = info\n')).topology.reason).toBe('no role and no database = off in kong.conf');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-derive-')), 'kong.conf');
    writeFileSync(file, 'log_level = info\n');
    const { kongConf: fromCompose, file: compose } = composeSettings('services:\n  kong:\n    image: kong:3.9.1\n    environment:\n      KONG_PROXY_LISTEN: 0.0.0.0:8000\n');
    expect(deriveTopology({}, fromCompose).topology.reason).toBe(`no role and no database = off in the settings read here (${compose})`);
    // kong.conf with a compose file's environment over it: both were read, not kong.conf alone.
    const layer = loadPlatformInputs({ imageFiles: [compose] }).containerLayer;
    const both = loadKongConf(file, { KONG_LOG_LEVEL: 'warn' }, { layer });
    expect(deriveTopology({}, both).topology.reason).toBe(`no role and no database = off in the settings read here (${file}, ${compose}, KONG_* environment)`);
  });
});
