// Turns the Kong chart's `env:` entries into kong.conf settings for the kong.conf loader: each
// keeps its position in values.yaml and the variable name the container sees. Entries read from
// a Secret or ConfigMap at deploy time are known but unreadable here: they become diagnostics,
// never invented values. The chart's own defaults are kept apart from what the user wrote.

import { HELM_CHART } from '../../knowledge/platform/helm-chart';
import { confCatalog } from '../../knowledge/conf/catalog';
import { isSecretName } from '../../knowledge/conf/sensitive';
import type { Edition } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import type { ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic, ConfSetting, KongConf } from '../kong-conf/types';
import { enterpriseOnOssImage, enterpriseSwitch, helmEnvEntries, templateTruth } from './kong-chart';
import { fileOrigin, type FileOrigin } from '../../model/origin';
import type { HelmValue, HelmValues } from './values';
import type { ChartRelease } from './chart-release';

/**
 * A setting the chart supplies that no values file wrote (`Kong chart 3.4.1`). The kong.conf
 * loader copies settings by spreading them, so the mark reaches the KongConf; a `KONG_*`
 * variable that overrides the key makes a new setting, without it.
 */
export interface ChartDefaultSetting extends ConfSetting {
  chartDefault: string;
}

/** The chart release whose default this setting is, or undefined for a setting someone wrote. */
export function chartDefaultOf(setting: ConfSetting): string | undefined {
  return (setting as Partial<ChartDefaultSetting>).chartDefault;
}

/**
 * A setting a values file wrote with the very key and value of the chart's own `env:` default
 * (`portal_api_access_log: /dev/stdout`): what a values file copied whole from the chart's
 * values.yaml holds. The chart sets that variable for every edition, so it says nothing about
 * which Kong runs; unlike a chart default it is the user's line, and the rules still judge it.
 */
export interface ChartDefaultCopySetting extends ConfSetting {
  copiesChartDefault: string;
}

/** The chart release whose default this written setting repeats, or undefined. */
export function chartDefaultCopyOf(setting: ConfSetting): string | undefined {
  return (setting as Partial<ChartDefaultCopySetting>).copiesChartDefault;
}

/**
 * A setting the chart renders from one of its own switches (`enterprise.portal.enabled` ->
 * KONG_PORTAL=on): someone wrote it, at the switch's line, but not under `env:`.
 */
export interface ChartDerivedSetting extends ConfSetting {
  /** The values key it comes from (`enterprise.portal.enabled`). */
  chartSwitch: string;
  /** How the chart turns the switch into the setting, for messages. */
  chartReason: string;
}

/**
 * The `declarative_config` the chart sets for inline `dblessConfig.config` text: that text is the
 * configuration Kong loads, and the declarative loader reads it where the values file writes it.
 */
export interface ChartDblessTextSetting extends ChartDerivedSetting {
  /** The values key (`dblessConfig.config`, `gateway.dblessConfig.config`) and its scalar as read. */
  dblessText: { key: string; node: HelmValue & { kind: 'scalar' } };
}

/** The inline `dblessConfig.config` text this setting comes from, or undefined. */
export function chartDblessTextOf(setting: ConfSetting): ChartDblessTextSetting['dblessText'] | undefined {
  return (setting as Partial<ChartDblessTextSetting>).dblessText;
}

/** The values switch that made the chart write this setting, and how; undefined for others. */
export function chartSwitchOf(setting: ConfSetting): Pick<ChartDerivedSetting, 'chartSwitch' | 'chartReason'> | undefined {
  const { chartSwitch, chartReason } = setting as Partial<ChartDerivedSetting>;
  return chartSwitch && chartReason ? { chartSwitch, chartReason } : undefined;
}

/**
 * The Enterprise products the chart turns on or off from `enterprise.*` switches, only inside its
 * `enterprise.enabled` block (Kong/charts charts/kong/templates/_helpers.tpl@e76b8003 lines
 * 1114-1133): portal.enabled true sets KONG_PORTAL=on; vitals.enabled false sets KONG_VITALS=off,
 * and true leaves KONG_VITALS unset, so Kong's Enterprise default `vitals = on` applies (kong.conf
 * reference 2.8-3.4). An `env:` entry for the same key wins (the chart merges env over these).
 */
