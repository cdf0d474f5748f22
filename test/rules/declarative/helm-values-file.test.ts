import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/helm-values-file';
import formatVersion from '../../../rules/declarative/format-version';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

/** The shape of a DB-less deployment folder's values.yaml for the kong chart. */
const KONG_CHART_VALUES = 'image:\n  repository: kong\n  tag: "3.4"\nenv:\n  database: "off"\ningressController:\n  enabled: false\nplugins: {}\n';
/** The kong/ingress chart: the kong chart's values under `gateway` (and `controller`). */
const INGRESS_CHART_VALUES = 'controller:\n  ingressController:\n    enabled: true\ngateway:\n  image:\n    tag: "3.9"\n  env:\n    router_flavor: expressions\n';
const KONG_FILE = '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s.internal\n';
/** A declarative file without _format_version that carries one key the chart also has: still Kong's. */
const KONG_FILE_ODD_KEY = 'services:\n- name: s\n  url: http://s.internal\nenv: staging\n';

async function run(files: Record<string, string>): Promise<{ findings: string[]; read: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-helm-values-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { config } = loadDeclarative({ paths: ['.'], cwd: dir });
  const { findings } = await runEntityRules({ from: '2.8.0', to: '3.4.0' }, { declarative: config, entities: [config!.entities] }, [rule, formatVersion]);
  return { findings: summarize(findings), read: config!.documents.map((d) => d.file) };
}

describe('declarative/helm-values-file', () => {
  it('valid: a folder of Kong files only', async () => {
    expect(await run({ 'kong.yaml': KONG_FILE })).toEqual({ findings: [], read: ['kong.yaml'] });
  });

  it('sets the chart values beside kong.yaml aside (info), and reads only the Kong file', async () => {
    expect(await run({ 'kong.yaml': KONG_FILE, 'values.yaml': KONG_CHART_VALUES })).toEqual({
      findings: ['declarative/helm-values-file notChecked info @1'],
      read: ['kong.yaml'],
    });
  });

  it('warns, instead of a "no _format_version" blocker, when only chart values were given', async () => {
    expect((await run({ 'values.yaml': KONG_CHART_VALUES })).findings).toEqual(['declarative/helm-values-file notChecked warning @1']);
  });

  it('knows the kong/ingress chart, whose values sit under controller and gateway', async () => {
    expect((await run({ 'values.yaml': INGRESS_CHART_VALUES })).findings).toEqual(['declarative/helm-values-file notChecked warning @1']);
  });

  it('knows a small override file that sets one chart key', async () => {
    expect((await run({ 'admin-values.yaml': 'admin:\n  enabled: true\n  type: ClusterIP\n' })).findings).toEqual(['declarative/helm-values-file notChecked warning @1']);
  });

  it('does not take another tool\'s file with one chart key for Helm values', async () => {
    // Neither Kong's nor the chart's: declarative/not-kong-file sets it aside (it used to be read,
    // and refused, as Kong's).
    const workflow = 'name: ci\non: push\nenv:\n  KONG_VERSION: "3.4"\njobs: {}\n';
    expect(await run({ 'ci.yaml': workflow })).toEqual({ findings: [], read: [] });
  });

  it('a Kong file with one key the chart also uses is still read as Kong\'s', async () => {
    const result = await run({ 'kong.yaml': KONG_FILE_ODD_KEY });
    expect(result.read).toEqual(['kong.yaml']);
    expect(result.findings).toEqual(['declarative/format-version missing blocker @1']);
  });
});
