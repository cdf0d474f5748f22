// Property-based tests (fast-check) for the readers the first two property suites left out: the
// compose .env / env_file readers (dotenv and `format: raw`), helmfiles (environments, bases, the
// simple-action evaluator, `FILE#NAMESPACE/NAME` selectors), kustomization helmCharts, rendered-nginx detection, the
// .kong-preflight.yml loader, the --backup head reader, Lua and rockspec readers of custom
// plugins, TLS material, license text and kong.conf trailing comments. Each reader returns or
// raises a one-line InputError; through the CLI a file gives findings or one line on stderr, and a
// secret carried by a .env, an env_file or a helmfile's environment appears in no report format.
// Runs are few and inputs bounded; fast-check's own `interruptAfterTimeLimit` ends a long hunt
// without failing, so a hang shows as a jest timeout. Replay a failure with `{ seed, path }`.

import fc from 'fast-check';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors';
import { parseDotEnv } from '../../src/inputs/images/dotenv';
import { readImageFiles } from '../../src/inputs/images/load';
import { containerConfLayer } from '../../src/inputs/images/container-conf-layer';
import { loadUserValues } from '../../src/inputs/helm/values';
import { loadPlatformInputs } from '../../src/inputs/platform';
import { readHelmfile, splitReleaseSelector } from '../../src/inputs/helm/helmfile';
import { evaluateAction } from '../../src/inputs/helm/helmfile-render';
import { maskTemplates } from '../../src/inputs/helm/helmfile-templates';
import { readNginxTemplate } from '../../src/inputs/nginx/load';
import { parseConfig } from '../../src/config/load-config';
import { classify, loadBackupEvidence } from '../../src/inputs/backup-loader';
import { codeTokens, tokenizeLua } from '../../src/inputs/lua/tokenizer';
import { findProtectedRequires, findRequires, memberChains } from '../../src/inputs/lua/code';
import { returnedTable } from '../../src/inputs/lua/table';
import { readBuildModules } from '../../src/inputs/plugins/rockspec';
import { loadPluginDirs } from '../../src/inputs/plugins/load';
import { readConfMaterial } from '../../src/inputs/tls/conf-material';
import { certificateKeyStrength, certificateSubject, dhParameterBits, pemCertificates } from '../../src/inputs/tls/key-strength';
import { readLicenseText } from '../../src/inputs/license';
import { envValueBefore32, findHashCut, stripComment, stripCommentBefore32 } from '../../src/inputs/kong-conf/comments';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError, loadsOrRefuses, mutated } from './support';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const CLI_RUNS = Number(process.env.PROPERTY_CLI_RUNS ?? 6);
/** fast-check stops generating (without failing) past this; a reader that hangs on one input still fails by jest's timeout. */
/**
 * A default run stops generating at 15 s, half of jest's 30 s timeout: on a loaded machine a
 * slow property then ends early instead of failing as a timeout. A hunt with PROPERTY_RUNS set
 * runs to its count (give jest a longer --testTimeout for it).
 */
const settings = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: process.env.PROPERTY_RUNS ? 3_600_000 : 15_000, markInterruptAsFailure: false });

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const tricky = fc.constantFrom('\r', '\t', '\uFEFF', '\u00e9', '\ud83d\ude00', '\ud800', '\udfff', '\u2028', '\u0085', '\u00a0', '\\', '"', "'", '`', '#', ' #', '=', ':', ',', ';',
  '$', '${', '$$', '}', '{', '{{', '}}', '[', ']', '(', ')', '|', '\u0000', ' ', '\n', '\\\n', '-', '---', '*', '&');
const noisy = fc.array(fc.oneof(fc.string({ maxLength: 8 }), tricky), { maxLength: 6 }).map((parts) => parts.join(''));
/** One very long line's worth of what files repeat. */
const longRun = fc.tuple(fc.constantFrom('a', ' ', '\\', '$', '${', '{', '"', '#', '=', '{{', '[', '-- '), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n));

/** Damage: a few characters inserted, deleted or replaced; now and then a very long run. */
function damaged(text: fc.Arbitrary<string>, inserts: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return mutated(text, fc.oneof({ arbitrary: tricky, weight: 4 }, { arbitrary: fc.string({ maxLength: 3 }), weight: 3 }, { arbitrary: inserts, weight: 4 }, { arbitrary: longRun, weight: 1 }));
}

/** Bytes that are not UTF-8 (a lone continuation byte, a cut sequence, an overlong form) mixed into text. */
const bytesOf = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom([0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xff, 0xfe], [0x00])), { maxLength: 3 }))
  .map(([t, inserts]) => {
    let bytes = Buffer.from(t, 'utf8');
    for (const [at, insert] of inserts) {
      const i = at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(insert), bytes.subarray(i)]);
    }
    return bytes;
  });