function enterpriseSwitchSettings(values: HelmValues, written: ReadonlySet<string>): ConfSetting[] {
  if (!enterpriseSwitch(values)?.on) return [];
  const settings: ChartDerivedSetting[] = [];
  const derive = (product: string, key: string, value: (enabled: boolean) => { value: string; how: string } | undefined) => {
    const node = values.scalar('enterprise', product, 'enabled');
    // Tested with Go template truth, as enterprise.enabled is: a quoted "false" is on.
    const enabled = node ? templateTruth(node) : undefined;
    if (!node || enabled === undefined || written.has(key)) return;
    const rendered = value(enabled);
    if (rendered === undefined) return;
    const envName = `${HELM_CHART.envPrefix}${key.toUpperCase()}`;
    const chartSwitch = `${values.prefix}enterprise.${product}.enabled`;
    const shown = typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    settings.push({
      key, value: rendered.value, rawValue: rendered.value, origin: node.origin, envName, overrides: [],
      chartSwitch, chartReason: `\`${chartSwitch}: ${shown}\`: ${rendered.how}${typeof node.value === 'string' ? ' (text that is not empty counts as true in the chart\'s `if`)' : ''}`,
    });
  };
  derive('portal', 'portal', (enabled) => (enabled ? { value: 'on', how: 'the Kong chart sets KONG_PORTAL=on' } : undefined));
  derive('vitals', 'vitals', (enabled) => (enabled
    ? { value: 'on', how: 'the Kong chart leaves KONG_VITALS unset, and Kong Enterprise defaults vitals to on' }
    : { value: 'off', how: 'the Kong chart sets KONG_VITALS=off' }));
  return settings;
}

/**
 * The `plugins` setting the chart writes when the values list custom plugins under `plugins:`
 * (Kong/charts charts/kong/templates/_helpers.tpl@e76b8003 lines 853-867 and 1218-1220): `bundled`
 * followed by every `configMaps[].pluginName`, `secrets[].pluginName` and `preInstalled` name,
 * as KONG_PLUGINS. An `env.plugins` entry wins (the chart merges env over it).
 */
function chartPluginsSetting(values: HelmValues, written: ReadonlySet<string>): ConfSetting[] {
  if (written.has('plugins')) return [];
  const names: string[] = [];
  const switches: { path: string; origin: FileOrigin }[] = [];
  for (const kind of ['configMaps', 'secrets']) {
    const list = values.at('plugins', kind);
    if (list?.kind !== 'seq') continue;
    const named = list.items.flatMap((item) => {
      const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).pluginName : undefined;
      return typeof name === 'string' && name.trim() !== '' ? [name.trim()] : [];
    });
    if (named.length === 0) continue;
    names.push(...named);
    switches.push({ path: `plugins.${kind}`, origin: list.origin });
  }
  const preInstalled = values.scalar('plugins', 'preInstalled');
  if (preInstalled && typeof preInstalled.value === 'string') {
    const named = preInstalled.value.split(',').map((n) => n.trim()).filter((n) => n !== '');
    if (named.length > 0) {
      names.push(...named);
      switches.push({ path: 'plugins.preInstalled', origin: preInstalled.origin });
    }
  }
  if (switches.length === 0) return [];
  // Helm's `uniq`: a name listed twice (or `bundled` itself) appears once.
  const value = [...new Set(['bundled', ...names])].join(',');
  const chartSwitch = `${values.prefix}${switches[0].path}`;
  const setting: ChartDerivedSetting = {
    key: 'plugins', value, rawValue: value, origin: switches[0].origin, envName: `${HELM_CHART.envPrefix}PLUGINS`, overrides: [],
    chartSwitch, chartReason: `\`${switches.map((s) => `${values.prefix}${s.path}`).join('`, `')}\`: the Kong chart sets KONG_PLUGINS=${value}`,
  };
  return [setting];
}

