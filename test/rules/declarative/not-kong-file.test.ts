import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/declarative/not-kong-file';
import formatVersion from '../../../rules/declarative/format-version';
import { loadDeclarative } from '../../../src/inputs/declarative';
import { runEntityRules, summarize } from '../../support/declarative-harness';

/** A Helm chart's Chart.yaml kept in the same folder as kong.yml (sweep 17, monitor-kong-gw). */
const CHART_YAML = 'apiVersion: v2\nname: gateway\nversion: 1.2.3\nappVersion: "3.4"\ndescription: API gateway\n';
/** The root of a Grafana dashboard export. */
const DASHBOARD = '{"__inputs": [], "title": "Kong", "uid": "kong-1", "schemaVersion": 30, "panels": []}';
const KONG_FILE = '_format_version: "3.0"\nservices:\n- name: s\n  url: http://s.internal\n';
/** No `_format_version`, but only Kong's lists: a Kong file missing its version, still read as Kong's. */
const KONG_WITHOUT_VERSION = 'services:\n- name: s\n  url: http://s.internal\n';
/** A decK file holding only an Enterprise collection. */
const DECK_PART = 'consumer_groups:\n- name: gold\n';
/** decK metadata alone (a workspace header file): decK's, even with no entity list. */
const DECK_HEADER = '_workspace: team-a\n_info:\n  select_tags: [team-a]\n';

async function run(files: Record<string, string>): Promise<{ findings: string[]; read: string[]; messages: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kp-notkong-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { config } = loadDeclarative({ paths: ['.'], cwd: dir });
  const { findings } = await runEntityRules({ from: '3.4.0', to: '3.9.0' }, { declarative: config, entities: [config!.entities] }, [rule, formatVersion]);
  return { findings: summarize(findings), read: config!.documents.map((d) => d.file), messages: findings.map((f) => f.message) };
}

describe('declarative/not-kong-file', () => {
  it('valid: a folder of Kong files only', async () => {
    const { findings, read } = await run({ 'kong.yaml': KONG_FILE });
    expect({ findings, read }).toEqual({ findings: [], read: ['kong.yaml'] });
  });

  it('sets a Chart.yaml and a dashboard beside kong.yaml aside (info), and reads only the Kong file', async () => {
    const { findings, read, messages } = await run({ 'Chart.yaml': CHART_YAML, 'dashboard.json': DASHBOARD, 'kong.yaml': KONG_FILE });
    expect(read).toEqual(['kong.yaml']);
    expect(findings).toEqual(['declarative/not-kong-file notChecked info @1', 'declarative/not-kong-file notChecked info @1']);
    expect(messages).toContainEqual(expect.stringContaining('its root holds `apiVersion`, `name`, `version`, `appVersion`, ...: it was not checked'));
  });

  it('warns, instead of a "no _format_version" blocker, when only such a file was given', async () => {
    expect((await run({ 'Chart.yaml': CHART_YAML })).findings).toEqual(['declarative/not-kong-file notChecked warning @1']);
  });

  // sweep 24, svenbernhardt/kong-ingress-demo-environment: a Loki payload kept as an example.
  it('sets aside a file of the folder whose root lists only what neither Kong nor decK take, named one by one it is read', async () => {
    const payload = '{"streams": [{"stream": {"job": "x"}, "values": [["1755028404000000000", "TEST!"]]}]}';
    const { read, findings } = await run({ 'payload.json': payload, 'kong.yaml': KONG_FILE, 'targets.yaml': 'targets:\n- target: 10.0.0.1:80\n  upstream: u\n', 'acls.yaml': 'acls:\n- group: g\n  consumer: c\n' });
    expect(read.sort()).toEqual(['acls.yaml', 'kong.yaml', 'targets.yaml']);
    expect(findings.filter((f) => f.startsWith('declarative/not-kong-file'))).toEqual(['declarative/not-kong-file notChecked info @1']);
    const dir = mkdtempSync(join(tmpdir(), 'kp-notkong-'));
    writeFileSync(join(dir, 'payload.json'), payload);
    expect(loadDeclarative({ paths: ['payload.json'], cwd: dir }).config!.documents.map((d) => d.file)).toEqual(['payload.json']);
  });

  it('a Kong file without _format_version, and a decK part file, are still read as Kong\'s', async () => {
    const { read, findings } = await run({ 'kong.yaml': KONG_WITHOUT_VERSION, 'groups.yaml': DECK_PART, 'header.yaml': DECK_HEADER });
    expect(read.sort()).toEqual(['groups.yaml', 'header.yaml', 'kong.yaml']);
    expect(findings.filter((f) => f.startsWith('declarative/not-kong-file'))).toEqual([]);
  });
});
