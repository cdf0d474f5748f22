// A variable whose value copies a secret: the Dockerfile and Kubernetes readers follow one policy.
// A copy of a Kong secret (`KONG_PG_PASSWORD`) is read, since that variable is a secret setting
// the report hides by value; a copy of any other secret (`PGPASSWORD`, a build argument) is left
// unread, since no setting tells the hiding its value.

import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import type { ConfLayer } from '../../../src/inputs/kong-conf/load';
import { tempDir } from '../../support/temp';

const pod = (env: string[]) => [
  'apiVersion: v1', 'kind: Pod', 'metadata: {name: kong}', 'spec:', '  containers:', '  - name: proxy', '    image: kong:3.4.2', '    env:',
  ...env.map((entry) => `    - ${entry}`),
].join('\n');

function layerOf(file: string, text: string, which: 'dockerfileLayer' | 'containerLayer'): ConfLayer {
  const dir = tempDir({ [file]: text });
  const layer = loadPlatformInputs({ imageFiles: [join(dir, file)] })[which];
  if (!layer) throw new Error(`no ${which}`);
  return layer;
}

const setting = (layer: ConfLayer, key: string) => layer.settings.find((s) => s.key === key);

describe.each([
  ['Dockerfile', 'Dockerfile', (lines: string[]) => `FROM kong:3.4.2\n${lines.map((l) => `ENV ${l}`).join('\n')}\n`, 'dockerfileLayer'] as const,
  ['Kubernetes', 'kong.yaml', (lines: string[]) => pod(lines.map((l) => { const [name, value] = l.split('='); return `{name: ${name}, value: "${value}"}`; })), 'containerLayer'] as const,
])('%s', (_reader, file, write, which) => {
  const ref = (name: string) => (which === 'dockerfileLayer' ? `$${name}` : `$(${name})`);

  it('reads a copy of a Kong secret', () => {
    const layer = layerOf(file, write(['KONG_PG_PASSWORD=Copied-Secret-1', `KONG_PG_USER=${ref('KONG_PG_PASSWORD')}`]), which);
    expect(setting(layer, 'pg_user')?.value).toBe('Copied-Secret-1');
    expect(setting(layer, 'pg_user')?.unreadableFrom).toBeUndefined();
  });

  it('leaves a copy of another secret unread', () => {
    const layer = layerOf(file, write(['PGPASSWORD=Other-Secret-1', `KONG_PG_USER=${ref('PGPASSWORD')}`]), which);
    expect(setting(layer, 'pg_user')?.value).toBe('');
    expect(setting(layer, 'pg_user')?.unreadableFrom).toBeDefined();
    expect(JSON.stringify(layer)).not.toContain('Other-Secret-1');
  });
});