/**
 * The `declarative_config` the chart sets for a DB-less Kong it configures itself (no ingress
 * controller, `env.database` "off"): exactly one of `dblessConfig.configMap`, `.secret` or
 * `.config` is mounted at /kong_dbless/ and KONG_DECLARATIVE_CONFIG names its kong.yml; the
 * `.config` text becomes a ConfigMap the chart names `<release>-kong-custom-dbless-config`
 * (Kong/charts charts/kong/templates/_helpers.tpl@kong-3.4.1 lines 51-54, 697-714 and 1211-1215,
 * config-dbless.yaml@kong-3.4.1). The chart's own default turns the controller on, so only a
 * written `ingressController.enabled: false` counts. An `env.declarative_config` wins.
 */
function chartDblessConfigSetting(values: HelmValues, written: ReadonlySet<string>): ConfSetting[] {
  if (written.has('declarative_config') || values.scalar('ingressController', 'enabled')?.value !== false) return [];
  if (helmEnvEntries(values).find((e) => e.key === 'database')?.value !== 'off') return [];
  const sources = (['configMap', 'secret', 'config'] as const).flatMap((field) => {
    const node = values.scalar('dblessConfig', field);
    return node && typeof node.value === 'string' && node.value !== '' ? [{ field, node, text: node.value }] : [];
  });
  if (sources.length !== 1) return []; // none, or the chart refuses the release as ambiguous
  const [{ field, node, text }] = sources;
  const chartSwitch = `${values.prefix}dblessConfig.${field}`;
  const mounted = 'which the Kong chart mounts at /kong_dbless/ and names in KONG_DECLARATIVE_CONFIG';
  const where = `${node.origin.file}:${node.origin.line}`;
  const chartReason = field === 'configMap' ? `the ConfigMap \`${text}\` (key kong.yml) named by \`${chartSwitch}\` at ${where}, ${mounted}`
    : field === 'secret' ? `the Secret \`${text}\` (key kong.yml) named by \`${chartSwitch}\` at ${where}, ${mounted}`
      : `the \`${chartSwitch}\` text at ${where}, which the Kong chart writes into the ConfigMap \`<release>-kong-custom-dbless-config\`, mounts at /kong_dbless/ and names in KONG_DECLARATIVE_CONFIG`;
  const value = '/kong_dbless/kong.yml';
  const setting: ChartDerivedSetting = {
    key: 'declarative_config', value, rawValue: value, origin: node.origin, envName: `${HELM_CHART.envPrefix}DECLARATIVE_CONFIG`, overrides: [],
    chartSwitch, chartReason,
  };
  if (field !== 'config') return [setting];
  const inline: ChartDblessTextSetting = { ...setting, dblessText: { key: chartSwitch, node } };
  return [inline];
}

/**
 * `dblessConfig.config` written as a YAML mapping (or list) rather than text: the chart renders it
 * with `nindent` (charts/kong/templates/config-dbless.yaml@e76b800 line 13), a Sprig function of
 * a string (Masterminds/sprig strings.go `nindent(spaces int, v string)`), and Go's templates refuse
 * any other type for it ("wrong type for value; expected string", golang/go
 * src/text/template/exec.go validateType), so the release does not render. Said only where the
 * chart renders that ConfigMap: no controller, `env.database` off, no configMap or secret named.
 * Older charts differ (Kong/charts history of that file): from kong-2.4.0 (#465) to 2.14 it was
 * `toYaml` under `kong.yml:`, which puts a mapping into the ConfigMap's data, where Kubernetes
 * accepts only text; before 2.4.0, `toYaml` inside `kong.yml: |` turned a mapping into text.
 * Since 2.15.0 (#695) it is `nindent`.
 */
