import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKongImage } from '../../../src/inputs/images/image-ref';
import { runCli } from '../../support/cli';

const at = { kind: 'file' as const, file: 'compose.yml', line: 3, column: 12 };

describe('parseKongImage behind registry mirrors', () => {
  it.each([
    ['harbor.corp.example/dockerhub-proxy/kong/kong-gateway:3.4.3.2', 'kong/kong-gateway', 'enterprise', '3.4.3.2'],
    ['artifactory.corp.example:8443/docker-remote/library/kong:3.4.2-ubuntu', 'library/kong', 'oss', '3.4.2'],
    ['registry.example.com/mirror/kong/kong:2.8.5', 'kong/kong', 'oss', '2.8.5'],
    ['registry.example.com/kong/kong-gateway:3.10.0.0', 'kong/kong-gateway', 'enterprise', '3.10.0.0'],
    // The Enterprise image Kong's 2.x docs pulled from Bintray (travega/heroku-kong-ee Dockerfile.kongee).
    ['kong-docker-kong-enterprise-edition-docker.bintray.io/kong-enterprise-edition:2.3.2.0-alpine', 'kong-enterprise-edition', 'enterprise', '2.3.2.0'],
    ['kong-docker-kong-gateway-docker.bintray.io/kong-enterprise-edition:1.5.0.11-centos', 'kong-enterprise-edition', 'enterprise', '1.5.0.11'],
  ])('%s is Kong\'s %s', (reference, name, edition, version) => {
    expect(parseKongImage(reference, at, 'compose')).toMatchObject({ reference, name, edition, version: expect.objectContaining({}) });
    expect(parseKongImage(reference, at, 'compose')!.version!.toString()).toBe(version);
  });

  it.each([
    'bitnami/kong:3.4.2-debian-12-r0',
    'registry.example.com/acme/kong-gateway:1.2.0',
    'registry.example.com/team/kong-custom:3.4',
    'ghcr.io/acme/mykong/kong-gateway-plugins:3.4.3.2',
  ])('%s is not one of Kong\'s images', (reference) => {
    expect(parseKongImage(reference, at, 'compose')).toBeUndefined();
  });
});

describe('check: a compose service on a mirrored Kong image', () => {
  it('takes the version the path starts from from the mirrored tag, as from Kong\'s own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-mirror-'));
    writeFileSync(join(dir, 'compose.yml'), 'services:\n  kong:\n    image: harbor.corp.example/dockerhub-proxy/kong/kong-gateway:3.4.3.2\n    environment:\n      KONG_DATABASE: "off"\n');
    const result = await runCli(['check', '--image-file', join(dir, 'compose.yml'), '--to', '3.10', '--no-db', '--no-config', '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.plan.from).toBe('3.4.3.2');
    expect(report.plan.edition).toBe('enterprise');
  });
});
