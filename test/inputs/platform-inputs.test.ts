// Image files and the host: what the loaders read from Dockerfiles, compose files, os-release
// and meminfo, and the errors they raise.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOsFlag, readHostResources, readOsRelease } from '../../src/inputs/host';
import { loadImageFiles } from '../../src/inputs/images/load';
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

  it('names the file of a missing image file', () => {
    expect(() => loadImageFiles([join(dir, 'nope.Dockerfile')])).toThrow(/nope\.Dockerfile.*cannot read|cannot read/);
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

  it('reads MemTotal from meminfo', () => {
    expect(readHostResources({ meminfo: fixture('platform/meminfo-2g'), cpus: 2 })).toMatchObject({ memTotalBytes: 2030000 * 1024, cpus: 2, origin: { line: 1 } });
    const bad = join(dir, 'meminfo');
    writeFileSync(bad, 'nothing here\n');
    expect(() => readHostResources({ meminfo: bad })).toThrow(/no MemTotal/);
  });
});
