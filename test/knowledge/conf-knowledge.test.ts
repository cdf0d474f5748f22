// The kong.conf knowledge: curated changes match their schema and the generated data, and the
// catalogue answers what each version does with a key as Kong's sources say.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import schema from '../../schemas/conf-changes.schema.json';
import curated from '../../src/knowledge/conf/conf-changes.json';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { CONF_CHANGES } from '../../src/knowledge/conf/changes';
import { KongVersion } from '../../src/version/kong-version';

const v = (text: string) => KongVersion.parse(text);
const catalog = confCatalog();

describe('curated kong.conf changes', () => {
  it('match schemas/conf-changes.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(curated);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects an entry without sources and an uncertain blocker', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const broken = JSON.parse(JSON.stringify(curated));
    delete broken.changes[2].sources;
    expect(validate(broken)).toBe(false);
    const uncertain = JSON.parse(JSON.stringify(curated));
    Object.assign(uncertain.changes[2], { confidence: 'uncertain', severity: 'blocker' });
    expect(validate(uncertain)).toBe(false);
  });

  it('have unique ids', () => {
    const ids = CONF_CHANGES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('name only properties that some version of Kong declares', () => {
    const everKnown = (name: string) =>
      catalog.knownIn(name, 'enterprise').length > 0 || catalog.resolve(name, v('3.9'), 'enterprise')?.kind === 'namespace';
    // Changes older than the catalogue's first minor (custom_plugins, 0.14) name keys it never saw.
    const first = v(catalog.minors('oss')[0]);
    const unknown = CONF_CHANGES.filter((c) => !v(c.introducedIn).lt(first)).flatMap((c) => c.properties ?? []).filter((p) => !everKnown(p));
    // A typo in the curated data would show here.
    expect(unknown).toEqual([]);
  });

  it('place renames where the data shows the old name disappear or turn deprecated', () => {
    const renamed = CONF_CHANGES.filter((c) => c.kind === 'renamed' && c.valueCarriesOver === false && c.edition === 'oss+ee');
    for (const change of renamed) {
      for (const name of change.properties ?? []) {
        const since = v(change.introducedIn);
        expect([name, catalog.property(name, since, 'oss')]).toEqual([name, undefined]);
      }
    }
  });
});

describe('kong.conf catalogue', () => {
  it.each([
    ['pg_ssl_verify', '2.0', 'oss', true],
    ['cassandra_contact_points', '3.3', 'oss', true],
    ['cassandra_contact_points', '3.4', 'oss', false],
    ['privileged_agent', '3.4', 'oss', true],
    ['privileged_agent', '3.5', 'oss', false],
    ['dedicated_config_processing', '3.5', 'oss', true],
    ['router_consistency', '2.0', 'oss', true],
    ['router_consistency', '2.1', 'oss', false],
    ['portal_gui_host', '3.4', 'oss', false],
    ['portal_gui_host', '3.4', 'enterprise', true],
    ['portal_gui_host', '3.5', 'enterprise', false],
    ['tls_certificate_verify', '3.13', 'enterprise', true],
    ['tls_certificate_verify', '3.12', 'enterprise', false],
    ['wasm', '3.10', 'enterprise', true],
    ['wasm', '3.11', 'enterprise', false],
    ['_debug_pg_ttl_cleanup_interval', '3.14', 'enterprise', true],
  ] as const)('%s at %s (%s) known: %s', (name, version, edition, known) => {
    expect(catalog.property(name, v(version), edition) !== undefined).toBe(known);
  });

  it('keeps defaults, types and enums per version', () => {
    expect(catalog.property('worker_consistency', v('2.8.5'), 'oss')).toMatchObject({ default: 'strict', enum: ['strict', 'eventual'], evidence: 'code' });
    expect(catalog.property('worker_consistency', v('3.0'), 'oss')).toMatchObject({ default: 'eventual', deprecated: { value: 'strict' } });
    expect(catalog.property('status_listen', v('3.6'), 'oss')?.default).toBe('127.0.0.1:8007 reuseport backlog=16384');
    expect(catalog.property('pg_ssl', v('3.4'), 'oss')?.type).toBe('boolean');
    expect(catalog.property('lua_ssl_trusted_certificate', v('2.8'), 'oss')?.default).toBeNull();
    expect(catalog.property('pg_ssl_verify', v('3.14'), 'enterprise')).toMatchObject({ default: 'on', type: 'boolean' });
    expect(catalog.property('pg_ssl_verify', v('3.14'), 'enterprise')?.sources.map((s) => s.ref).join(' ')).toContain('3.14');
  });

  it('resolves dynamic namespaces per version, including dropped directives', () => {
    expect(catalog.resolve('nginx_http_foo', v('2.8'), 'oss')).toMatchObject({ kind: 'namespace', prefix: 'nginx_http_', directive: 'foo', ignored: false });
    expect(catalog.resolve('nginx_http_upstream_keepalive', v('3.0'), 'oss')).toMatchObject({ kind: 'namespace', ignored: true });
    expect(catalog.resolve('nginx_location_proxy_buffering', v('3.5'), 'oss')).toBeUndefined();
    expect(catalog.resolve('nginx_location_proxy_buffering', v('3.6'), 'oss')).toMatchObject({ prefix: 'nginx_location_' });
    expect(catalog.resolve('nginx_wasm_shm_kv_cache', v('3.6'), 'oss')).toMatchObject({ prefix: 'nginx_wasm_shm_kv_' });
    expect(catalog.resolve('vault_env_prefix', v('2.7'), 'oss')).toBeUndefined();
    expect(catalog.resolve('vault_env_prefix', v('2.8'), 'oss')).toMatchObject({ prefix: 'vault_' });
  });

  it('finds the minor where a key stopped working on a path', () => {
    expect(catalog.lostIn('go_plugins_dir', v('2.8.2'), v('3.4.1'), 'oss')).toBe('3.0');
    expect(catalog.lostIn('admin_gui_origin', v('3.4'), v('3.6'), 'oss')).toBe('3.5');
    expect(catalog.lostIn('admin_gui_origin', v('3.4'), v('3.4.2'), 'oss')).toBeUndefined();
    expect(catalog.lostIn('nginx_upstream_keepalive_timeout', v('2.8'), v('3.4'), 'oss')).toBeUndefined();
    expect(catalog.lostIn('nginx_http_upstream_keepalive', v('2.8'), v('3.4'), 'oss')).toBe('3.0');
    // Documentation gaps are filled: a key that vanishes from a few reference pages is not "removed".
    expect(catalog.lostIn('keyring_recovery_public_key', v('3.2'), v('3.10'), 'enterprise')).toBeUndefined();
  });

  it('computes default changes per series', () => {
    const oss = catalog.defaultSteps('oss');
    expect(oss).toContainEqual(expect.objectContaining({ version: '3.0', name: 'worker_consistency', from: 'strict', to: 'eventual', evidence: 'code' }));
    expect(oss.find((e) => e.name === 'pg_ssl_verify')).toBeUndefined();
    const ee = catalog.defaultSteps('enterprise');
    expect(ee).toContainEqual(expect.objectContaining({ version: '3.14', name: 'tls_certificate_verify', from: 'off', to: 'on', evidence: 'docs' }));
  });

  it('stays compact', () => {
    const size = readFileSync(join(__dirname, '../../src/knowledge/conf/properties.generated.json')).length;
    expect(size).toBeLessThan(120_000);
  });
});

// The generated file must be what the script makes of the digests, when they are on this machine.
const FACTS = '/work/shared/kong-facts/conf';
(existsSync(FACTS) ? describe : describe.skip)('generated data', () => {
  it('is up to date with scripts/generate-conf-knowledge.js', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kp-gen-')), 'out.json');
    execFileSync(process.execPath, [join(__dirname, '../../scripts/generate-conf-knowledge.js'), FACTS, out]);
    const committed = readFileSync(join(__dirname, '../../src/knowledge/conf/properties.generated.json'), 'utf8');
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });
});
