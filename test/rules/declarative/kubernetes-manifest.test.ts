import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/kubernetes-manifest';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kong\n';
const KONG_PLUGIN = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: rl\nplugin: rate-limiting\n';
const KONG_FILE = '_format_version: "3.0"\nservices: []\n';

/** Loads the files from one folder, as `--declarative DIR` does, and runs the rule. */
async function run(files: Record<string, string>): Promise<{ findings: string[]; read: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-k8s-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { config } = loadDeclarative({ paths: ['.'], cwd: dir });
  const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule]);
  return { findings: summarize(findings), read: config!.documents.map((d) => d.file) };
}

describe('declarative/kubernetes-manifest', () => {
  it('valid: a folder of Kong files only', async () => {
    expect((await run({ 'kong.yaml': KONG_FILE })).findings).toEqual([]);
  });

  it('lists manifests beside kong.yml as not checked (info) and reads only the Kong file', async () => {
    const { findings, read } = await run({ 'deployment.yaml': DEPLOYMENT, 'kong.yaml': KONG_FILE, 'plugin.yaml': KONG_PLUGIN });
    expect(findings).toEqual(['declarative/kubernetes-manifest notChecked info @1', 'declarative/kubernetes-manifest notChecked info @1']);
    expect(read).toEqual(['kong.yaml']);
  });

  it('warns when only manifests were given: nothing was checked', async () => {
    expect((await run({ 'plugin.yaml': KONG_PLUGIN })).findings).toEqual(['declarative/kubernetes-manifest notChecked warning @1']);
  });

  it('a Kong file that happens to carry apiVersion and kind is still read as Kong\'s', async () => {
    const { findings, read } = await run({ 'kong.yaml': `apiVersion: x\nkind: y\n${KONG_FILE}` });
    expect(findings).toEqual([]);
    expect(read).toEqual(['kong.yaml']);
  });
});
