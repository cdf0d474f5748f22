// The build context of a Dockerfile given without a compose `build:`: its own folder, or the root
// a few folders up that its COPY sources name it from (gary-archer/oauth.tokenhandler.cloudnative
// docker/kong/Dockerfile: `COPY docker/kong/oauth-proxy /usr/local/share/lua/5.1/kong/plugins/oauth-proxy`,
// built from the repository root).

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inferBuildContext } from '../../../src/inputs/images/build-context';
import { kindOnDisk, type DockerfileCopy } from '../../../src/inputs/images/dockerfile-copies';
import { readImageFiles } from '../../../src/inputs/images/load';

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-build-context-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const copy = (source: string, unfollowed?: string): DockerfileCopy => ({
  instruction: 'COPY', sources: [source], destination: '/x/', origin: { kind: 'file', file: 'Dockerfile', line: 2, column: 1 }, ...(unfollowed ? { unfollowed } : {}),
});

describe('inferBuildContext', () => {
  const root = project({
    'docker/kong/Dockerfile': 'FROM kong:3.9.3\n',
    'docker/kong/oauth-proxy/handler.lua': 'return {}\n',
    'docker/kong/local.conf': 'x\n',
    'certs/ca.crt': 'x\n',
  });
  const infer = (copies: DockerfileCopy[]) => inferBuildContext('docker/kong/Dockerfile', copies, kindOnDisk(root), root);

  it('takes the root whose path to the Dockerfile\'s folder the COPY sources start with', () => {
    expect(infer([copy('certs/ca.crt'), copy('docker/kong/oauth-proxy')])).toEqual({ context: '.', evidence: 'docker/kong/oauth-proxy' });
  });

  it('keeps the Dockerfile\'s folder when its sources are there, or when none names that folder from above', () => {
    expect(infer([copy('oauth-proxy'), copy('local.conf')])).toBeUndefined();
    // certs/ca.crt exists at the root, but nothing says the build runs from there.
    expect(infer([copy('certs/ca.crt')])).toBeUndefined();
    expect(infer([copy('docker/kong/gone')])).toBeUndefined();
    // The folder's own name from the root is no evidence: a file beside the Dockerfile may bear it.
    expect(infer([copy('docker/kong'), copy('certs/ca.crt')])).toBeUndefined();
    expect(infer([copy('docker/kong/oauth-proxy', 'COPY --from=build copies from another stage or image')])).toBeUndefined();
  });

  it('keeps the Dockerfile\'s folder when as many sources are found there as at the root', () => {
    expect(infer([copy('oauth-proxy'), copy('docker/kong/oauth-proxy')])).toBeUndefined();
  });
});

describe('a Dockerfile given on its own, built from the repository root', () => {
  it('reads the plugin folder its COPY names from the root', () => {
    const root = project({
      'docker/kong/Dockerfile': 'FROM kong/kong-gateway:3.4.3.12\nCOPY docker/kong/oauth-proxy /usr/local/share/lua/5.1/kong/plugins/oauth-proxy\n',
      'docker/kong/oauth-proxy/handler.lua': 'return { PRIORITY = 900, VERSION = "1.0.0" }\n',
      'docker/kong/oauth-proxy/schema.lua': 'return { name = "oauth-proxy", fields = {} }\n',
    });
    const read = readImageFiles([path.join(root, 'docker/kong/Dockerfile')], { cwd: root });
    expect(read.dockerfileCopies).toEqual([expect.objectContaining({ context: root, contextInferred: 'docker/kong/oauth-proxy' })]);
  });
});
