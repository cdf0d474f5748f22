// Property-based tests (fast-check) for the readers that check a file in place or follow one to
// the file Kong reads: a kong.yml kept as a literal block in a ConfigMap or Secret
// (literal-block.ts, embedded-declarative.ts), Helm values' inline `dblessConfig.config`
// (helm-dbless-text.ts), a Dockerfile's COPY/ADD/WORKDIR/CMD -c steps (dockerfile-copies.ts,
// copied-kong-conf.ts) and a compose service's `build:` Dockerfile, and the rule that offers the
// namespaced form of a bare nginx directive. Inputs are structured (headers, indentation, flags,
// quotes, heredocs) and hostile (CRLF, tabs, BOMs, odd blank lines, unicode). Each reader returns
// or raises a one-line InputError; every position it maps lies inside the file, and a literal
// block's text sits at the place it is mapped to. Replay a failure with `{ seed, path }`.

import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/conf/unknown-property';
import { runRules } from '../../src/engine/run-rules';
import { loadDeclarative } from '../../src/inputs/declarative/load';
import { readDeclarativeText } from '../../src/inputs/declarative/load';
import { fileOffsetOf, literalBlockLayout } from '../../src/inputs/declarative/literal-block';
import { manifestDocuments } from '../../src/inputs/declarative/manifest-documents';
import type { DeclarativeDocument } from '../../src/inputs/declarative/types';
import { chartDefaultValues } from '../../src/inputs/helm/kong-chart';
import { helmConfLayer } from '../../src/inputs/helm/conf-layer';
import { loadHelmValues } from '../../src/inputs/helm/values';
import { containerKongConf } from '../../src/inputs/images/copied-kong-conf';
import { runConf } from '../../src/inputs/images/run-conf';
import { readDockerfile } from '../../src/inputs/images/dockerfile';
import { contextFileAt, describeCopy, globMatch, nextWorkdir } from '../../src/inputs/images/dockerfile-copies';
import { readImageFiles } from '../../src/inputs/images/load';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { resolveVersion } from '../../src/knowledge/releases';
import { computePlan } from '../../src/plan/compute-plan';
import { LineIndex } from '../../src/text/line-index';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';
import { expectFindingsOrOneLineError, loadsOrRefuses } from './support';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const CLI_RUNS = Number(process.env.PROPERTY_CLI_RUNS ?? 6);
/** fast-check stops generating (without failing) past this; a reader that hangs on one input still fails by jest's timeout. */
/**
 * A default run stops generating at 15 s, half of jest's 30 s timeout: on a loaded machine a
 * slow property then ends early instead of failing as a timeout. A hunt with PROPERTY_RUNS set
 * runs to its count (give jest a longer --testTimeout for it).
 */
const settings = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: process.env.PROPERTY_RUNS ? 3_600_000 : 15_000, markInterruptAsFailure: false });

// ---------------------------------------------------------------------------------------------
// Manifests holding a kong.yml as a block scalar
// ---------------------------------------------------------------------------------------------

const HEADERS = ['|', '|-', '|+', '|2', '|4', '|-2', '|2-', '|+1', '|1', '|9', '| ', '|\t', '|  # the config', '|\t#c', '|#x', '|--', '|0',
  '>', '>-', '>+', '>2', '&a |', '!!str |', '&a !!str |-', '|-  ', '||'];