const varName = fc.constantFrom('KONG_VERSION', 'KONG_PG_PASSWORD', 'KONG_DATABASE', 'KONG_ROLE', 'TAG', 'A', 'B', 'a.b', 'a-b', 'é', '');
/** Values with nested `${...}`, defaults, quotes over lines, escapes and octal bytes. */
const envValue = fc.array(fc.oneof(noisy, varName.map((v) => `$${v}`),
  fc.tuple(varName, fc.constantFrom(':-', '-', ':+', '+', ':?', '?', ''), noisy).map(([v, m, w]) => `\${${v}${m}${w}}`),
  fc.integer({ min: 1, max: 80 }).map((n) => `${'${A:-'.repeat(n)}x${'}'.repeat(n)}`),
  fc.constantFrom('"', "'", '\\', '\\$', '\\"', '\\n', '\\0101', '\\0777', '\\z', ' # comment', '#', '3.4.2', 'off')), { maxLength: 5 }).map((p) => p.join(''));
const dotenvLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('', 'export ', 'export\t', '  '), varName, fc.constantFrom('=', ': ', ' = ', ':'), fc.constantFrom('', '"', "'"), envValue, fc.constantFrom('', '"', "'"))
    .map(([e, n, eq, q1, v, q2]) => `${e}${n}${eq}${q1}${v}${q2}`) },
  { weight: 2, arbitrary: fc.constantFrom('# comment', '', 'KONG_ROLE', 'export', '=', '=x', 'A B=1', '"unclosed', "X='a\nb'", 'Y="a\\"b"', '\uFEFFA=1') },
  { weight: 2, arbitrary: noisy },
  { weight: 1, arbitrary: fc.tuple(varName, longRun).map(([n, v]) => `${n}=${v}`) },
);
const dotenvText = fc.tuple(fc.array(dotenvLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

const action = fc.oneof(
  fc.constantFrom('{{ .Values.kong.tag }}', '{{ .StateValues.v | quote }}', '{{ .Environment.Name }}', '{{ env "KONG_PG_PASSWORD" }}', '{{ requiredEnv "KONG_PG_PASSWORD" }}',
    '{{ requiredEnv "UNSET" | default "x" }}', '{{ env "X" | upper | squote }}', '{{ .Release.Name }}', '{{ .Values.missing }}', '{{ .Values.v | trunc 5 }}',
    '{{ if .Values.a }}', '{{- if eq .Environment.Name "prod" }}', '{{ else }}', '{{ end }}', '{{- end -}}', '{{ range .Values.list }}', '{{ with .Values.b }}',
    '{{ `{{ .Release.Name }}` }}', '{{', '}}', '{{ "unclosed }}', '{{ .Values.a | default "b | c" }}', '{{/* comment */}}', '{{ toYaml .Values | nindent 8 }}'),
  noisy.map((inner) => `{{ ${inner} }}`),
);
const helmScalar = fc.oneof(noisy, action, fc.constantFrom('kong/kong', 'kong/ingress', '2.38.0', 'postgres', 'off', 'values.yaml', 'env/prod.yaml', 'missing.yaml', 'https://x/y.yaml'));
const release = fc.record({
  name: fc.oneof(fc.constantFrom('kong', 'kong-dp', 'ingress'), helmScalar),
  namespace: fc.oneof(fc.constantFrom('kong', 'prod', 'a/b'), helmScalar),
  chart: fc.oneof(fc.constantFrom('kong/kong', 'kong/ingress', 'oci://registry/kong', './charts/kong'), helmScalar),
  version: fc.oneof(fc.constantFrom('2.38.0', '~2.26', '>=2.0'), helmScalar, fc.double()),
  installed: fc.oneof(fc.boolean(), helmScalar),
  values: fc.array(fc.oneof(helmScalar, fc.record({ env: fc.dictionary(fc.constantFrom('database', 'pg_password', 'role', 'pg_host'), helmScalar, { maxKeys: 3 }), image: fc.record({ tag: helmScalar }) }, { requiredKeys: [] })), { maxLength: 3 }),
  set: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('env.pg_password', 'image.tag', 'a\\.b', 'x[0]'), noisy), value: helmScalar, values: fc.array(helmScalar, { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 2 }),
  setString: fc.array(fc.record({ name: fc.constantFrom('env.pg_port'), value: helmScalar }), { maxLength: 1 }),
  secrets: fc.array(helmScalar, { maxLength: 1 }),
}, { requiredKeys: [] });
const environmentSpec = fc.record({
  values: fc.array(fc.oneof(helmScalar, fc.dictionary(fc.constantFrom('v', 'kong', 'db', 'list', 'a', 'b'), fc.oneof(helmScalar, fc.record({ tag: helmScalar, password: helmScalar }, { requiredKeys: [] })), { maxKeys: 3 })), { maxLength: 3 }),
  missingFileHandler: fc.constantFrom('Error', 'Warn', 'Info', 'Debug', 'x'),
  mergeStrategy: fc.constantFrom('override', 'merge', ''),
  secrets: fc.array(helmScalar, { maxLength: 1 }),
}, { requiredKeys: [] });
const helmfilePart = fc.record({
  environments: fc.oneof(fc.dictionary(fc.constantFrom('default', 'prod', 'qa'), environmentSpec, { maxKeys: 2 }), helmScalar),
  bases: fc.array(fc.constantFrom('base.yaml', 'missing.yaml', 'git::https://x/y.yaml', '{{ .Values.base }}'), { maxLength: 1 }),
  repositories: fc.array(fc.record({ name: fc.constantFrom('kong', 'x'), url: fc.constantFrom('https://charts.konghq.com', 'oci://r') }), { maxLength: 2 }),
  releases: fc.oneof(fc.array(release, { maxLength: 3 }), helmScalar),
}, { requiredKeys: [] });
const helmfileText = damaged(fc.array(helmfilePart, { minLength: 1, maxLength: 3 }).map((parts) => parts.map((p) => dumpYaml(p)).join('---\n')),
  fc.oneof(action, fc.constantFrom('&a ', '*a', '<<: *a\n', '---\n', '- ', ': ', 'releases:\n', '{toString: 1}', '__proto__: ')));
/** A kustomization's helmCharts entries (kustomize api/types/helmchartargs.go fields), of Kong's chart and others. */
const helmChartEntry = fc.record({
  name: fc.oneof(fc.constantFrom('kong', 'ingress', 'redis'), helmScalar),
  repo: fc.oneof(fc.constantFrom('https://charts.konghq.com', 'https://charts.konghq.com/', 'https://charts.bitnami.com/bitnami', 'oci://r'), helmScalar),
  version: fc.oneof(fc.constantFrom('2.38.0', '2.26.0', '0.22.0', '~2.26', ''), helmScalar, fc.double()),
  releaseName: fc.oneof(fc.constantFrom('kong', 'kong-dp'), helmScalar),
  namespace: fc.oneof(fc.constantFrom('kong', 'prod'), helmScalar),
  valuesFile: fc.oneof(fc.constantFrom('values.yaml', 'missing.yaml', 'https://x/y.yaml', 'env'), helmScalar),
  additionalValuesFiles: fc.oneof(fc.array(fc.oneof(fc.constantFrom('values.yaml', 'env/prod.yaml', 'missing.yaml'), helmScalar), { maxLength: 2 }), helmScalar),
  valuesInline: fc.oneof(fc.record({ env: fc.dictionary(fc.constantFrom('database', 'pg_password', 'role', 'pg_host'), fc.oneof(helmScalar, fc.constant(null)), { maxKeys: 3 }), image: fc.record({ tag: helmScalar }), gateway: fc.record({ env: fc.record({ database: helmScalar }) }) }, { requiredKeys: [] }), helmScalar),
  valuesMerge: fc.oneof(fc.constantFrom('override', 'merge', 'replace', 'deep'), helmScalar),
}, { requiredKeys: [] });
const kustomizationText = damaged(fc.record({ apiVersion: fc.constantFrom('kustomize.config.k8s.io/v1beta1', 'x'), kind: fc.constantFrom('Kustomization', 'Component'), helmCharts: fc.oneof(fc.array(helmChartEntry, { maxLength: 3 }), helmScalar) }, { requiredKeys: [] }).map(dumpYaml),
  fc.constantFrom('&a ', '*a', '<<: *a\n', '---\n', '- ', ': ', 'helmCharts:\n', '__proto__: '));
const selector = fc.oneof(fc.constant(undefined), fc.constantFrom('kong', 'kong-dp', 'prod/kong', 'a/b/c', '/', '', '/kong', 'kong/', '#', 'ns/'), noisy);

function dumpYaml(value: unknown): string {
  try {
    return stringify(value);
  } catch {
    return `${JSON.stringify(value)}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Readers on arbitrary input
// ---------------------------------------------------------------------------------------------

describe('compose .env and env_file readers on arbitrary input', () => {
  it('dotenv: any text and lookup give entries on real lines, or a one-line InputError', () => {
    fc.assert(fc.property(dotenvText, fc.dictionary(varName, noisy, { maxKeys: 3 }), (text, lookup) => {
      loadsOrRefuses(() => {
        const lines = text.split('\n').length;
        for (const entry of parseDotEnv(text, { file: '.env', lookup: new Map(Object.entries(lookup)) })) {
          expect(entry.line).toBeGreaterThanOrEqual(1);
          expect(entry.line).toBeLessThanOrEqual(lines);
          expect(typeof entry.value).toBe('string');
          expect(entry.name).not.toBe('');
        }
      });
    }), settings(RUNS));
  });

  it('a project .env and env_files (dotenv and `format: raw`) of any text, any bytes: read or refused', () => {
    const dir = tempDir({}, 'kp-props-dotenv-');
    const compose = dumpYaml({ services: { kong: { image: 'kong:${KONG_VERSION:-3.4.2}', env_file: ['kong.env', { path: 'raw.env', format: 'raw' }, { path: 'none.env', required: false }],
      environment: { KONG_DATABASE: '${KONG_DATABASE}', KONG_PG_HOST: '$A' } } } });
    writeFileSync(join(dir, 'compose.yaml'), compose);
    fc.assert(fc.property(fc.oneof(bytesOf(dotenvText), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b))), bytesOf(dotenvText), bytesOf(dotenvText), (project, envFile, raw) => {
      writeFileSync(join(dir, '.env'), project);
      writeFileSync(join(dir, 'kong.env'), envFile);
      writeFileSync(join(dir, 'raw.env'), raw);
      loadsOrRefuses(() => containerConfLayer(readImageFiles([join(dir, 'compose.yaml')]).containerEnv));
    }), settings(RUNS));
  });
});

describe('helmfile readers on arbitrary input', () => {
  const dir = tempDir({ 'base.yaml': 'environments:\n  default:\n    values:\n      - v: 2.38.0\n---\nenvironments:\n  prod:\n    values: [{v: "{{ .Values.v }}"}]\n',
    'values.yaml': 'env:\n  database: postgres\n', 'env/prod.yaml': 'kong: {tag: "3.4"}\n' }, 'kp-props-helmfile-');

  it('helmfile text with environments, bases, templates and any #selector: read or refused', () => {
    const file = join(dir, 'helmfile.yaml.gotmpl');
    const context = fc.record({ environment: fc.constantFrom('default', 'prod', 'qa', ''), env: fc.dictionary(fc.constantFrom('KONG_PG_PASSWORD', 'HELMFILE_ENVIRONMENT', 'X'), noisy, { maxKeys: 2 }) }, { requiredKeys: [] });
    fc.assert(fc.property(helmfileText, selector, context, (text, selected, ctx) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => readHelmfile(file, text, selected, ctx));
      // The same file through --helm-values FILE#SELECTOR.
      loadsOrRefuses(() => loadUserValues([selected === undefined ? file : `${file}#${selected}`], ctx));
    }), settings(RUNS));
  });

  it('kustomization helmCharts with any fields and #selector: read or refused', () => {
    const file = join(dir, 'kustomization.yaml');
    fc.assert(fc.property(kustomizationText, selector, (text, selected) => {
      writeFileSync(file, text);
      const given = selected === undefined ? file : `${file}#${selected}`;
      loadsOrRefuses(() => loadUserValues([given]));
      loadsOrRefuses(() => loadPlatformInputs({ helmValues: [given] }));
    }), settings(RUNS));
  });

  it('release selectors, the action evaluator and template masking: any text', () => {
    fc.assert(fc.property(noisy, fc.oneof(action, noisy), fc.array(fc.oneof(action, noisy, fc.constant('\n')), { maxLength: 12 }).map((p) => p.join('')), (selected, span, text) => {
      const { name } = splitReleaseSelector(selected);
      expect(typeof name).toBe('string');
      const result = evaluateAction(span, { environment: 'default', env: { X: 'x' }, release: { name: 'kong' } });
      if (result) expect(typeof result.text).toBe('string');
      const masked = maskTemplates(text);
      expect(masked.text.split('\n')).toHaveLength(text.split('\n').length);
    }), settings(RUNS));
  });
});