function dblessConfigNotText(values: HelmValues, release?: ChartRelease): ConfDiagnostic[] {
  const config = values.at('dblessConfig', 'config');
  if (config?.kind !== 'map' && config?.kind !== 'seq') return [];
  if ((config.kind === 'map' ? config.entries.size : config.items.length) === 0) return [];
  if (values.scalar('ingressController', 'enabled')?.value !== false) return [];
  if (helmEnvEntries(values).find((e) => e.key === 'database')?.value !== 'off') return [];
  if ((['configMap', 'secret'] as const).some((field) => { const v = values.scalar('dblessConfig', field)?.value; return typeof v === 'string' && v !== ''; })) return [];
  const key = `${values.prefix}dblessConfig.config`;
  const kind = config.kind === 'map' ? 'mapping' : 'list';
  const older = chartBeforeRefusal(release);
  if (older) {
    // The chart in use still turns it into text: nothing fails today, the next chart will.
    return [{
      kind: 'chart-upgrade-refuses',
      origin: config.origin,
      message: `\`${key}\` is a YAML ${kind}, not text: ${older.range ? `every release ${older.release.label} allows turns` : `${older.release.label} turns`} it into the kong.yml text of its ConfigMap (charts before ${HELM_CHART.dblessConfigMapping.refusedFrom} do), but every Kong chart from ${HELM_CHART.dblessConfigMapping.refusedFrom} refuses it (2.4.0 to 2.14 render a ConfigMap that Kubernetes refuses, and from 2.15.0 helm install and helm upgrade fail with "wrong type for value; expected string"), so moving this release to a newer chart fails; write it as a literal block (\`config: |\` with the kong.yml indented below), or pass the file with --set-file ${key}=kong.yml, before the chart upgrade`,
    }];
  }
  return [{
    kind: 'helm-render-refused',
    origin: config.origin,
    message: `\`${key}\` is a YAML ${config.kind === 'map' ? 'mapping' : 'list'}, not text: the Kong chart writes it into its ConfigMap with \`nindent\` (since chart 2.15.0), which takes only text, so helm install and helm upgrade fail ("wrong type for value; expected string"; charts 2.4.0 to 2.14 render a ConfigMap that Kubernetes refuses, and only charts before 2.4.0 turned a mapping into text); write it as a literal block (\`config: |\` with the kong.yml indented below), or pass the file with --set-file ${key}=kong.yml`,
  }];
}

/**
 * `enterprise.enabled` written as text that says off (`"false"`, a `--set-string` false): the
 * chart tests it with Go's template truth, where any text but "" is true, so it renders its
 * Enterprise block (HELM_CHART.enterpriseSwitch) while the values look as if they turn it off.
 */
function enterpriseSwitchSaysOff(values: HelmValues): ConfDiagnostic | undefined {
  const enabled = enterpriseSwitch(values);
  if (!enabled?.textSaysOff) return undefined;
  const key = `${values.prefix}enterprise.enabled`;
  return {
    kind: 'enterprise-switch-text',
    origin: enabled.node.origin,
    message: `\`${key}\` is the text ${JSON.stringify(enabled.node.value)}, not the boolean false: the Kong chart tests it with a Go template \`if\`, where any text that is not empty is true, so a quoted "false" still switches the chart's Enterprise settings on (Enterprise variables, the license Secret, the Dev Portal Services); write \`enabled: false\` without quotes (with helmfile, in \`set:\` rather than \`setString:\`) to turn them off`,
  };
}

/**
 * The release of Kong's chart named beside the values (helmfile `version:`, Argo CD
 * targetRevision, Flux version, Chart.lock/Chart.yaml dependency), when it is older than the
 * chart that first refuses a dblessConfig mapping: one release, or a range every release of which
 * is older (`~2.3.0`, `<2.4.0`), with `range` saying which. A range reaching that chart, another
 * chart or no version leaves the chart unknown: undefined.
 */
