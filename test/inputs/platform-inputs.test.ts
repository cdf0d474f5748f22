// Image files and the host: what the loaders read from Dockerfiles, compose files, os-release
// and meminfo, and the errors they raise.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOsFlag, readHostResources, readOsRelease } from '../../src/inputs/host';
import { interpolate } from '../../src/inputs/images/interpolate';
import { loadImageFiles, readImageFiles } from '../../src/inputs/images/load';
import { InputError } from '../../src/errors';
import { fixture } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'kp-images-'));

describe('image files', () => {
  it('reads a Dockerfile FROM with ARG defaults and notes apk', () => {
    const [image] = loadImageFiles([fixture('platform/Dockerfile.alpine')]);
    expect(image).toMatchObject({
      reference: 'kong/kong-gateway:2.8.4.1-alpine', edition: 'enterprise', usesApk: true, via: 'dockerfile',
      flavour: { suffix: 'alpine' }, origin: { line: 3, column: 6 },
    });
    expect(image.version?.toString()).toBe('2.8.4.1');
  });

  it('notes yum and dnf in a stage (a 0.x convenience tag was CentOS-based)', () => {
    const file = join(dir, 'Dockerfile.yum');
    writeFileSync(file, 'FROM kong:0.11\nRUN yum -y update && yum -y install unzip\n');
    const dnf = join(dir, 'Dockerfile.dnf');
    writeFileSync(dnf, 'FROM kong:0.12\nRUN dnf install -y jq\n');
    const plain = join(dir, 'Dockerfile.plain');
    writeFileSync(plain, 'FROM kong:0.12\nRUN echo yum is not run here\n');
    expect(loadImageFiles([file, dnf, plain]).map((i) => [i.reference, i.usesYum])).toEqual([
      ['kong:0.11', true], ['kong:0.12', true], ['kong:0.12', undefined],
    ]);
  });

  it('reads compose image: values, strips registries, ignores other images', () => {
    const images = loadImageFiles([fixture('platform/docker-compose.yml')]);
    expect(images.map((i) => [i.name, i.tag, i.origin.line])).toEqual([
      ['kong', '2.8.4', 5],
      ['kong/kong-gateway', '3.3.1.0-rhel', 9],
    ]);
  });

  it('reads Helm-style image maps in manifests, across documents', () => {
    const file = join(dir, 'manifests.yaml');
    writeFileSync(file, 'kind: Deployment\nspec:\n  containers:\n    - image: nginx:1.25\n---\nimage:\n  repository: kong/kong-gateway\n  tag: "3.4"\n');
    const images = loadImageFiles([file]);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ reference: 'kong/kong-gateway:3.4', origin: { line: 8 } });
  });

  it('takes the last stage of a multi-stage Dockerfile as the one that runs', () => {
    const images = loadImageFiles([fixture('platform/Dockerfile.multistage')]);
    expect(images.map((i) => [i.reference, i.buildStage, i.usesApk])).toEqual([
      ['kong:2.8.1-alpine', 'build', true],
      ['kong:3.4.2-ubuntu', undefined, undefined],
    ]);
  });

  it('follows FROM <stage> to its image; apk in the last stage marks that image', () => {
    const images = loadImageFiles([fixture('platform/Dockerfile.stage-chain')]);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ reference: 'kong/kong-gateway:3.4.3.12', written: '${BASE}', usesApk: true, origin: { line: 3 } });
    expect(images[0].buildStage).toBeUndefined();
  });

  it('reads several ARGs on one line, quoted defaults, and ${VAR:-default} in FROM', () => {
    const images = loadImageFiles([fixture('platform/Dockerfile.args')]);
    expect(images.map((i) => [i.reference, i.version?.toString(), i.buildStage ?? null, i.assumedUnset ?? null])).toEqual([
      ['kong:2.8.1-alpine', '2.8.1', 'one', null],
      ['kong:2.8.3-ubuntu', '2.8.3', null, ['KONG_TAG']],
    ]);
  });

  it('keeps a build argument without default as an unknown tag, never a guess', () => {
    const [image] = loadImageFiles([fixture('platform/Dockerfile.buildarg')]);
    expect(image).toMatchObject({ name: 'kong', edition: 'oss', unresolvedVariables: ['KONG_VERSION'] });
    expect(image.version).toBeUndefined();
  });

  it('reads a one-field tag as floating, not as x.0.0', () => {
    const [image] = loadImageFiles([fixture('platform/Dockerfile.floating')]);
    expect(image).toMatchObject({ reference: 'kong:3', floatingMajor: 3 });
    expect(image.version).toBeUndefined();
  });

  it('substitutes compose variables as docker compose does when they are unset', () => {
    const images = loadImageFiles([fixture('platform/compose-interpolated.yml')]);
    expect(images.map((i) => [i.reference, i.written, i.assumedUnset, i.origin.line])).toEqual([
      ['kong:2.8.1', '${KONG_DOCKER_TAG:-kong:2.8.1}', ['KONG_DOCKER_TAG'], 4],
      ['kong:2.8.1', '${KONG_IMAGE-kong:2.8.1}', ['KONG_IMAGE'], 6],
    ]);
  });

  it('reads the compose project\'s .env file, and names references it cannot read', () => {
    const read = readImageFiles([fixture('platform/compose-dotenv/docker-compose.yml')]);
    expect(read.images.map((i) => [i.reference, i.edition, i.assumedUnset])).toEqual([['kong/kong-gateway:3.4.3.12', 'enterprise', undefined]]);
    expect(read.unresolved).toEqual([expect.objectContaining({ written: '${GATEWAY_IMAGE}', variables: ['GATEWAY_IMAGE'], origin: expect.objectContaining({ line: 5 }) })]);
    // A repository written in full is no Kong image whatever its variable holds.
    expect(readImageFiles([fixture('platform/compose-unset.yml')]).unresolved.map((u) => [u.written, u.origin.line])).toEqual([['${GATEWAY_IMAGE}', 3], ['${GATEWAY_IMAGE}', 5]]);
  });

  it('refuses a compose file or manifest nested thousands of levels deep, naming the file (once a RangeError or a parse error about the call stack)', () => {
    // Found by test/hardening/property-image-readers.test.ts once its damage could insert a long
    // run of `- `: the yaml package's parser ran out of stack and threw a RangeError.
    const deep = join(dir, 'deep.yaml');
    for (const text of [`${'- '.repeat(50_000)}x\n`, `services:\n  kong:\n    image: kong:3.4.2\n    environment:\n      ${'- '.repeat(50_000)}x\n`, `kind: Deployment\nspec: ${'['.repeat(50_000)}\n`]) {
      writeFileSync(deep, text);
      let error = 'none';
      try {
        readImageFiles([deep]);
      } catch (caught) {
        // Compared as text: a RangeError's own stack is too deep for jest to print.
        error = caught instanceof InputError ? caught.oneLine() : `${(caught as Error).name}: ${(caught as Error).message.slice(0, 100)}`;
      }
      expect(error).toMatch(new RegExp(`^${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: (not valid YAML: )?nested too deeply to read`));
    }
    // Nesting as deep as real files go still reads.
    writeFileSync(deep, `services:\n  kong:\n    image: kong:3.4.2\n    labels: ${'['.repeat(40)}${']'.repeat(40)}\n`);
    expect(readImageFiles([deep]).images.map((image) => image.reference)).toEqual(['kong:3.4.2']);
  });

  it('gives a YAML error of an image file as one place and message, without the yaml package\'s excerpt', () => {
    // The excerpt (`... at line 3, column 9:` and the line below it) was built for every error of
    // the file: on a line holding thousands of errors that took minutes (found with seed 9 once
    // the property tests inserted long lines).
    const broken = join(dir, 'broken-compose.yaml');
    writeFileSync(broken, `services: {}\n<<: *a${'- '.repeat(20)}\n`);
    expect(() => readImageFiles([broken])).toThrow(InputError);
    try {
      readImageFiles([broken]);
    } catch (error) {
      expect((error as InputError).oneLine()).toBe(`${broken}:2:9: not valid YAML: Unexpected seq-item-ind at node end`);
    }
  });

  it('names the file of a missing image file', () => {
    expect(() => loadImageFiles([join(dir, 'nope.Dockerfile')])).toThrow(/nope\.Dockerfile.*cannot read|cannot read/);
  });
});

