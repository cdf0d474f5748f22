// End to end: custom plugins Kong's Helm chart installs from ConfigMaps and Secrets
// (plugins.configMaps, plugins.secrets), read from the manifest that defines them and reported at
// its lines; named when that manifest is not given.

import { readFileSync } from 'node:fs';
import { fixture, runCli } from '../support/cli';

interface JsonFinding { ruleId: string; messageId: string; severity: string; message: string; location: { file?: string; line?: number; column?: number } }

const values = fixture('helm/chart-plugins/values.yaml');
const manifest = fixture('helm/chart-plugins/plugin-objects.yaml');

async function check(args: string[]) {
  const result = await runCli(['check', '--helm-values', values, ...args, '--to', '3.4', '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  const json = JSON.parse(result.stdout);
  const plugins = (json.findings as JsonFinding[]).filter((f) => f.ruleId.startsWith('plugins/'));
  const inputs = (json.installation.inputs as { label: string }[]).map((i) => i.label).join(' | ');
  const manifestNotes = (json.findings as JsonFinding[]).filter((f) => f.ruleId === 'declarative/kubernetes-manifest');
  return { plugins, inputs, manifestNotes, stdout: result.stdout };
}

/** The 1-based line of the manifest holding `text`, found rather than counted. */
function lineOf(text: string, nth = 1): number {
  const lines = readFileSync(manifest, 'utf8').split('\n');
  let seen = 0;
  const index = lines.findIndex((line) => line.includes(text) && ++seen === nth);
  return index + 1;
}

describe('plugins the Kong chart mounts from ConfigMaps and Secrets', () => {
  it('reads their Lua from the manifest given with --image-file and reports at its lines', async () => {
    const { plugins, inputs, stdout } = await check(['--image-file', manifest]);
    const removed = plugins.filter((f) => f.ruleId === 'plugins/removed-module');
    expect(removed.map((f) => [f.message.split(':')[0], f.location.file, f.location.line])).toEqual([
      ['header-stamp', manifest, lineOf('require "kong.plugins.base_plugin"', 1)],
      // lib/util.lua, from the ConfigMap the values mount as the plugin's lib/ folder.
      ['header-stamp', manifest, lineOf('require "kong.singletons"')],
      // The Secret's stringData is read like a ConfigMap's data.
      ['secret-stamp', manifest, lineOf('require "kong.plugins.base_plugin"', 2)],
    ]);
    const column = readFileSync(manifest, 'utf8').split('\n')[lineOf('require "kong.singletons"') - 1].indexOf('require') + 1;
    // The rule cites the `require` call: its column in the manifest, past the block's indentation.
    expect(removed[1].location.column).toBe(column);
    // clean-stamp uses nothing the path removes or changes.
    expect(plugins.filter((f) => f.message.startsWith('clean-stamp'))).toEqual([]);
    expect(plugins.filter((f) => f.ruleId === 'plugins/unlocated-custom-plugin')).toEqual([]);
    expect(inputs).toContain('3 plugins (header-stamp, clean-stamp, secret-stamp) from the objects the Kong chart mounts at /opt/kong/plugins/<plugin>');
    expect(inputs).toContain('header-stamp: ConfigMap kong-plugin-header-stamp, its lib/ from ConfigMap kong-plugin-header-stamp-lib');
    // The Secret's base64 schema.lua is read, decoded in memory, and cited at its key's line.
    expect(inputs).toContain('findings in secret-stamp\'s schema.lua (base64 in the Secret\'s data) cite the key\'s first line');
    expect(stdout).not.toContain('cmV0dXJu');
  });

  it('reads them from a manifest given with --declarative too', async () => {
    const { plugins, inputs, manifestNotes } = await check(['--declarative', manifest]);
    // The manifest is not called unchecked: its plugin code was read.
    expect(manifestNotes.map((f) => [f.messageId, f.severity])).toEqual([['pluginCodeRead', 'info']]);
    expect(plugins.filter((f) => f.ruleId === 'plugins/removed-module').map((f) => f.location.line)).toEqual([
      lineOf('require "kong.plugins.base_plugin"', 1), lineOf('require "kong.singletons"'), lineOf('require "kong.plugins.base_plugin"', 2),
    ]);
    expect(inputs).toContain('3 plugins (header-stamp, clean-stamp, secret-stamp) from the objects the Kong chart mounts');
    // Without the values naming the plugins, nothing in the manifest is read: it stays a warning.
    const alone = await runCli(['check', '--declarative', manifest, '--from', '2.8', '--to', '3.4', '--no-db', '--format', 'json', '--fail-on', 'none']);
    const notes = (JSON.parse(alone.stdout).findings as JsonFinding[]).filter((f) => f.ruleId === 'declarative/kubernetes-manifest');
    expect(notes.map((f) => [f.messageId, f.severity])).toEqual([['notChecked', 'warning']]);
  });

  it('names the ConfigMap or Secret and asks for its manifest when none is given', async () => {
    const { plugins } = await check([]);
    const unlocated = plugins.filter((f) => f.ruleId === 'plugins/unlocated-custom-plugin');
    expect(unlocated.map((f) => f.message).sort()).toEqual([
      expect.stringContaining('custom plugin clean-stamp is enabled but its code was not found (it comes from ConfigMap kong-plugin-clean-stamp, which the Kong chart mounts at /opt/kong/plugins/clean-stamp (plugins.configMaps[1], '),
      expect.stringContaining('custom plugin header-stamp is enabled but its code was not found (it comes from ConfigMap kong-plugin-header-stamp, which'),
      expect.stringContaining('custom plugin secret-stamp is enabled but its code was not found (it comes from Secret kong-plugin-secret-stamp, which'),
    ]);
    for (const finding of unlocated) expect(finding.message).toContain('give that manifest with --image-file');
    expect(plugins.filter((f) => f.ruleId === 'plugins/removed-module')).toEqual([]);
  });
});