describe('other readers on arbitrary input', () => {
  it('nginx: rendered files (prefix paths, injected comments, template expressions) are told apart or refused', () => {
    const token = fc.oneof(fc.constantFrom('{', '}', ';', '\n', ' ', '#', '"', "'", '\\', '$(', ')', 'http', 'server', 'listen 8000;', 'lua_shared_dict kong 5m;',
      'include \'/usr/local/kong/nginx-kong.conf\';', 'ssl_certificate /usr/local/kong/ssl/kong-default.crt;', 'proxy_pass http://unix:/usr/local/kong/sockets/we;',
      '# injected nginx_http_* directives', '# injected nginx_proxy_* directives\n', '> for _, el in ipairs(nginx_http_directives) do', '$(el.name) $(el.value);', '> end',
      'lua_ssl_trusted_certificate /usr/local/kong/.ca_combined;', 'error_log logs/error.log notice;', 'pid pids/nginx.pid;'), noisy);
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }).map((t) => t.join('')), (text) => {
      loadsOrRefuses(() => readNginxTemplate('nginx.conf', text));
    }), settings(Math.ceil(RUNS / 2)));
  });

  it('.kong-preflight.yml: any configuration text loads or raises a one-line InputError', () => {
    const value = fc.oneof(noisy, fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const config = fc.record({
      rules: fc.oneof(fc.dictionary(fc.constantFrom('conf/removed-properties', 'declarative/plugins-3-0', 'nope', ''), fc.oneof(fc.constantFrom('off', 'warn', 'error', 'blocker', 'info'), value), { maxKeys: 3 }), value),
      ignores: fc.oneof(fc.array(fc.record({ rule: fc.oneof(fc.constantFrom('conf/removed-properties'), value), reason: value, until: fc.oneof(fc.constantFrom('2030-01-01', '2020-13-40'), value), file: value }, { requiredKeys: [] }), { maxLength: 2 }), value),
      failOn: fc.oneof(fc.constantFrom('blocker', 'warn', 'none'), value),
      maxFileSize: fc.oneof(fc.constantFrom('50MB', '10MiB', '1e400', '-1', '0'), value),
      from: value, to: value, format: value,
    }, { requiredKeys: [] });
    const text = damaged(config.map((c) => dumpYaml(c)), fc.constantFrom('&a ', '*a', '<<: *a\n', '- ', ': ', '? ', '!!binary ', '{toString: 1}', '__proto__: ', '{constructor: x}', '!!set {a, b}', '---\n'));
    fc.assert(fc.property(text, (t) => {
      loadsOrRefuses(() => parseConfig(t, '.kong-preflight.yml'));
    }), settings(RUNS));
  });

  it('--backup: any head (gzip, cut gzip, PGDMP, tar, text) is classified or refused', () => {
    const dir = tempDir({}, 'kp-props-backup-');
    const file = join(dir, 'backup');
    const text = fc.oneof(noisy, fc.constantFrom('-- PostgreSQL database dump\n', '_format_version: "3.0"\n_transform: false\n', '_format_version: "3.0"\n_info: {}\n', 'PGDMP'));
    const head = fc.oneof(
      bytesOf(text),
      fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
      fc.tuple(bytesOf(text), fc.nat()).map(([b, cut]) => { const gz = gzipSync(b); return gz.subarray(0, cut % (gz.length + 1)); }),
      fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.boolean()).map(([b, toc]) => { const tar = Buffer.alloc(600); tar.set(b); tar.write('ustar', 257, 'latin1'); if (toc) tar.write('toc.dat', 0, 'latin1'); return tar; }),
    );
    fc.assert(fc.property(head, (bytes) => {
      classify(bytes);
      rmSync(file, { recursive: true, force: true });
      writeFileSync(file, bytes);
      loadsOrRefuses(() => loadBackupEvidence(file));
    }), settings(RUNS));
  });

  it('Lua: the tokenizer and the code readers on any source (long brackets, escapes, numbers)', () => {
    const luaToken = fc.oneof(fc.constantFrom('local', 'return', 'require', '(', ')', '{', '}', '[', ']', '=', ',', ';', '.', ':', '..', '...', '"', "'", '\\', '\n',
      '[[', ']]', '[==[', ']==]', '--', '--[[', '--[=[', '\\z', '\\x4', '\\x41', '\\u{41}', '\\u{110000}', '\\u{', '\\999', '\\1', '0x', '0x1p4', '1e', '1e+', '3.', '.5', '0x.8p-1',
      'pcall(require, "kong.x")', 'require "kong.plugins.base_plugin"', 'kong.db.x:each()', 'return { name = "x", fields = { { config = { type = "record" } } } }', 'goto', '::a::'), noisy);
    fc.assert(fc.property(fc.array(luaToken, { maxLength: 40 }).map((t) => t.join(' ')), fc.option(longRun), (source, run) => {
      loadsOrRefuses(() => {
        const tokens = tokenizeLua(run === null ? source : source + run + source, 'handler.lua');
        const code = codeTokens(tokens);
        findRequires(code);
        findProtectedRequires(code);
        memberChains(code);
        returnedTable(code);
      });
    }), settings(RUNS));
  });

  it('custom plugin folders: a rockspec, handler and schema of any text are read or refused', () => {
    const dir = tempDir({}, 'kp-props-plugins-');
    const rockspec = damaged(fc.constantFrom(
      'package = "kong-plugin-x"\nversion = "1.0-1"\nbuild = { type = "builtin", modules = { ["kong.plugins.x.handler"] = "kong/plugins/x/handler.lua", ["kong.plugins.x.schema"] = "kong/plugins/x/schema.lua" } }\n',
      'local name = "x"\nbuild = { modules = { ["kong.plugins." .. name .. ".handler"] = "src/handler.lua", c = { sources = { "a.c" } } } }\n'), fc.constantFrom('{', '}', '[[', '"', '..', '--[[', '\\'));
    const lua = damaged(fc.constantFrom('local BasePlugin = require "kong.plugins.base_plugin"\nlocal H = BasePlugin:extend()\nH.PRIORITY = 1000\nreturn H\n',
      'return { name = "x", fields = { { config = { type = "record", fields = { { a = { type = "string" } } } } } } }\n'), fc.constantFrom('{', '}', '[[', '"', '--[[', '\\', 'require'));
    fc.assert(fc.property(rockspec, lua, lua, (spec, handler, schema) => {
      rmSync(join(dir, 'x'), { recursive: true, force: true });
      mkdirSync(join(dir, 'x', 'kong', 'plugins', 'x'), { recursive: true });
      writeFileSync(join(dir, 'x', 'kong-plugin-x-1.0-1.rockspec'), spec);
      writeFileSync(join(dir, 'x', 'kong', 'plugins', 'x', 'handler.lua'), handler);
      writeFileSync(join(dir, 'x', 'kong', 'plugins', 'x', 'schema.lua'), schema);
      loadsOrRefuses(() => readBuildModules(join(dir, 'x', 'kong-plugin-x-1.0-1.rockspec')));
      loadsOrRefuses(() => loadPluginDirs([join(dir, 'x')]));
    }), settings(Math.ceil(RUNS / 3)));
  });

  it('TLS material, certificates and DH parameters: any setting value or PEM text', () => {
    const dir = tempDir({ 'cert.pem': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }, 'kp-props-tls-');
    const base64Body = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64').replace(/(.{64})/g, '$1\n'));
    const pem = fc.tuple(fc.constantFrom('CERTIFICATE', 'DH PARAMETERS', 'PRIVATE KEY'), fc.oneof(base64Body, noisy), fc.boolean())
      .map(([label, body, closed]) => `-----BEGIN ${label}-----\n${body}\n${closed ? `-----END ${label}-----\n` : ''}`);
    // DER that starts like PKCS#3 (SEQUENCE, INTEGER) with lengths of any form.
    const dh = fc.tuple(fc.constantFrom([0x30], [0x30, 0x82], [0x30, 0x84, 0xff, 0xff, 0xff, 0xff], [0x30, 0x80]), fc.uint8Array({ maxLength: 40 }))
      .map(([head, rest]) => `-----BEGIN DH PARAMETERS-----\n${Buffer.concat([Buffer.from(head), Buffer.from([0x02]), Buffer.from(rest)]).toString('base64')}\n-----END DH PARAMETERS-----\n`);
    const value = fc.oneof(noisy, pem, dh, fc.constantFrom('cert.pem', 'system', '{vault://env/cert}', '', 'missing.pem', '.', '/'), pem.map((p) => Buffer.from(p).toString('base64')));
    fc.assert(fc.property(value, fc.array(fc.oneof(pem, dh, noisy), { maxLength: 3 }).map((p) => p.join('')), (setting, text) => {
      const material = readConfMaterial(setting, dir);
      expect(['inline', 'file', 'absent', 'not-material', 'unreadable']).toContain(material.kind);
      for (const certificate of pemCertificates(text)) {
        certificateKeyStrength(certificate);
        certificateSubject(certificate);
      }
      const bits = dhParameterBits(text);
      if (bits !== undefined) expect(Number.isInteger(bits) && bits > 0).toBe(true);
    }), settings(RUNS));
  });

  it('license text: any JSON, base64 or noise is read, malformed or unreadable, never thrown', () => {
    const license = fc.record({ license: fc.record({ payload: fc.record({ license_expiration_date: fc.oneof(fc.constantFrom('2030-01-01', '2030-01-01T00:00:00Z', '30-01-01'), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }) }, { requiredKeys: [] }) }, { requiredKeys: [] });
    const text = fc.oneof(noisy, fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), license.map((l) => JSON.stringify(l)),
      license.map((l) => Buffer.from(JSON.stringify(l)).toString('base64')), license.map((l) => Buffer.from(JSON.stringify(l)).toString('base64url')), damaged(license.map((l) => JSON.stringify(l)), fc.constantFrom('{', '"', '\\u', '==')));
    fc.assert(fc.property(text, (t) => {
      expect(['read', 'malformed']).toContain(readLicenseText(t).status);
    }), settings(RUNS));
  });

  it('kong.conf values with trailing comments: any value is cut into a string no longer than it', () => {
    const value = fc.array(fc.oneof(noisy, fc.constantFrom('#', ' #', '\\#', '\\\\#', ' # c', '\t#', '"#"', '#x', '\\')), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(fc.property(value, (v) => {
      for (const cut of [stripComment(v), stripCommentBefore32(v), envValueBefore32(v)]) {
        expect(typeof cut).toBe('string');
        expect(cut.length).toBeLessThanOrEqual(v.length);
      }
      const hash = findHashCut(v);
      if (hash) expect(JSON.stringify(hash).length).toBeGreaterThan(0);
    }), settings(RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI: findings or one line
// ---------------------------------------------------------------------------------------------

async function check(dir: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const result = await runCli(['check', ...args, '--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '-f', 'json', '--fail-on', 'blocker'], { cwd: dir, env });
  expectFindingsOrOneLineError(result);
  if (result.code !== 2) expect(JSON.parse(result.stdout).internalErrors).toEqual([]);
}

describe('check on arbitrary newer inputs', () => {
  const dir = tempDir({}, 'kp-props-newer-cli-');

  it('a compose file with arbitrary .env and env_file (dotenv and raw)', async () => {
    writeFileSync(join(dir, 'compose.yaml'), dumpYaml({ services: { kong: { image: 'kong:${KONG_VERSION:-2.8.1}', env_file: ['kong.env', { path: 'raw.env', format: 'raw' }] } } }));
    await fc.assert(fc.asyncProperty(dotenvText, dotenvText, dotenvText, async (project, envFile, raw) => {
      writeFileSync(join(dir, '.env'), project);
      writeFileSync(join(dir, 'kong.env'), envFile);
      writeFileSync(join(dir, 'raw.env'), raw);
      await check(dir, ['--image-file', join(dir, 'compose.yaml')]);
    }), settings(CLI_RUNS));
  });

  it('a helmfile with a #selector and an environment', async () => {
    await fc.assert(fc.asyncProperty(helmfileText, selector, fc.constantFrom('default', 'prod'), async (text, selected, environment) => {
      writeFileSync(join(dir, 'helmfile.yaml'), text);
      await check(dir, ['--helm-values', selected === undefined ? join(dir, 'helmfile.yaml') : `${join(dir, 'helmfile.yaml')}#${selected}`, '--helmfile-environment', environment], { KONG_PG_PASSWORD: 'x' });
    }), settings(CLI_RUNS));
  });

  it('a --backup file and a --config file of arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), damaged(fc.constantFrom('rules:\n  conf/removed-properties: warn\nfailOn: blocker\n', 'ignores:\n  - rule: x\n    reason: y\n'), fc.constantFrom('&a ', '*a', ': ', '- ')),
      async (backup, config) => {
        writeFileSync(join(dir, 'backup.sql'), backup);
        writeFileSync(join(dir, 'config.yml'), config);
        writeFileSync(join(dir, 'kong.conf'), 'database = postgres\n');
        const result = await runCli(['check', join(dir, 'kong.conf'), '--backup', join(dir, 'backup.sql'), '--config', join(dir, 'config.yml'), '--from', '2.8', '--to', '3.4', '--no-db', '-f', 'json'], { cwd: dir });
        expectFindingsOrOneLineError(result);
      }), settings(CLI_RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Secrets through the newer paths: no report format shows them
// ---------------------------------------------------------------------------------------------

const MARK = 's3cr3t';

/** Runs check with every report format (text on stdout, the others as files); returns all that was written. */
async function checkAll(dir: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const formats = ['json', 'sarif', 'markdown', 'junit', 'gitlab'];
  for (const f of formats) rmSync(join(dir, `report.${f}`), { force: true });
  const result = await runCli(['check', ...args, '--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '--fail-on', 'none', '-f', 'text',
    ...formats.flatMap((f) => ['-O', `${f}=${join(dir, `report.${f}`)}`])], { cwd: dir, env });
  expectFindingsOrOneLineError(result);
  const reports = result.code === 2 ? [] : formats.map((f) => readFileSync(join(dir, `report.${f}`), 'utf8'));
  return [result.stdout, result.stderr, ...reports].join('\n');
}

describe('secrets in .env, env_file and helmfile environments: in no report format', () => {
  const dir = tempDir({}, 'kp-props-newer-secrets-');
  const secret = (what: string) => `${MARK}-${what}`;
  const leaks = (text: string) => text.split('\n').filter((line) => line.includes(MARK));

  it('a compose project whose .env, env_file and raw env_file hold secret-named variables', async () => {
    const secretName = fc.constantFrom('KONG_PG_PASSWORD', 'KONG_VAULT_HCV_TOKEN', 'KONG_ADMIN_GUI_SESSION_CONF', 'PG_PASSWORD', 'DB_PASS');
    const written = fc.constantFrom((v: string) => v, (v: string) => `"${v}"`, (v: string) => `'${v}'`, (v: string) => `${v} # comment`, (v: string) => `"${v}\\n"`);
    await fc.assert(fc.asyncProperty(secretName, secretName, written, fc.array(dotenvLine, { maxLength: 4 }), fc.boolean(), async (projectName, fileName, write, noise, copy) => {
      // The project's .env feeds ${...} in the compose file; the env_files give the container its variables.
      writeFileSync(join(dir, '.env'), [...noise, `${projectName}=${write(secret('dotenv'))}`, 'KONG_VERSION=2.8.1'].join('\n'));
      writeFileSync(join(dir, 'kong.env'), [`${fileName}=${write(secret('env-file'))}`, ...(copy ? [`KONG_DATABASE=\${${fileName}}`, `KONG_PG_USER=\${${projectName}}`] : []), ...noise].join('\n'));
      writeFileSync(join(dir, 'raw.env'), [`KONG_PG_PASSWORD=${write(secret('raw'))}`, `${fileName}=${secret('raw2')}`, '  # comment', 'KONG_DATABASE=postgres'].join('\n'));
      writeFileSync(join(dir, 'compose.yaml'), dumpYaml({ services: { kong: { image: 'kong:${KONG_VERSION}', env_file: ['kong.env', { path: 'raw.env', format: 'raw' }],
        environment: { KONG_PG_PASSWORD: `\${${projectName}}`, KONG_PG_HOST: `db-\${${projectName}:-x}` } } } }));
      expect(leaks(await checkAll(dir, ['--image-file', join(dir, 'compose.yaml')]))).toEqual([]);
    }), settings(CLI_RUNS));
  });

  it('a helmfile whose values carry a password through requiredEnv, env and environment values', async () => {
    writeFileSync(join(dir, 'env.yaml'), `db:\n  password: ${secret('env-values-file')}\n`);
    const through = fc.constantFrom('{{ requiredEnv "KONG_PG_PASSWORD" }}', '{{ env "KONG_PG_PASSWORD" | quote }}', '{{ .Values.db.password }}', '{{ .StateValues.db.inline }}',
      '{{ requiredEnv "PG_PASS" | default "x" }}', '{{ env "PG_PASS" | upper }}');
    await fc.assert(fc.asyncProperty(through, through, fc.constantFrom('pg_password', 'password', 'admin_gui_session_conf', 'database', 'pg_host'), fc.constantFrom('helmfile.yaml', 'helmfile.yaml.gotmpl'), async (first, second, key, name) => {
      const text = [
        'environments:', '  default:', '    values:', '      - env.yaml', `      - db: {inline: ${secret('inline')}}`, '---',
        'releases:', '  - name: kong', '    namespace: kong', '    chart: kong/kong', '    version: 2.26.0', '    values:', '      - env:', '          database: postgres',
        `          ${key}: ${first}`, `          pg_password: "${second}"`, '    set:', '      - name: env.pg_password', `        value: ${first}`,
      ].join('\n');
      writeFileSync(join(dir, name), text);
      const out = await checkAll(dir, ['--helm-values', `${join(dir, name)}#kong/kong`], { KONG_PG_PASSWORD: secret('required-env'), PG_PASS: secret('env') });
      expect(leaks(out)).toEqual([]);
    }), settings(CLI_RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Shrunk counterexamples
// ---------------------------------------------------------------------------------------------

describe('newer readers: shrunk counterexamples', () => {
  const dir = tempDir({}, 'kp-props-newer-shrunk-');
  const refusal = (read: () => unknown) => {
    const result = loadsOrRefuses(read);
    return result === 'loaded' ? result : result.oneLine();
  };

  it('a helmfile environment named with a line break is quoted on the error\'s one line (once split stderr)', () => {
    const file = join(dir, 'helmfile.yaml');
    writeFileSync(file, 'environments:\n  default: {}\n---\nreleases:\n  - name: kong\n    chart: kong/kong\n');
    expect(refusal(() => readHelmfile(file, readFileSync(file, 'utf8'), 'kong', { env: { HELMFILE_ENVIRONMENT: 'prod\nx' } })))
      .toBe(`${file}: declares no environment "prod\\nx" (in environments: or its bases): helmfile stops there (environment "prod\\nx" is not defined)`);
  });

  it('.kong-preflight.yml: a version with a line break is quoted (once split stderr), an alias without its anchor is an input error (once a ReferenceError)', () => {
    expect(refusal(() => parseConfig('from: |\n  \\\n', '.kong-preflight.yml'))).toBe('.kong-preflight.yml:1: from: "\\\\\\n" is not a version such as 3.4 or 2.8.2.4');
    expect(refusal(() => parseConfig('<<: *a\nfailOn: blocker\n', '.kong-preflight.yml'))).toBe('.kong-preflight.yml: invalid YAML: Unresolved alias (the anchor must be set before the alias): a');
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    expect(refusal(() => parseConfig(bomb, '.kong-preflight.yml'))).toMatch(/^\.kong-preflight\.yml: invalid YAML: Excessive alias count/);
  });

  it('Lua: a \\u{} escape past U+10FFFF or of a surrogate is a lexical error, as in LuaJIT (once a RangeError)', () => {
    expect(refusal(() => tokenizeLua('local s = "\\u{110000}"', 'handler.lua'))).toMatch(/^handler\.lua:1:\d+: invalid \\u\{\} escape in string/);
    expect(refusal(() => tokenizeLua('local s = "\\u{D800}"', 'handler.lua'))).toMatch(/^handler\.lua:1:\d+: invalid \\u\{\} escape in string/);
    expect(tokenizeLua('local s = "\\u{10FFFF}\\u{41}"').find((t) => t.kind === 'string')?.value).toBe('\u{10FFFF}A');
  });

  it('any input error prints on one line, line breaks escaped', () => {
    expect(new InputError('release "a\nb" and "c\r\nd"', { file: 'f', line: 2 }).oneLine()).toBe('f:2: release "a\\nb" and "c\\r\\nd"');
  });
});
