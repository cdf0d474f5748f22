// Findings about one image shared by several services are one finding: its fingerprint must be
// the one a baseline recorded before they were grouped (the first service's), and a one-service
// file must keep the fingerprint it always had. The literals below are what the rule produced
// before the grouping (one finding per service, `users` absent).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'fixtures/platform/shared-image', name), 'utf8');

async function imageTagBaseline(dir: string, file: string): Promise<{ fingerprint: string; location: string }[]> {
  const result = await runCli(['check', '--image-file', join(dir, file), '--to', '3.4', '--no-db', '--no-config', '--format', 'json', '--baseline', join(dir, 'b.json'), '--update-baseline'], { cwd: dir });
  expect(result.stderr).toMatch(/wrote \d+ finding/);
  const baseline = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as { findings: { ruleId: string; fingerprint: string; location: string }[] };
  return baseline.findings.filter((entry) => entry.ruleId === 'platform/image-tag').map(({ fingerprint, location }) => ({ fingerprint, location: location.replace(`${dir}/`, '') }));
}

describe('platform/image-tag fingerprints with shared images', () => {
  it('keeps the fingerprint of a one-service compose file', async () => {
    const dir = tempDir({ 'compose.yml': fixture('compose-one-service.yml') });
    expect(await imageTagBaseline(dir, 'compose.yml')).toEqual([{ fingerprint: '5f831970ad83b6a0144e9ff2ef18a177:1', location: 'compose.yml:3:12' }]);
  });

  it('gives three services on one image the first service\'s fingerprint, kept when a service is added', async () => {
    const dir = tempDir({ 'three.yml': fixture('compose-three-services.yml') });
    const first = [{ fingerprint: '2d88b41a56eeb9a769672cce9202d276:1', location: 'three.yml:4:12' }];
    expect(await imageTagBaseline(dir, 'three.yml')).toEqual(first);
    writeFileSync(join(dir, 'three.yml'), `${fixture('compose-three-services.yml')}  kong-2:\n    image: "\${KONG_DOCKER_TAG:-kong:2.8.4-alpine}"\n`);
    expect(await imageTagBaseline(dir, 'three.yml')).toEqual(first);
  });
});
