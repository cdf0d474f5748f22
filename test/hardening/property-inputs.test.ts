// Property-based tests (fast-check): whatever text the kong.conf loader, the declarative loader
// and the nginx template reader are fed, they return or raise a one-line InputError; through the
// CLI, any such file gives a report (exit 0/1, no rule crash) or one line on stderr (exit 2).
// Runs are bounded so the suite stays fast; a hang would show as a jest timeout. When a property
// fails, fast-check prints the seed and the shrunk input: replay with `{ seed, path }`.

import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { readDeclarativeText } from '../../src/inputs/declarative/load';
import { DeclarativeEntitySource } from '../../src/inputs/declarative/entities';
import { readNginxTemplate } from '../../src/inputs/nginx/load';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError, loadsOrRefuses, mutated } from './support';

// PROPERTY_RUNS / PROPERTY_CLI_RUNS raise the counts for a longer hunt, as in ./property-image-readers.test.ts.
const LOADER_RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const CLI_RUNS = Number(process.env.PROPERTY_CLI_RUNS ?? 25);

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Text with the characters parsers trip on mixed into ordinary strings. */
const tricky = fc.constantFrom('\r', '\t', '\uFEFF', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\\', '"', "'", '#', '=', ':', ',', ';', '{', '}', '[', ']', '$', '%', '~', '\u0000');
/** Names Object.prototype answers: a word of the input used as a table key must not find them (src/own-key.ts). */
const prototypeWord = fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty');
const noisyString = fc.array(fc.oneof(fc.string({ maxLength: 12 }), tricky), { maxLength: 8 }).map((parts) => parts.join(''));
/** One very long line's worth of what real files repeat (a long listen list, a base64 blob, indentation, escapes). */
const longRun = fc.tuple(fc.constantFrom('a', ' ', '\\', '0.0.0.0:8000, ', '{', '"', '#', '$'), fc.integer({ min: 1_000, max: 60_000 })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Keys that exist in kong.conf. Path-like keys (prefix, lua_package_path, declarative_config, license_path) are left out so a run never scans this machine's folders. */
const confKey = fc.oneof(
  fc.constantFrom('database', 'pg_host', 'pg_password', 'pg_ssl_version', 'log_level', 'proxy_listen', 'admin_listen', 'router_flavor',
    'role', 'plugins', 'headers', 'nginx_http_lua_shared_dict', 'nginx_proxy_proxy_buffering', 'ssl_cipher_suite', 'vault_env_prefix',
    'cluster_mtls', 'mem_cache_size', 'upstream_keepalive', 'worker_consistency', 'dns_order', 'untrusted_lua', 'cassandra_contact_points'),
  fc.stringMatching(/^[a-z_]{1,20}$/),
  prototypeWord,
);
const confValue = fc.oneof(
  noisyString,
  prototypeWord,
  fc.constantFrom('on', 'off', 'postgres', 'cassandra', 'tlsv1', '0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl', '{vault://env/pg-pass}',
    '0x1F', '1e400', '-0', '128m', 'bundled,my-plugin', '   ', '# only a comment', 'a \\# b # c'),
);
const confLine = fc.oneof(
  { arbitrary: fc.tuple(confKey, fc.constantFrom('=', ' = ', '\t=\t', ' =', '= '), confValue).map(([k, eq, v]) => `${k}${eq}${v}`), weight: 10 },
  { arbitrary: fc.constantFrom('', '# comment', '[section]', '[', '=', ' = value', 'key', '\\', '\uFEFFdatabase = off'), weight: 10 },
  { arbitrary: noisyString, weight: 10 },
  { arbitrary: fc.tuple(confKey, longRun).map(([k, v]) => `${k} = ${v}`), weight: 1 },
);
const confText = fc.tuple(fc.array(confLine, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

const jsonScalar = fc.oneof(noisyString, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
  fc.constantFrom('/users/\\d+', '~/a$', '/a/%2F/b', 'http://backend.internal:8080', 'key-auth', 'local', '3.0', '2.1'));
const fieldValue = fc.oneof(jsonScalar, fc.array(jsonScalar, { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }));
const pluginName = fc.oneof(fc.constantFrom('key-auth', 'rate-limiting', 'ip-restriction', 'acl', 'pre-function', 'acme', 'session', 'prometheus',
  'request-transformer', 'hmac-auth', 'aws-lambda', 'http-log', 'cors', 'not-a-plugin'), prototypeWord);
const config = fc.dictionary(fc.oneof(fc.constantFrom('whitelist', 'blacklist', 'allow', 'policy', 'functions', 'access', 'hide_credentials',
  'bandwidth_metrics', 'auth_method', 'header_type', 'ssl_verify', 'proxy_scheme', 'redis'), fc.string({ maxLength: 8 }), prototypeWord), fieldValue, { maxKeys: 4 });
const plugin = fc.record({ name: fc.oneof(pluginName, fieldValue), config: fc.oneof(config, fieldValue), enabled: fc.boolean() }, { requiredKeys: [] });
const route = fc.record({
  name: fc.oneof(noisyString, fieldValue),
  paths: fc.oneof(fc.array(fc.oneof(jsonScalar, fc.stringMatching(/^~?\/[a-z\\d+()|%2F[\]{}^$.*?]{0,12}$/)), { maxLength: 4 }), fieldValue),
  methods: fc.array(fc.constantFrom('GET', 'POST'), { maxLength: 2 }),
  path_handling: fc.constantFrom('v0', 'v1', 'v2'),
  regex_priority: fc.integer(),
  plugins: fc.array(plugin, { maxLength: 2 }),
  service: fc.oneof(noisyString, fc.record({ name: noisyString }), fc.record({ id: noisyString })),
}, { requiredKeys: [] });
const service = fc.record({
  name: noisyString,
  url: fc.oneof(jsonScalar, fc.constant('http://x:1/p')),
  routes: fc.array(route, { maxLength: 3 }),
  plugins: fc.array(plugin, { maxLength: 2 }),
}, { requiredKeys: [] });
const declarativeValue = fc.oneof(
  { weight: 5, arbitrary: fc.record({
    _format_version: fc.oneof(fc.constantFrom('1.1', '2.1', '3.0'), fieldValue),
    _transform: fc.boolean(),
    _workspace: noisyString,
    _info: fc.record({ select_tags: fc.oneof(fc.array(noisyString), fieldValue) }, { requiredKeys: [] }),
    services: fc.oneof(fc.array(service, { maxLength: 3 }), fieldValue),
    routes: fc.array(route, { maxLength: 3 }),
    plugins: fc.array(plugin, { maxLength: 3 }),
    consumers: fc.array(fc.record({ username: noisyString, plugins: fc.array(plugin, { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 2 }),
    upstreams: fc.array(fc.record({ name: noisyString, targets: fc.array(fc.record({ target: noisyString, weight: fc.integer() }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 2 }),
    certificates: fc.array(fc.record({ cert: fc.oneof(noisyString, fc.constant('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')), key: noisyString }, { requiredKeys: [] }), { maxLength: 2 }),
    vaults_beta: fc.array(fc.record({ prefix: noisyString, name: noisyString }, { requiredKeys: [] }), { maxLength: 1 }),
  }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Damage: a few characters inserted, deleted or replaced, YAML syntax among them. */
function damaged(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return mutated(text, fc.oneof(tricky, fc.string({ maxLength: 3 }), fc.constantFrom('&a ', '*a', '<<: *a', '- ', ': ', '? ', '!!binary ', '!!js/function ', '|', '>-', '---\n', '...\n', '%YAML 1.2\n',
    '{toString: 1}', '__proto__: ', '{"constructor": 1}', '!!set {a, b}', '!!timestamp 2001-12-14 ')), { maxEdits: 3, maxRemove: 4 });
}

const yamlText = fc.oneof(
  { weight: 3, arbitrary: damaged(declarativeValue.map((v) => dump(v, { skipInvalid: true }))) },
  { weight: 1, arbitrary: fc.array(fc.oneof(noisyString, fc.constantFrom('services:', '- name: a', '  routes:', '  - paths: [/a]', '&x {a: 1}', '*x', '<<: *x', '  ', '\t',
    // Multi-document streams, repeated keys and YAML 1.1 scalars: Kong reads all of these.
    '---', '...', '--- {a: 1}', '  name: b', '  strip_path: no', '  port: 0755', '  x: 1:30', 'services: []',
    // An anchor set in one document and used in the next (each document's anchors are its own).
    '--- &s\nservices: [{name: a, url: "http://x"}]', '---\nservices: *s', '--- *s', '  - <<: *x')), { maxLength: 15 }).map((l) => l.join('\n')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('_format_version: "3.0"\nservices:\n- name: ', 'routes:\n- paths: [', '# '), longRun).map(([head, run]) => `${head}${run}\n`) },
);
const jsonText = fc.oneof(
  { weight: 3, arbitrary: damaged(declarativeValue.map((v) => JSON.stringify(v, null, 2))) },
  { weight: 1, arbitrary: declarativeValue.map((v) => JSON.stringify(v)) },
);

const nginxToken = fc.oneof(
  fc.constantFrom('{', '}', ';', '\n', ' ', '#', '"', "'", '\\', '$', '${{', '}}', '> if', '> end', '> for', 'server', 'http', 'location', '/',
    'listen', 'lua_shared_dict', 'include', 'proxy_pass', 'upstream', 'kong_db_cache', '5m', '=', '~', 'return', '-- comment', '[[', ']]'),
  noisyString,
);
const nginxTokens = fc.array(nginxToken, { maxLength: 60 }).map((tokens) => tokens.join(''));
const nginxText = fc.oneof({ arbitrary: nginxTokens, weight: 8 }, { arbitrary: fc.tuple(nginxTokens, longRun, nginxTokens).map((parts) => parts.join('')), weight: 1 });

// ---------------------------------------------------------------------------------------------
// Loaders
// ---------------------------------------------------------------------------------------------

describe('loaders on arbitrary input', () => {
  const dir = tempDir({}, 'kp-props-');
  const conf = join(dir, 'kong.conf');

  it('kong.conf: loads or raises a one-line InputError, with any KONG_* environment', () => {
    const env = fc.dictionary(confKey.map((k) => `KONG_${k.toUpperCase()}`), confValue, { maxKeys: 3 });
    fc.assert(fc.property(confText, env, (text, vars) => {
      writeFileSync(conf, text);
      loadsOrRefuses(() => {
        const loaded = loadKongConf(conf, vars);
        for (const setting of loaded.settings()) expect(typeof setting.value).toBe('string');
      });
    }), { numRuns: LOADER_RUNS });
  });

  it('declarative YAML: parses into entities or raises a one-line InputError', () => {
    fc.assert(fc.property(yamlText, (text) => {
      loadsOrRefuses(() => {
        const document = readDeclarativeText('kong.yml', text);
        const source = new DeclarativeEntitySource([document]);
        // Every entity can be located (positions are built lazily and must not throw).
        for (const type of ['service', 'route', 'plugin', 'consumer', 'upstream', 'target', 'certificate'] as const) {
          for (const entity of source.list(type)) expect(entity.origin.kind).toBe('file');
        }
      });
    }), { numRuns: LOADER_RUNS });
  });

  it('declarative JSON: parses into entities or raises a one-line InputError', () => {
    fc.assert(fc.property(jsonText, (text) => {
      loadsOrRefuses(() => {
        const document = readDeclarativeText('kong.json', text);
        const source = new DeclarativeEntitySource([document]);
        for (const type of ['service', 'route', 'plugin'] as const) {
          for (const entity of source.list(type)) expect(entity.at(['config', 'whitelist']).kind).toBe('file');
        }
      });
    }), { numRuns: LOADER_RUNS });
  });

  it('nginx template: parses or raises a one-line InputError', () => {
    // Half the runs: identifying a template against Kong's stock ones is the slow part.
    fc.assert(fc.property(nginxText, (text) => {
      loadsOrRefuses(() => readNginxTemplate('custom.conf', text));
    }), { numRuns: Math.ceil(LOADER_RUNS / 2) });
  });

  it('declarative: a mapping with a `toString` key where text is expected (once threw a TypeError)', () => {
    // Shrunk from fast-check counterexamples: String() of such a mapping calls the key's value.
    for (const value of ['null', 'false', '1']) {
      const document = readDeclarativeText('kong.json', `{"_format_version": {"toString": ${value}}, "_workspace": {"toString": ${value}}, "_info": {"select_tags": [{"toString": ${value}}]}}`);
      expect(document.formatVersion?.value).toBe(`{"toString":${value}}`);
      expect(document.workspace?.value).toBe(`{"toString":${value}}`);
    }
  });

  it('nginx template: a Unicode line separator is part of a word (once looped forever)', () => {
    // Shrunk from a fast-check counterexample: the scanner skipped only space and tab, the word
    // reader stopped at any \s, so U+2028 produced empty words until memory ran out.
    const template = readNginxTemplate('custom.conf', 'lua_shared_dict kong 5m;\nworker_processes a\u2028b;\nx \u2028# a');
    expect(template.parsed.all.map((d) => d.args.map((a) => a.value))).toContainEqual(['a\u2028b']);
  });
});

// ---------------------------------------------------------------------------------------------
// The whole check, through the CLI
// ---------------------------------------------------------------------------------------------

/** Runs check on one generated file; a report must hold no internal error (a rule that crashed). */
async function checkFile(args: string[]): Promise<void> {
  const result = await runCli(['check', ...args, '--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '-f', 'json', '--fail-on', 'blocker']);
  expectFindingsOrOneLineError(result);
  if (result.code !== 2) expect(JSON.parse(result.stdout).internalErrors).toEqual([]);
}

describe('check on arbitrary files', () => {
  const dir = tempDir({}, 'kp-props-cli-');

  it('kong.conf', async () => {
    const file = join(dir, 'kong.conf');
    await fc.assert(fc.asyncProperty(confText, async (text) => {
      writeFileSync(file, text);
      await checkFile([file]);
    }), { numRuns: CLI_RUNS });
  });

  it('declarative YAML and JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(yamlText.map((t) => ['kong.yml', t]), jsonText.map((t) => ['kong.json', t])), async ([name, text]) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      await checkFile(['--declarative', file]);
    }), { numRuns: CLI_RUNS * 2 });
  });

  it('nginx template', async () => {
    const file = join(dir, 'custom.conf');
    await fc.assert(fc.asyncProperty(nginxText, async (text) => {
      writeFileSync(file, text);
      await checkFile(['--nginx-template', file]);
    }), { numRuns: CLI_RUNS });
  });
});
