// A kong.conf read from a ConfigMap or Secret key of a manifest (src/inputs/images/held-kong-conf.ts)
// may hold pg_password: its value, and a Secret's base64 text that encodes it, appear in no output
// format, though findings cite the lines that hold them.

import { join } from 'node:path';
import { runCli } from '../support/cli';
import { deploymentYaml } from '../support/kubernetes';
import { tempDir } from '../support/temp';
import { outputInEveryFormat } from './support';

const PASSWORD = 'held-s3cr3t-password-value';

/** Settings that make rules speak about the password's line: a `#` that cuts the value, a copy under another name. */
const confWith = (password: string) => [
  'database = cassandra',
  `pg_password = ${password}#tail`,
  `pg_ro_password = ${password}`,
  `pg_user = ${password}`,
  'log_level = visible-held-value',
  '',
].join('\n');
const CONF = confWith(PASSWORD);

// Ends with the volume's first line: each manifest below adds its source.
const DEPLOYMENT = deploymentYaml({ image: 'kong:2.8.4', volumeMounts: ['            - name: settings', '              mountPath: /etc/kong'], volumes: ['        - name: settings'] }).trimEnd();

const block = CONF.trimEnd().split('\n').map((line) => `    ${line}`);

const base64Secret = (conf: string) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: node-conf', 'data:', `  kong.conf: ${Buffer.from(conf).toString('base64')}`, '---', DEPLOYMENT, '          secret:', '            secretName: node-conf', ''].join('\n');

const manifests: Record<string, string> = {
  'a ConfigMap': ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: node-conf', 'data:', '  kong.conf: |', ...block, '---', DEPLOYMENT, '          configMap:', '            name: node-conf', ''].join('\n'),
  'a Secret\'s stringData': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: node-conf', 'stringData:', '  kong.conf: |', ...block, '---', DEPLOYMENT, '          secret:', '            secretName: node-conf', ''].join('\n'),
  'a Secret\'s base64 data': base64Secret(CONF),
};

describe.each(Object.keys(manifests))('a pg_password in the kong.conf of %s', (name) => {
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const dir = tempDir({ 'deploy.yaml': manifests[name] });
    outputs = await outputInEveryFormat(['check', '--image-file', join(dir, 'deploy.yaml'), '--no-db', '--to', '3.4', '--fail-on', 'none']);
  });

  it('is read: the check speaks about the settings beside it', () => {
    for (const [format, output] of Object.entries(outputs)) {
      expect([format, output.includes('cassandra')]).toEqual([format, true]);
      // The value of a setting that is no secret is quoted (log_level's is invalid): the kong.conf was read.
      expect([format, output.includes('visible-held-value')]).toEqual([format, true]);
    }
  });

  it('appears in no format, in plain text or base64', () => {
    const encoded = Buffer.from(CONF).toString('base64');
    for (const [format, output] of Object.entries(outputs)) {
      expect([format, output.includes(PASSWORD)]).toEqual([format, false]);
      expect([format, output.includes(encoded)]).toEqual([format, false]);
    }
  });
});

// Every finding of a base64 kong.conf cites the line of the encoded text, and a fingerprint hashes
// the line it cites: hashing the encoded text would let anyone holding the report test guesses.
describe('fingerprints of findings in a Secret\'s base64 kong.conf', () => {
  const fingerprintsFor = async (password: string) => {
    // Run inside the folder: fingerprints hash file paths relative to it, so two folders compare.
    const dir = tempDir({ 'deploy.yaml': base64Secret(confWith(password)) }, 'kp-held-fp-');
    const sarif = await runCli(['check', '--image-file', join(dir, 'deploy.yaml'), '--no-db', '--no-config', '--to', '3.4', '--fail-on', 'none', '-f', 'sarif'], { cwd: dir });
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
    return results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints).join()}`).sort();
  };

  it('do not depend on the password it encodes', async () => {
    const [one, other] = [await fingerprintsFor('FirstSecret-0001'), await fingerprintsFor('OtherSecret-9999')];
    expect(one.some((line) => line.startsWith('conf/cassandra-removed'))).toBe(true);
    expect(other).toEqual(one);
  });
});