const tricky = fc.constantFrom('\t', '\r', '\uFEFF', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\u0085', '\u00a0', '#', ' #', ':', '- ', '"', "'", '\\', '|', '>', '&a', '*a', '---', '...', '{', '[', ' ');
const scalar = fc.oneof(fc.constantFrom('svc', 'a-b.c_d', 'http://a', '"3.0"', "'x'", 'é😀', '~', 'null', '', '&s svc', '*s', '"a\\nb"', '[]', '{}', '|', '>'), fc.array(tricky, { maxLength: 3 }).map((t) => t.join('')));
/** One line of a kong.yml: a root key, an entity line, a blank line of any indentation, nesting. */
const kongLine = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('_format_version: "3.0"', '_transform: true', 'services:', '- name: svc', '  url: http://a', '  routes:', '  - name: r1', '    paths: [/a]',
    'plugins:', '- name: key-auth', '  config: {key_names: [apikey]}', 'consumers: []', 'routes:', '- &r {name: r2, paths: [/b]}', '- *r', '_info: {select_tags: [a]}', '{"services": []}', '{', '}', '"routes": [{"name": "j"}]') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, 0, 2, 2, 4, 1), fc.constantFrom('name', 'url', 'a', 'b', 'services', '<<', '? x'), scalar).map(([n, k, v]) => `${' '.repeat(n)}${k}: ${v}`) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 9 }), fc.constantFrom('', '\t', '#', ' # c')).map(([n, t]) => `${' '.repeat(n)}${t}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }).map((depth) => `_x:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2 + 2)}k${i}:`).join('\n')} leaf`) },
  { weight: 1, arbitrary: fc.array(tricky, { maxLength: 4 }).map((t) => t.join('')) },
);
/** Well-formed kong.yml texts, with blank or comment lines of any indentation slipped in. */
const coherentKongYml: fc.Arbitrary<string[]> = fc.tuple(fc.constantFrom<string[]>(
  ['_format_version: "3.0"', 'services:', '- name: svc', '  url: http://a', '  routes:', '  - name: r1', '    paths: [/a]'],
  ['_format_version: "1.1"', 'consumers:', '- username: u', '  keyauth_credentials:', '  - key: k', 'plugins:', '- name: key-auth'],
  ['{', '  "_format_version": "3.0",', '  "services": [{"name": "svc", "url": "http://a"}]', '}'],
  ['services:', '- &s', '  name: svc', '  host: a', 'routes:', '- name: r', '  service: {name: svc}', '  hosts: [é😀.example]'],
), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', '   ', '\t', '# c', '      ')), { maxLength: 3 }))
  .map(([lines, extra]) => {
    const out = [...lines];
    for (const [at, line] of extra) out.splice(at % (out.length + 1), 0, line);
    return out;
  });
const manifest = fc.record({
  bom: fc.constantFrom('', '', '\uFEFF'),
  eol: fc.constantFrom('\n', '\n', '\r\n'),
  kind: fc.constantFrom('ConfigMap', 'Secret'),
  field: fc.constantFrom('data', 'stringData'),
  key: fc.constantFrom('kong.yml', 'kong.yaml', '"kong.yml"', 'config'),
  keyIndent: fc.constantFrom(2, 2, 4, 1),
  header: fc.constantFrom(...HEADERS),
  indent: fc.integer({ min: 1, max: 6 }),
  lines: fc.oneof(coherentKongYml, fc.tuple(fc.constantFrom(['_format_version: "3.0"'], ['services:', '- name: svc'], []), fc.array(kongLine, { minLength: 1, maxLength: 12 })).map(([head, rest]) => [...head, ...rest])),
  /** An extra indentation on a line of the block, by index. */
  shifted: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })), { maxLength: 1 }),
  after: fc.constantFrom('', 'other: 1', '  other: x', '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  kong.yml: |\n    services: []', '...', '\n\n', '# end'),
  before: fc.constantFrom('', 'metadata:\n  name: kong-dbless', 'metadata: &m\n  name: a\n', '---'),
}).map((m) => {
  const pad = ' '.repeat(m.keyIndent);
  const block = m.lines.flatMap((l) => l.split('\n')).map((line, i) => {
    const shift = m.shifted.find(([at]) => at % Math.max(1, m.lines.length) === i)?.[1] ?? 0;
    return line === '' ? line : `${' '.repeat(Math.max(0, m.keyIndent + m.indent + shift))}${line}`;
  });
  const text = [`${m.bom}apiVersion: v1`, `kind: ${m.kind}`, ...(m.before ? [m.before] : []), `${m.field}:`, `${pad}${m.key}: ${m.header}`, ...block, ...(m.after ? [m.after] : [])].join('\n');
  return `${text.replace(/\r?\n/g, m.eol)}\n`;
});

/** Places and texts of the string values under `value`, as paths. */
function* stringPaths(value: unknown, path: (string | number)[] = [], depth = 0): Generator<{ path: (string | number)[]; text: string }> {
  if (depth > 20) return;
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringPaths(value[i], [...path, i], depth + 1);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringPaths(v, [...path, k], depth + 1);
}