function chartBeforeRefusal(release: ChartRelease | undefined): { release: ChartRelease; range: boolean } | undefined {
  const declaration = release?.declaration;
  if (!release || !declaration || declaration.chart !== 'kong') return undefined;
  if (declaration.repository && /bitnami/i.test(declaration.repository)) return undefined;
  // Loaded only when a chart release is named (Helm installations).
  const { exactVersion, rangeBelow } = require('./chart-release') as typeof import('./chart-release');
  const refusedFrom = HELM_CHART.dblessConfigMapping.refusedFrom;
  const version = exactVersion(declaration.version);
  if (!version) return rangeBelow(declaration.version, refusedFrom) ? { release, range: true } : undefined;
  const parts = (text: string) => text.replace(/-.*$/, '').split('.').map(Number);
  const [a, b] = [parts(version), parts(refusedFrom)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? { release, range: false } : undefined;
  return undefined;
}

export function helmConfLayer(values: HelmValues, notUnderstood?: string, release?: ChartRelease): ConfLayer {
  const settings: ConfSetting[] = [];
  const diagnostics: ConfDiagnostic[] = [];
  const first = values.files[0];
  const anchor = first ? fileOrigin(first, 1) : undefined;
  if (notUnderstood) {
    // Nothing of the file is read: say so where the file starts, instead of checking an empty chart.
    for (const file of values.files) diagnostics.push({ kind: 'unreadable-value', origin: fileOrigin(file, 1), message: `${file} is not understood as Kong chart values: ${notUnderstood}` });
    return { settings, diagnostics, ...(anchor ? { anchor } : {}) };
  }
  const env = `${values.prefix}env`;
  for (const entry of helmEnvEntries(values)) {
    if (entry.value === undefined) {
      diagnostics.push({
        kind: 'unreadable-value',
        key: entry.key,
        origin: entry.origin,
        message: entry.condition !== undefined
          ? `\`${env}.${entry.key}\` is written under ${entry.condition}, a template condition helmfile evaluates: whether its value reaches Kong cannot be known here, so no rule checked it`
          : entry.template !== undefined
          ? `\`${env}.${entry.key}\` is written as a template (\`${entry.template}\`) that helmfile fills in before Helm runs: its value cannot be read here, so no rule checked it`
          : `\`${env}.${entry.key}\` comes from ${entry.valueFrom} when the pod starts: its value cannot be read here, so no rule checked it`,
      });
      continue;
    }
    if (entry.refusedByChart) {
      // The chart fails the release on this entry: Kong never receives a value for it.
      diagnostics.push({
        kind: 'helm-render-refused',
        key: entry.key,
        origin: entry.origin,
        message: `\`${env}.${entry.key}\` is ${entry.yamlBoolean ? 'an unquoted YAML 1.1 boolean word' : 'a boolean'} on a log key: the Kong chart refuses booleans there (it fails with "env.${entry.key} must use string 'off' to disable", since ${HELM_CHART.logKeyBooleanRefused.since}), so helm install and helm upgrade fail; quote it ("off")`,
      });
      continue;
    }
    if (entry.yamlBoolean) {
      diagnostics.push({
        kind: 'yaml-boolean',
        key: entry.key,
        origin: entry.origin,
        // A password written `yes` reaches Kong as "true": for a secret that word is the value itself.
        message: isSecretName(entry.key)
          ? `\`${env}.${entry.key}\` is an unquoted YAML 1.1 boolean word: Helm reads it as a boolean and the chart passes Kong "true" or "false" instead of the word written (the value is a secret and is not shown); quote it`
          : `\`${env}.${entry.key}\` is an unquoted YAML 1.1 boolean word: Helm reads it as a boolean and the chart passes "${entry.value}" to Kong; quote it (for example "off")`,
      });
    }
    if (entry.exponentForm && !readAsNumber(entry.key)) {
      diagnostics.push({
        kind: 'exponent-number',
        key: entry.key,
        origin: entry.origin,
        message: `\`${env}.${entry.key}\` is an unquoted large or tiny number: Helm reads numbers as floats and renders this one in exponent form (1000000 becomes 1e+06), which Kong does not read as written for this property; quote it`,
      });
    }
    // A chart default is no line of the user's: it reaches Kong as the container variable.
    const setting: ConfSetting = { key: entry.key, value: entry.value.trim(), rawValue: entry.value, origin: entry.origin, envName: entry.envName, overrides: [] };
    if (entry.chartDefault) {
      const fromChart: ChartDefaultSetting = { ...setting, origin: { kind: 'env', env: entry.envName }, chartDefault: entry.chartDefault };
      settings.push(fromChart);
    } else if (HELM_CHART.defaultEnv[entry.key] === setting.value) {
      const copy: ChartDefaultCopySetting = { ...setting, copiesChartDefault: HELM_CHART.defaultsFrom };
      settings.push(copy);
    } else {
      settings.push(setting);
    }
  }
  const written = new Set(settings.map((s) => s.key).concat(diagnostics.flatMap((d) => (d.key ? [d.key] : []))));
  const switchText = enterpriseSwitchSaysOff(values);
  if (switchText) diagnostics.push(switchText);
  // Told to write the switch unquoted, the operator turns the block off: the image advice would mislead.
  const ossImage = enterpriseOnOssImage(values);
  if (ossImage && !switchText) {
    diagnostics.push({
      kind: 'enterprise-on-oss-image',
      origin: ossImage.origin,
      message: `\`${ossImage.path}\` is true, but the chart runs image ${ossImage.image}, open-source Kong: the switch changes no image, it adds Enterprise settings (Dev Portal, Vitals, RBAC, SMTP, the license) to the container's environment, and open-source Kong reads no variable for a property it does not have, so those do not apply; the edition is taken from the image`,
    });
  }
  // On an open-source image the switches' settings (portal, vitals) reach a Kong that drops them.
  settings.push(...(ossImage ? [] : enterpriseSwitchSettings(values, written)), ...chartPluginsSetting(values, written), ...chartDblessConfigSetting(values, written));
  diagnostics.push(...dblessConfigNotText(values, release));
  return { settings, diagnostics, ...(anchor ? { anchor } : {}) };
}

/**
 * True when every Kong release that declares the key types it `number` (kong_defaults typing in
 * conf_loader): Kong reads the value with tonumber, so `1.6777216e+07` is 16777216 as meant.
 * Size and string properties (`mem_cache_size`, nginx_* directives) keep the exponent text.
 */
function readAsNumber(key: string): boolean {
  const catalog = confCatalog();
  const types = catalog.ossVersions
    .map((minor) => catalog.property(key, KongVersion.parse(minor), 'oss'))
    .filter((facts) => facts !== undefined)
    .map((facts) => facts.type);
  return types.length > 0 && types.every((type) => type === 'number');
}

/**
 * The KongConf the rules see once the path is known: chart defaults that the target Kong does not
 * read (the chart's `portal_api_*` log paths on open-source Kong or after 3.5, `router_flavor`
 * before 3.0) are left out. Nobody wrote them and Kong ignores them, so there is nothing to judge
 * or fix; the chart defaults Kong does read stay, as the values Kong runs with. Lines that only
 * repeat such a default go too: removing them would leave the chart's own variable in place.
 */
export function withoutIgnoredChartDefaults(conf: KongConf, to: KongVersion, edition: Edition): KongConf {
  const catalog = confCatalog();
  const fromChart = (setting: ConfSetting) => chartDefaultOf(setting) !== undefined || chartDefaultCopyOf(setting) !== undefined;
  const ignored = (setting: ConfSetting) => fromChart(setting) && !catalog.isEffective(setting.key, to, edition);
  if (!conf.rawSettings().some(ignored)) return conf;
  const keep = (setting: ConfSetting | undefined) => (setting && !ignored(setting) ? setting : undefined);
  return {
    file: conf.file,
    dir: conf.dir,
    ...(conf.modifiedAt ? { modifiedAt: conf.modifiedAt } : {}),
    diagnostics: conf.diagnostics,
    get: (key) => keep(conf.get(key)),
    has: (key) => keep(conf.get(key)) !== undefined,
    settings: () => conf.settings().filter((s) => !ignored(s)),
    withPrefix: (prefix) => conf.withPrefix(prefix).filter((s) => !ignored(s)),
    raw: (key) => keep(conf.raw(key)),
    rawSettings: () => conf.rawSettings().filter((s) => !ignored(s)),
    envSettings: () => conf.envSettings().filter((s) => !ignored(s)),
    anchor: () => conf.anchor(),
  };
}
