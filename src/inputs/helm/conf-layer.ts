// Turns the Kong chart's `env:` entries into kong.conf settings for the kong.conf loader: each
// keeps its position in values.yaml and the variable name the container sees. Entries read from
// a Secret or ConfigMap at deploy time are known but unreadable here: they become diagnostics,
// never invented values.

import type { ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic, ConfSetting } from '../kong-conf/types';
import { helmEnvEntries } from './kong-chart';
import type { HelmValues } from './values';

export function helmConfLayer(values: HelmValues): ConfLayer {
  const settings: ConfSetting[] = [];
  const diagnostics: ConfDiagnostic[] = [];
  for (const entry of helmEnvEntries(values)) {
    if (entry.value === undefined) {
      diagnostics.push({
        kind: 'unreadable-value',
        key: entry.key,
        origin: entry.origin,
        message: `\`env.${entry.key}\` comes from ${entry.valueFrom} when the pod starts: its value cannot be read here, so no rule checked it`,
      });
      continue;
    }
    if (entry.yamlBoolean) {
      diagnostics.push({
        kind: 'yaml-boolean',
        key: entry.key,
        origin: entry.origin,
        message: `\`env.${entry.key}\` is an unquoted YAML 1.1 boolean word: Helm reads it as a boolean and the chart passes "${entry.value}" to Kong; quote it (for example "off")`,
      });
    }
    if (entry.exponentForm) {
      diagnostics.push({
        kind: 'exponent-number',
        key: entry.key,
        origin: entry.origin,
        message: `\`env.${entry.key}\` is an unquoted large or tiny number: Helm reads numbers as floats and renders this one in exponent form (1000000 becomes 1e+06), which Kong does not read as written; quote it`,
      });
    }
    // A chart default is no line of the user's: it reaches Kong as the container variable.
    const origin = entry.chartDefault ? { kind: 'env' as const, env: entry.envName } : entry.origin;
    settings.push({ key: entry.key, value: entry.value.trim(), rawValue: entry.value, origin, envName: entry.envName, overrides: [] });
  }
  const first = values.files[0];
  return { settings, diagnostics, ...(first ? { anchor: { kind: 'file', file: first, line: 1, column: 1 } } : {}) };
}