/** Every place the document gives lies in its file: a real line, a column on it. */
function expectPlacesInFile(document: DeclarativeDocument, text: string): void {
  const lines = new LineIndex(text);
  for (const { path, text: value } of stringPaths(document.root)) {
    const origin = document.at(path);
    if (origin.kind !== 'file') continue;
    expect(origin.line).toBeGreaterThanOrEqual(1);
    expect(origin.line).toBeLessThanOrEqual(lines.count);
    expect(origin.column).toBeGreaterThanOrEqual(1);
    const start = lines.startOf(origin.line - 1);
    const end = origin.line < lines.count ? lines.startOf(origin.line) : text.length;
    expect(start + origin.column - 1).toBeLessThanOrEqual(end);
    // A plain word is written as it is read: the place is where it is written (quoted or not).
    // Not checked beside a complex (`?`) key, which the readers cannot name in a path: values in
    // such a mapping are placed at the document's start, in a plain file as in a block.
    if (/^[A-Za-z][\w.-]*$/.test(value) && path.length > 0 && !/^[ \t]*\?[ \t]/m.test(text)) {
      const at = text.slice(start + origin.column - 1);
      expect(at.startsWith(value) || at.startsWith(`"${value}`) || at.startsWith(`'${value}`)).toBe(true);
    }
  }
}

describe('a kong.yml kept as a block scalar in a manifest', () => {
  it('literal blocks: each character of the value sits at the place it is mapped to', () => {
    fc.assert(fc.property(manifest, (text) => {
      loadsOrRefuses(() => {
        const document = readDeclarativeText('cm.yaml', text);
        const lines = new LineIndex(document.text);
        for (const object of manifestDocuments(document)) {
          for (const field of ['data', 'stringData']) {
            const entries = object.root[field];
            if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
            for (const [key, value] of Object.entries(entries)) {
              if (typeof value !== 'string') continue;
              const origin = object.at([field, key]);
              expect(origin.line).toBeLessThanOrEqual(lines.count);
              const reading = literalBlockLayout(lines, lines.startOf(origin.line - 1) + origin.column - 1, value);
              if (!('layout' in reading)) continue;
              const inner = new LineIndex(value);
              for (let i = 0; i < value.length; i++) {
                const at = fileOffsetOf(reading.layout, inner, lines, i);
                expect(at).toBeGreaterThanOrEqual(0);
                expect(at).toBeLessThanOrEqual(document.text.length);
                if (value[i] !== '\n') expect(document.text[at]).toBe(value[i]);
              }
            }
          }
        }
      });
    }), settings(RUNS));
  });

  it('reads a manifest whose root also holds a Kong key as a Kong file, every place inside it (a case the property found)', () => {
    const dir = tempDir({}, 'kp-props-embedded-');
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  kong.yml: |\n   services:\n   - &s\n     name: svc\n     host: a\nroutes:\n   - name: r\n     service: {name: svc}\n     hosts: [\u00e9\u{1F600}.example]\n');
    const { config } = loadDeclarative({ paths: [file], cwd: dir });
    expect(config!.documents).toHaveLength(1);
    expect(config!.documents[0].embeddedIn).toBeUndefined();
    expectPlacesInFile(config!.documents[0], config!.documents[0].text);
  });

  it('--declarative on the manifest: read or refused, every place of the embedded text inside the file', () => {
    const dir = tempDir({}, 'kp-props-embedded-');
    const file = join(dir, 'cm.yaml');
    fc.assert(fc.property(manifest, (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => {
        const { config } = loadDeclarative({ paths: [file], cwd: dir });
        for (const document of config?.documents ?? []) {
          // A generated manifest whose lines fall out of the block can put a Kong key (`routes:`)
          // at its root: it is then a Kong file with stray apiVersion/kind, read as a whole.
          const kongRoot = ['_format_version', 'services', 'routes', 'plugins', 'consumers', 'upstreams', 'certificates', 'ca_certificates', 'vaults'].some((key) => key in document.root);
          if (!kongRoot) expect(document.embeddedIn).toBeDefined();
          expectPlacesInFile(document, document.text);
        }
      });
    }), settings(RUNS));
  });
});

