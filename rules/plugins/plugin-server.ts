// Checks Go, JavaScript and Python plugins (run by plugin servers): from 3.0 they load only
// through `pluginserver_names` (go_plugins_dir is gone), they must report a version and a
// priority like Lua handlers, and the JS/Python raw-body getters return bytes.

import * as path from 'path';
import { defineRule } from '../../src/engine/define-rule';
import { fileOrigin } from '../../src/model/origin';
import type { CustomPlugin, ExternalFile } from '../../src/inputs/plugins/types';
import { settingsReadIn } from '../../src/inputs/kong-conf/settings-read';
import { pluginServerNames } from '../../src/inputs/plugins/enabled-list';
import { pluginFacts } from '../../src/knowledge/plugins/facts';

const F = pluginFacts;
const SINCE = F.goPluginserverRemoved.introducedIn;

// How each plugin server reads a plugin's version and priority (coarse: searched line by line).
const METADATA: Record<ExternalFile['language'], { version: RegExp; priority: RegExp }> = {
  go: { version: /StartServer\s*\([^,]+,\s*[^,)]+,\s*[^,)]+\)/, priority: /StartServer\s*\([^,]+,\s*[^,)]+,\s*[^,)]+\)/ },
  javascript: { version: /\bVersion\s*:/, priority: /\bPriority\s*:/ },
  python: { version: /^\s*version\s*=/im, priority: /^\s*priority\s*=/im },
};
const RAW_BODY: Partial<Record<ExternalFile['language'], RegExp>> = { javascript: /\bgetRawBody\s*\(/, python: /\bget_raw_body\s*\(/ };

export default defineRule<'noPluginServer' | 'goPluginNotNamed' | 'missingMetadata' | 'goPluginserverModule' | 'pythonPdkWithoutVersion' | 'rawBodyBytes'>({
  id: 'plugins/plugin-server',
  description: 'Checks Go, JavaScript and Python plugins against the 3.0 plugin-server rules: pluginserver_names, version and priority, byte bodies.',
  severity: 'blocker',
  catalog: ['custom-plugin-external-raw-body-bytes', 'custom-plugin-priority-version-required', 'kong-conf-go-pluginserver-removed'],
  inputs: ['customPlugins'],
  gate: { introducedIn: SINCE },
  messages: {
    noPluginServer: '{{plugin}} is a {{language}} plugin, but `pluginserver_names` is not set in {{settings}}{{legacy}}; from Kong 3.0 only declared plugin servers load external plugins.',
    goPluginNotNamed: 'Go plugin {{plugin}} runs as its own plugin server, but `pluginserver_names` ({{names}}) does not name it.',
    missingMetadata: '{{plugin}}: no {{what}} found in {{file}}; from Kong 3.0 a plugin without a version and a priority fails to load (coarse text search: check by hand).',
    pythonPdkWithoutVersion: '{{plugin}}: kong-pdk {{version}} is pinned here; its plugin server does not pass the plugin\'s version to Kong (added in kong-pdk 0.32), so from Kong 3.0 the plugin fails to load ("VERSION ... got: nil").',
    goPluginserverModule: 'Go plugin {{plugin}} has no `func main` ({{file}}): it is a module for the go-pluginserver (`go build -buildmode=plugin`), which Kong 3.0 removed; it no longer loads (coarse text search: check by hand).',
    rawBodyBytes: '{{plugin}}: {{call}} returns bytes from Kong 3.0 ({{type}}), no longer a string.',
  },
  remediation: 'Build Go plugins with the go-pdk embedded server and declare every plugin server in pluginserver_names with its pluginserver_<name>_start_cmd and _query_cmd; give each plugin a version and a priority; decode raw bodies explicitly.',
  docsUrl: F.goPluginserverRemoved.docsUrl,
  sources: [...F.goPluginserverRemoved.sources, ...F.priorityVersionRequired.sources, ...F.externalRawBodyBytes.sources,
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugin_servers/process.lua@3.0.0', note: 'a plugin server plugin\'s VERSION is the Version of its plugin info' },
    { kind: 'repo', ref: 'Kong/kong-python-pdk:kong_pdk/server.py@0.3.2', note: 'get_plugin_info sends Version from 0.32 on (commit 132f31d, #79); 0.3.1 and before did not' },
    { kind: 'repo', ref: 'Kong/go-pluginserver:pluginserver.go@54c89b6', note: 'loadPlugin opens <plugins dir>/<name>.so and looks up New, Version, Priority' },
    { kind: 'repo', ref: 'Kong/go-pdk:server/pbserver.go@5f121b44', note: 'StartServer(constructor, version, priority): the embedded server a plugin program runs' }],
  check(ctx) {
    const conf = ctx.optionalInput('kongConf');
    const names = conf ? pluginServerNames(conf) : undefined;
    const goDir = conf?.get('go_plugins_dir');
    const external = ctx.input('customPlugins').plugins.filter((p) => p.language !== 'lua');
    for (const plugin of external) {
      const data = { plugin: plugin.name, language: plugin.language };
      if (names !== undefined && names.length === 0) {
        ctx.report({ messageId: 'noPluginServer', at: goDir?.origin ?? plugin.origin,
          data: { ...data, settings: settingsReadIn(conf!), legacy: goDir && goDir.value !== 'off' ? ` (go_plugins_dir = ${goDir.value} is ignored from 3.0)` : '' } });
      } else if (names && plugin.language === 'go' && !names.includes(plugin.name.toLowerCase())) {
        ctx.report({ messageId: 'goPluginNotNamed', severity: 'warning', at: conf!.get('pluginserver_names')!.origin,
          data: { ...data, names: names.join(', ') } });
      }
      checkFiles(plugin, (messageId, at, extra, remediation) => ctx.report({ messageId, severity: 'warning', at, data: { ...data, ...extra }, remediation }));
      // Only the two-part numbers kong-pdk is published under; `==0.3.1` names no release.
      if (plugin.pdkPin && /^\d+\.\d+$/.test(plugin.pdkPin.version) && versionBelow(plugin.pdkPin.version, PYTHON_PDK_SENDS_VERSION)) {
        ctx.report({ messageId: 'pythonPdkWithoutVersion', severity: 'warning', at: plugin.pdkPin.origin, data: { ...data, version: plugin.pdkPin.version },
          remediation: 'Pin kong-pdk 0.32 or later (the current 0.3x releases keep the same plugin API) and rebuild the plugin server image.' });
      }
    }
  },
});

// kong-pdk for Python publishes its versions as 0.27, 0.30, 0.32... (setup.py formats __version__ with %.2f).
const PYTHON_PDK_SENDS_VERSION = '0.32';

/** Release segments compared as numbers: 0.27 < 0.3.1 < 0.32 < 0.40. */
function versionBelow(version: string, bound: string): boolean {
  const a = version.split('.').map(Number);
  const b = bound.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

type Reporter = (messageId: 'missingMetadata' | 'goPluginserverModule' | 'rawBodyBytes', at: ReturnType<typeof fileOrigin>, data: Record<string, string>, remediation: string) => void;

function checkFiles(plugin: CustomPlugin, report: Reporter): void {
  const files = plugin.externalFiles;
  const text = files.map((f) => f.lines.join('\n')).join('\n');
  // Go/go-pluginserver's loadPlugin opened <name>.so and looked up New (and Version, Priority); the
  // embedded server that replaces it is a program whose main calls server.StartServer.
  if (plugin.language === 'go' && !/^\s*func\s+main\s*\(\s*\)/m.test(text)) {
    report('goPluginserverModule', plugin.origin, { file: path.basename(files[0].path) },
      'Give the plugin a `func main() { server.StartServer(New, Version, Priority) }`, build it as an executable, and declare it in pluginserver_names.');
    return;
  }
  const meta = METADATA[plugin.language as ExternalFile['language']];
  const missing = [!meta.version.test(text) && 'version', !meta.priority.test(text) && 'priority'].filter(Boolean);
  if (missing.length > 0) report('missingMetadata', plugin.origin, { what: missing.join(' and '), file: path.basename(files[0].path) },
    'Export a version ("x.y.z") and an integer priority the way the plugin server reads them (Go: StartServer arguments; JavaScript: Version and Priority exports; Python: module-level version and priority).');
  for (const file of files) {
    const pattern = RAW_BODY[file.language];
    if (!pattern) continue;
    file.lines.forEach((line, i) => {
      const m = pattern.exec(line);
      if (m) report('rawBodyBytes', fileOrigin(file.path, i + 1, m.index + 1),
        { call: m[0].replace(/\s*\($/, '()'), type: file.language === 'javascript' ? 'Uint8Array' : 'bytes' },
        'Decode the body explicitly (TextDecoder in JavaScript, .decode() in Python) where the code needs text.');
    });
  }
}