describe('variable substitution', () => {
  const known = new Map([['SET', 'x'], ['EMPTY', '']]);
  const compose = (text: string) => interpolate(text, { known, escape: 'double-dollar' });

  it('applies the shell modifiers with and without the colon', () => {
    expect(compose('${SET:-d}|${EMPTY:-d}|${EMPTY-d}|${NOPE-d}|${NOPE:-d}').text).toBe('x|d||d|d');
    expect(compose('${SET:+a}|${EMPTY:+a}|${EMPTY+a}|${NOPE+a}').text).toBe('a||a|');
    expect(compose('${NOPE:-${SET}}').text).toBe('x');
  });

  it('reports what it took as unset and what it could not resolve', () => {
    expect(compose('${A:-kong}:${B}')).toEqual({ text: 'kong:${B}', assumedUnset: ['A'], unresolved: ['B'] });
    expect(compose('${C:?set C}').unresolved).toEqual(['C']);
  });

  it('knows each file type\'s escape for a literal $', () => {
    expect(compose('$$SET').text).toBe('$SET');
    expect(interpolate('\\$SET$SET', { known, escape: 'backslash' }).text).toBe('$SETx');
  });
});

describe('host', () => {
  it('reads os-release and maps the distribution to the support tables', () => {
    expect(readOsRelease(fixture('platform/os-release-ubuntu-1804'))).toMatchObject({ os: 'Ubuntu', version: '18.04', origin: { line: 6 } });
    expect(readOsRelease(fixture('platform/os-release-centos-7'))).toMatchObject({ os: 'CentOS', version: '7' });
    expect(readOsRelease(fixture('platform/os-release-rocky-8'))).toMatchObject({ os: 'RHEL', version: '8', compatibleWith: 'RHEL', label: 'Rocky Linux 8.9 (Green Obsidian)' });
  });

  it('parses --os NAME-VERSION and rejects the unknown', () => {
    expect(parseOsFlag('ubuntu-20.04')).toMatchObject({ os: 'Ubuntu', version: '20.04', origin: { kind: 'cli', flag: '--os' } });
    expect(parseOsFlag('rhel-8')).toMatchObject({ os: 'RHEL', version: '8' });
    expect(parseOsFlag('amazonlinux-2023')).toMatchObject({ os: 'Amazon Linux', version: '2023' });
    expect(parseOsFlag('amzn-2018.03')).toMatchObject({ os: 'Amazon Linux', version: '1' });
    expect(() => parseOsFlag('windows-11')).toThrow(/--os windows-11: expected NAME-VERSION/);
  });

  it('labels --os without the blanks around it (a line break once reached the listed inputs)', () => {
    expect(parseOsFlag('\tubuntu-22.04\n')).toMatchObject({ os: 'Ubuntu', version: '22.04', label: 'ubuntu-22.04' });
  });

  it('reads MemTotal from meminfo', () => {
    expect(readHostResources({ meminfo: fixture('platform/meminfo-2g'), cpus: 2 })).toMatchObject({ memTotalBytes: 2030000 * 1024, cpus: 2, origin: { line: 1 } });
    const bad = join(dir, 'meminfo');
    writeFileSync(bad, 'nothing here\n');
    expect(() => readHostResources({ meminfo: bad })).toThrow(/no MemTotal/);
  });

  it('refuses a MemTotal too large for any host (hundreds of digits read as Infinity), naming its line', () => {
    for (const digits of ['9'.repeat(400), '999999999999999999999999']) {
      const file = join(dir, 'meminfo-huge');
      writeFileSync(file, `MemFree: 1 kB\nMemTotal:       ${digits} kB\n`);
      let error: unknown;
      try {
        readHostResources({ meminfo: file, cpus: 1, arch: 'x64' });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).oneLine()).toBe(`${file}:2: MemTotal of ${digits.length} digits is far larger than any host's memory: not a /proc/meminfo file`);
    }
    // The largest exact size still reads.
    const file = join(dir, 'meminfo-large');
    writeFileSync(file, 'MemTotal: 8796093022207 kB\n');
    expect(readHostResources({ meminfo: file, cpus: 1, arch: 'x64' }).memTotalBytes).toBe(8796093022207 * 1024);
  });
});