// ---------------------------------------------------------------------------------------------
// Helm values: dblessConfig.config written inline
// ---------------------------------------------------------------------------------------------

const valuesText = fc.record({
  bom: fc.constantFrom('', '\uFEFF'),
  eol: fc.constantFrom('\n', '\r\n'),
  header: fc.constantFrom(...HEADERS, '"_format_version: \\"3.0\\"\\nservices: []\\n"', "'services: []'"),
  indent: fc.integer({ min: 1, max: 5 }),
  lines: fc.oneof(coherentKongYml, fc.tuple(fc.constantFrom(['_format_version: "3.0"'], []), fc.array(kongLine, { minLength: 1, maxLength: 10 })).map(([head, rest]) => [...head, ...rest])),
  database: fc.constantFrom('"off"', 'off', 'postgres', '"off" # db-less'),
  around: fc.constantFrom('', 'image:\n  tag: "3.4"', 'dblessConfig:\n  configMap: other', 'env:\n  declarative_config: /x.yml'),
}).map((v) => {
  const block = v.lines.flatMap((l) => l.split('\n')).map((line) => (line === '' ? line : `${' '.repeat(2 + v.indent)}${line}`));
  const text = [`${v.bom}ingressController:`, '  enabled: false', 'env:', `  database: ${v.database}`, v.around, 'dblessConfig:', `  config: ${v.header}`, ...block].join('\n');
  return `${text.replace(/\r?\n/g, v.eol)}\n`;
});

describe('Helm values with an inline dblessConfig.config', () => {
  it('is read in place or named, every place inside the values file', () => {
    const dir = tempDir({}, 'kp-props-dbless-');
    const file = join(dir, 'values.yaml');
    fc.assert(fc.property(valuesText, (text) => {
      writeFileSync(file, text);
      loadsOrRefuses(() => {
        const kongConf = loadKongConf(undefined, {}, { layer: helmConfLayer(loadHelmValues([file], chartDefaultValues())) });
        const result = loadDeclarative({ kongConf, cwd: dir });
        for (const document of result.config?.documents ?? []) expectPlacesInFile(document, document.text);
        if (!result.config) expect(result.missingReason).not.toContain('\n');
      });
      // Found by this property (session 17): an anchored scalar (`name: &s svc`) was placed at its
      // anchor, not at the value as written.
    }), { ...settings(RUNS), examples: [['ingressController:\n  enabled: false\nenv:\n  database: "off"\n\ndblessConfig:\n  config: |\n   _format_version: "3.0"\n   name: &s svc\n   _format_version: "3.0"\n']] });
  });
});

// ---------------------------------------------------------------------------------------------
// Dockerfiles: COPY, ADD, WORKDIR and CMD -c followed to the file Kong reads
// ---------------------------------------------------------------------------------------------

const pathWord = fc.oneof(fc.constantFrom('kong.conf', 'kong.yml', 'conf/', 'conf/kong.conf', './kong.conf', '../kong.conf', '../../etc/', '/etc/kong/', '/etc/kong/kong.conf',
  '/kong/', '.', './', '/', '*.conf', 'k?ng.conf', '[a-z]*.yml', '[z-a]', '[', '\\*', 'a b', 'dir/..', '/etc/kong/../kong/kong.conf', 'kong.tar.gz', 'https://x/kong.conf',
  'git@github.com:a/b.git', '$DIR/kong.conf', '${DIR:-/etc/kong}/', '${UNSET}', '<<EOF', '<<-"EOT"', 'é😀.conf', '~', '-', '--', ''), fc.array(tricky, { maxLength: 3 }).map((t) => t.join('')));
const flag = fc.constantFrom('--chown=kong:kong', '--chmod=644', '--from=build', '--from=0', '--link', '--link=false', '--parents', '--exclude=*.md', '--checksum=sha256:x', '--keep-git-dir', '--unpack',
  '--', '--=', '--CHOWN=1', '--from', '-x', '--chown="a b"');
const copyArgs = fc.oneof(
  fc.array(pathWord, { minLength: 0, maxLength: 4 }).map((words) => words.join(' ')),
  fc.array(pathWord, { minLength: 0, maxLength: 4 }).map((words) => JSON.stringify(words)),
  fc.array(pathWord, { maxLength: 3 }).map((words) => `[${words.map((w) => `"${w}"`).join(', ')}`),
  fc.array(pathWord, { minLength: 1, maxLength: 3 }).map((words) => words.map((w) => `"${w}"`).join(' ')),
  fc.array(pathWord, { minLength: 1, maxLength: 3 }).map((words) => words.map((w) => `'${w}'`).join(' ')),
);
const dockerLine = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('COPY', 'ADD', 'copy', 'Add'), fc.array(flag, { maxLength: 2 }), copyArgs).map(([k, f, a]) => [k, ...f, a].join(' ')) },
  { weight: 2, arbitrary: pathWord.map((p) => `WORKDIR ${p}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('CMD', 'ENTRYPOINT'), fc.constantFrom('kong start -c', 'kong start --conf', 'kong docker-start -c', '["kong", "start", "-c"', '["kong","start","-c",', 'kong start -c='), pathWord)
    .map(([k, c, p]) => (c.startsWith('[') ? `${k} ${c} "${p}"]` : `${k} ${c} ${p}`)) },
  { weight: 2, arbitrary: fc.constantFrom('FROM kong:3.4.2', 'FROM kong:2.8 AS build', 'FROM build', 'FROM scratch', 'ARG DIR=/etc/kong', 'ENV DIR=/kong', 'ENV KONG_DECLARATIVE_CONFIG=/kong/kong.yml',
    'ENV KONG_DATABASE=off', 'ARG UNSET', '# escape=`', '# syntax=docker/dockerfile:1', 'EOF', 'EOT', 'RUN <<EOF', '  echo hi', '\\', '', 'USER kong', 'SHELL ["/bin/sh"]') },
  { weight: 1, arbitrary: fc.array(tricky, { maxLength: 4 }).map((t) => t.join('')) },
);
const dockerfileText = fc.tuple(fc.constantFrom('', '\uFEFF', '# escape=`\n'), fc.constantFrom('FROM kong:3.4.2', 'FROM kong/kong-gateway:3.4.3.5', ''),
  fc.array(dockerLine, { maxLength: 12 }), fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', ' \\\n', ' `\n'))
  .map(([head, from, lines, eol]) => `${head}${[from, ...lines].join(eol)}\n`);

/** A build context on disk: a few of the files the generated steps name. */
const CONTEXT_FILES = { 'kong.conf': 'log_level = debug\n', 'kong.yml': '_format_version: "3.0"\nservices: []\n', 'conf/kong.conf': 'database = off\n', 'conf/x.yml': 'services: []\n', 'a b': 'x\n' };

describe('Dockerfile COPY, ADD, WORKDIR and CMD -c', () => {
  const dir = tempDir(CONTEXT_FILES, 'kp-props-copies-');
  const kindOf = (path: string): 'file' | 'folder' | undefined => {
    const rel = path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (rel === '.' || rel === '' || rel === 'conf') return 'folder';
    return Object.prototype.hasOwnProperty.call(CONTEXT_FILES, rel) ? 'file' : undefined;
  };
  const containerPath = fc.oneof(fc.constantFrom('/etc/kong/kong.conf', '/kong/kong.yml', '/kong.conf', '/', '/etc/kong/', '/etc/kong/../kong/kong.conf', '//etc//kong//kong.conf', 'relative', ''), pathWord);

  it('every step read has an absolute destination, context-relative sources and a place in the file', () => {
    fc.assert(fc.property(dockerfileText, fc.array(containerPath, { maxLength: 3 }), (text, paths) => {
      loadsOrRefuses(() => {
        const read = readDockerfile('Dockerfile', text);
        const count = text.split('\n').length;
        for (const copy of read.copies) {
          expect(copy.destination.startsWith('/')).toBe(true);
          expect(copy.destination).not.toMatch(/(^|\/)\.\.(\/|$)/);
          for (const source of copy.sources) {
            expect(source.startsWith('/')).toBe(false);
            expect(source.split('/')).not.toContain('..');
          }
          expect(copy.origin.line).toBeGreaterThanOrEqual(1);
          expect(copy.origin.line).toBeLessThanOrEqual(count);
          expect(copy.origin.column).toBeGreaterThanOrEqual(1);
        }
        if (read.confPath) {
          expect(read.confPath.origin.line).toBeLessThanOrEqual(count);
          expect(read.confPath.origin.column).toBeGreaterThanOrEqual(1);
        }
        const source = { file: 'Dockerfile', context: dir, copies: read.copies };
        for (const path of paths) {
          const found = contextFileAt(path, read.copies, dir, kindOf);
          if (found?.kind === 'file' || found?.kind === 'absent') expect(found.path.startsWith(dir)).toBe(true);
          if (found) expect(describeCopy(path, found.copy, source, kindOf)).not.toContain('\n');
        }
        const conf = containerKongConf({ run: runConf(read.run, undefined), copies: source }, (path) => kindOf(path) === 'file', kindOf);
        if (conf?.kind === 'file') expect(conf.path.startsWith(dir)).toBe(true);
      });
    }), settings(RUNS));
  });

  it('WORKDIR chains stay absolute and normal; glob patterns never throw', () => {
    fc.assert(fc.property(fc.array(pathWord, { maxLength: 6 }), fc.option(fc.constantFrom('/', '/app', '/a/b/')), pathWord, pathWord, (chain, start, pattern, name) => {
      let workdir: string | undefined = start ?? undefined;
      for (const written of chain) {
        workdir = nextWorkdir(written, workdir);
        if (workdir !== undefined) {
          expect(workdir.startsWith('/')).toBe(true);
          expect(workdir.split('/')).not.toContain('..');
          if (workdir !== '/') expect(workdir.endsWith('/')).toBe(false);
        }
      }
      expect(typeof globMatch(pattern, name)).toBe('boolean');
    }), settings(RUNS));
  });

  it('a compose service built from a generated Dockerfile (any build: form): read or refused', () => {
    const project = tempDir(CONTEXT_FILES, 'kp-props-build-');
    const build = fc.oneof(fc.constantFrom('.', './', 'ctx', '../', '', '${CTX}', '${CTX:-.}', 'https://github.com/a/b.git', 'ctx/../.', '/nonexistent'),
      fc.record({ context: fc.constantFrom('.', 'ctx', '', '${UNSET}'), dockerfile: fc.constantFrom('Dockerfile', 'ctx/Dockerfile', '../Dockerfile', '', 'missing', 'a b'),
        dockerfile_inline: fc.constantFrom('FROM kong:3.4'), args: fc.constantFrom({ DIR: '/etc/kong' }) }, { requiredKeys: [] }));
    fc.assert(fc.property(dockerfileText, build, fc.boolean(), (text, b, given) => {
      writeFileSync(join(project, 'Dockerfile'), text);
      mkdirSync(join(project, 'ctx'), { recursive: true });
      writeFileSync(join(project, 'ctx', 'Dockerfile'), text);
      writeFileSync(join(project, 'compose.yaml'), JSON.stringify({ services: { kong: { build: b, environment: { KONG_DATABASE: 'off', KONG_DECLARATIVE_CONFIG: '/kong/kong.yml' } } } }));
      loadsOrRefuses(() => {
        const files = given ? [join(project, 'compose.yaml'), join(project, 'Dockerfile')] : [join(project, 'compose.yaml')];
        const read = readImageFiles(files);
        for (const entry of read.dockerfileCopies) {
          const kind = (path: string) => (path.startsWith(project) ? kindOf(path.slice(project.length + 1)) : undefined);
          const conf = containerKongConf({ run: runConf(entry.run, undefined), copies: entry }, (path) => kind(path) === 'file', kind);
          if (conf?.kind === 'unread') expect(conf.reason).not.toContain('\n');
        }
      });
    }), settings(Math.ceil(RUNS / 2)));
  });
});

// ---------------------------------------------------------------------------------------------
// conf/unknown-property: bare nginx directives offered their namespaced form
// ---------------------------------------------------------------------------------------------

describe('conf/unknown-property on any key', () => {
  it('reports or stays silent, never an internal error, for keys shaped like nginx directives', async () => {
    const dir = tempDir({}, 'kp-props-unknown-');
    const file = join(dir, 'kong.conf');
    const key = fc.oneof(fc.constantFrom('worker_connections', 'nginx_worker_connections', 'worker_processes', 'user', 'daemon', 'ssl_conf_command', 'nginx_', 'nginx_nginx_', 'nginx_http_',
      'nginx_main_', 'client_max_body_size', 'constructor', '__proto__', 'toString', 'nginx___proto__', 'nginx_constructor', 'hasOwnProperty', 'keepalive_timeout', 'nginx_keepalive_timeout', 'Worker_Connections'),
    fc.tuple(fc.constantFrom('', 'nginx_', 'nginx_http_', 'nginx_x_'), fc.stringMatching(/^[a-z_]{0,12}$/)).map(([p, d]) => `${p}${d}`));
    const version = fc.constantFrom(['2.8', '3.4'], ['3.4', '3.9'], ['3.0', '3.10'], ['2.8', '2.8']);
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(key, fc.constantFrom('1', '4096', 'on', 'x # c', '')), { minLength: 1, maxLength: 4 }), version, fc.constantFrom('oss', 'enterprise'), async (entries, [from, to], edition) => {
      writeFileSync(file, entries.map(([k, v]) => `${k} = ${v}`).join('\n'));
      const plan = computePlan({ from: resolveVersion(from, '--from'), to: resolveVersion(to, '--to'), topology: 'traditional', role: 'traditional', edition: edition as 'oss' | 'enterprise' });
      const result = await runRules([rule], { plan, inputs: { kongConf: loadKongConf(file, {}) }, now: new Date('2026-11-21T12:00:00Z') });
      expect(result.internalErrors).toEqual([]);
      for (const finding of result.findings) expect(finding.message).not.toMatch(/undefined|\[object /);
    }), settings(Math.ceil(RUNS / 2)));
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI: findings or one line
// ---------------------------------------------------------------------------------------------

async function check(dir: string, args: string[]): Promise<void> {
  const result = await runCli(['check', ...args, '--from', '2.8', '--to', '3.4', '--no-db', '--no-config', '-f', 'json', '--fail-on', 'blocker'], { cwd: dir });
  expectFindingsOrOneLineError(result);
  expect(result.code).not.toBe(3);
  if (result.code !== 2) expect(JSON.parse(result.stdout).internalErrors).toEqual([]);
}

describe('check on generated in-place inputs', () => {
  const dir = tempDir(CONTEXT_FILES, 'kp-props-in-place-cli-');

  it('--declarative a manifest holding a kong.yml block', async () => {
    await fc.assert(fc.asyncProperty(manifest, async (text) => {
      writeFileSync(join(dir, 'cm.yaml'), text);
      await check(dir, ['--declarative', join(dir, 'cm.yaml')]);
    }), settings(CLI_RUNS));
  });

  it('--helm-values with an inline dblessConfig.config', async () => {
    await fc.assert(fc.asyncProperty(valuesText, async (text) => {
      writeFileSync(join(dir, 'values.yaml'), text);
      await check(dir, ['--helm-values', join(dir, 'values.yaml')]);
    }), settings(CLI_RUNS));
  });

  it('--image-file a Dockerfile that copies kong.conf and kong.yml, alone and built by compose', async () => {
    await fc.assert(fc.asyncProperty(dockerfileText, fc.boolean(), async (text, compose) => {
      rmSync(join(dir, 'compose.yaml'), { force: true });
      writeFileSync(join(dir, 'Dockerfile'), text);
      if (compose) writeFileSync(join(dir, 'compose.yaml'), 'services:\n  kong:\n    build: .\n    environment:\n      KONG_DATABASE: "off"\n      KONG_DECLARATIVE_CONFIG: /kong/kong.yml\n');
      await check(dir, ['--image-file', join(dir, compose ? 'compose.yaml' : 'Dockerfile')]);
    }), settings(CLI_RUNS));
  });
});
