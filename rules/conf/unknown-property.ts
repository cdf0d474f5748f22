// Flags keys the target version does not know at all: Kong drops unknown keys without a word, so
// a typo (`pg_passsword`) or a property from another edition or version silently does nothing.
// Suggests the closest known names. Keys that vanish on the path belong to conf/removed-property.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { CONF_DATA, changeCovers, changesOfKind, ownedByOtherRule } from '../../src/knowledge/conf/changes';
import { chartDefaultOf, chartSwitchOf } from '../../src/inputs/helm/conf-layer';
import { isReadByBuild } from '../../src/inputs/images/dockerfile-setting';
import { KongVersion } from '../../src/version/kong-version';
import type { ConfSetting, KongConf } from '../../src/inputs/kong-conf/types';
import { editDistance, suggestions } from '../../src/text/did-you-mean';
import { INJECTION_NAMESPACES } from '../../src/knowledge/nginx-directives';

const ID = 'conf/unknown-property';

export default defineRule<'unknown' | 'unknownVariable' | 'imageVariable' | 'commandVariable' | 'otherVersions' | 'enterpriseOnly' | 'readElsewhere' | 'productGone' | 'enterpriseProductGone'>({
  id: ID,
  description: 'Flags keys that the target version does not know and ignores silently, with the closest property names.',
  severity: 'warning',
  inputs: ['kongConf'],
  versionData: ['since'],
  messages: {
    unknown: '`{{key}}` is not a property of Kong {{to}}: it is ignored.{{suggestion}}',
    unknownVariable: '{{env}} in the environment of this check names no Kong {{to}} property (`{{key}}`), nor any close to it: Kong ignores it. Where the check does not run in the Kong node\'s environment (a CI job setting KONG_IMAGE for itself, say), it is not Kong\'s at all.',
    imageVariable: '{{env}}, set by this Dockerfile ENV and read by its own instructions, names no Kong {{to}} property (`{{key}}`), nor any close to it: Kong reads a KONG_ variable only for a property it declares, so it ignores this one, before and after the upgrade.',
    commandVariable: '{{env}} is read by {{reader}} and names no Kong {{to}} property (`{{key}}`), nor any close to it: Kong reads a KONG_ variable only for a property it declares, so it ignores this one, before and after the upgrade.',
    otherVersions: '`{{key}}` is not a property of Kong {{to}} (it exists in {{versions}}): it is ignored.{{suggestion}}',
    readElsewhere: '`{{key}}` is not a kong.conf property: {{use}}.',
    enterpriseOnly: '`{{key}}` is an Enterprise property: Kong OSS {{to}} ignores it. If this node runs Kong Enterprise, pass --edition enterprise.',
    productGone: '`{{key}}`{{via}} belongs to a product that Kong {{since}} stopped shipping, before this path starts: Kong {{to}} ignores it, as {{from}} already does.',
    enterpriseProductGone: '`{{key}}`{{via}} belongs to an Enterprise product that Kong Enterprise {{enterpriseRelease}} stopped shipping: Kong OSS ignores it, before and after this upgrade.',
  },
  remediation: 'Fix the spelling, or remove the line if the property is not meant for this version.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3', note: 'only declared keys and dynamic namespaces survive loading' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3:345', note: 'the user configuration is built by pairmap(overrides, defaults): only declared properties and dynamic namespace keys are looked up as KONG_<KEY> (2.8.5: init.lua line 1456)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'DYNAMIC_KEY_NAMESPACES: nginx directives come only from keys under an nginx_<block>_ prefix' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/configuration/', note: 'Enterprise reference per minor' },
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    const catalog = confCatalog();
    // The Enterprise reference writes some families as placeholders (pluginserver_XXX_socket): not suggestions.
    const known = catalog.names(plan.to, plan.edition).filter((name) => /^[a-z0-9_]+$/.test(name));
    // The namespaces the target injects (nginx_location_ from 3.6, nginx_wasm_ 3.4-3.10): only those are offered.
    const targetPrefixes = new Set(catalog.namespaces(plan.to, plan.edition).map((ns) => ns.prefix));
    const namespaces = INJECTION_NAMESPACES.filter((ns) => targetPrefixes.has(ns.prefix));
    const bomMangled = bomMangledKeys(conf);
    for (const setting of conf.settings()) {
      const { key } = setting;
      if (isNonPropertyEnv(setting) || ownedByOtherRule(key, ID, plan)) continue;
      // A first key glued to a byte-order mark (`___role`): conf/file-syntax names the cause.
      if (setting.origin.kind === 'file' && bomMangled.has(`${setting.origin.file}\0${key}`)) continue;
      if (catalog.isEffective(key, plan.to, plan.edition)) continue;
      const elsewhere = CONF_DATA.nonPropertyEnv.fileKeys.find((k) => k.key === key);
      if (elsewhere && setting.origin.kind === 'file') {
        ctx.report({ messageId: 'readElsewhere', at: setting.origin, severity: 'info', data: { key, use: elsewhere.use } });
        continue;
      }
      // Known on the source: removed on the path, which conf/removed-property reports.
      if (catalog.isEffective(key, plan.from, plan.edition)) continue;
      // A leftover of an Enterprise product removed before the source (Vitals, Dev Portal): as
      // harmless as the leftovers conf/enterprise-removed reports on paths that cross the removal
      // (Konnect's generated data plane settings still carry KONG_VITALS=off).
      // On open-source Kong such a key was never read: the same, once no Enterprise target knows it
      // either (while one does, enterpriseOnly below says so).
      const gone = changesOfKind('product-removed').find((c) => changeCovers(c, key));
      const ossLeftover = gone && plan.edition === 'oss' && !catalog.property(key, plan.to, 'enterprise');
      if (gone && (ossLeftover || plan.from.gte(KongVersion.parse(gone.introducedIn)))) {
        const chart = chartSwitchOf(setting);
        const via = chart ? ` (${chart.chartReason})` : '';
        ctx.report({
          messageId: ossLeftover ? 'enterpriseProductGone' : 'productGone', at: setting.origin, severity: gone.leftoverSeverity ?? 'info',
          // The Enterprise wording keeps the Enterprise release; `since` is shown as the report's edition numbers it (versionData).
          data: ossLeftover
            ? { key, via, enterpriseRelease: gone.introducedIn }
            : { key, via, since: gone.introducedIn, to: plan.to.toString(), from: plan.from.toString() },
          remediation: `Remove ${chart?.chartSwitch ?? key}.`,
        });
        continue;
      }
      // `KONG_ADMIN_GUI_URL = ...` in kong.conf: the environment form of a property, which the
      // file does not read (conf_loader matches file keys as written, env names as KONG_ + upper case).
      const envForm = setting.origin.kind === 'file' ? envFormOf(key, known) : undefined;
      // `KONG_CLIENT_MAX_BODY_SIZE` under a Helm `env:` (sweep 21, chithanh12/k8-cluster): without
      // the second prefix the key names a property renamed long ago, whose old name no longer works
      // on the target: the advice names its successor, not the dead name.
      const doubled = setting.envName ? doubledPrefixRenamed(key, plan) : undefined;
      // A key renamed long before the path (custom_plugins, 1.0) is no typo: name its successor.
      const renamed = changesOfKind('renamed').find((c) => changeCovers(c, key) && c.replacement && catalog.isEffective(c.replacement, plan.to, plan.edition));
      const namespaced = envForm || renamed ? [] : namespacedForms(key, known, namespaces);
      const near = doubled ? [doubled.replacement] : envForm ? [envForm] : renamed ? [renamed.replacement!] : namespaced.length > 0 ? namespaced.map((c) => c.name) : suggestions(key, known);
      const misspelt = near.length === 0 ? misspeltNamespace(key, namespaces) : undefined;
      const close = misspelt ? [misspelt.name] : near;
      // A Helm `env:` key or a container variable already reaches Kong as KONG_<key>: written as
      // `KONG_DATABASE` there, Kong receives KONG_KONG_DATABASE, so the advice is to drop one prefix.
      const suggestion = doubled
        ? ` Kong receives it as \`${setting.envName}\`, the \`KONG_\` prefix written twice; without one it would be \`${doubled.property}\`, an old name that Kong ${plan.to} no longer applies: write \`${doubled.replacement}\`.`
        : envForm && setting.envName
        ? ` Kong receives it as \`${setting.envName}\`, the \`KONG_\` prefix written twice: without one it sets \`${envForm}\`.`
        : envForm ? ` It is the environment variable form of \`${envForm}\`: in kong.conf write \`${envForm}\`.`
        : namespaced.length > 0 ? ` Kong passes an nginx directive on only from a key that names its block: did you mean ${namespaced.map((c) => `\`${c.name}\` (${c.block} block)`).join(' or ')}?`
          : misspelt ? ` Did you mean \`${misspelt.name}\` (${misspelt.block} block)?`
            : close.length > 0 ? ` Did you mean ${close.map((c) => `\`${c}\``).join(' or ')}?` : '';
      if (plan.edition === 'oss' && catalog.property(key, plan.to, 'enterprise')) {
        ctx.report({ messageId: 'enterpriseOnly', at: setting.origin, severity: 'info', data: { key, to: plan.to.toString() } });
        continue;
      }
      const versions = catalog.knownIn(key, plan.edition);
      // A variable of the check's own process environment that resembles no property is as
      // likely the CI job's own (KONG_IMAGE, KONG_ADDR for a script) as a setting of the node:
      // Kong ignores it either way, before and after the upgrade. A near miss stays a warning.
      if (versions.length === 0 && close.length === 0 && isCheckEnvironment(setting)) {
        ctx.report({ messageId: 'unknownVariable', at: setting.origin, severity: 'info', data: { key, env: (setting.origin as { env: string }).env, to: plan.to.toString() } });
        continue;
      }
      // An image's ENV often carries build values for its RUN lines (KONG_PLUGIN_VER for a
      // `luarocks install`): Kong never looks such a name up, so a name near no property that the
      // Dockerfile itself reads is only noted. One it never reads was meant for Kong
      // (KONG_NINGX_PROX_PROXY_BUFFERS, sweep 15), and a near miss (KONG_PG_HOTS) or a
      // container's or Helm `env:` variable is a warning too.
      if (versions.length === 0 && close.length === 0 && isReadByBuild(setting) && setting.envName !== undefined) {
        ctx.report({
          messageId: 'imageVariable', at: setting.origin, severity: 'info', data: { key, env: setting.envName, to: plan.to.toString() },
          remediation: 'Nothing to change for Kong; if the variable was meant as a setting, name the property it should set.',
        });
        continue;
      }
      // A variable set for the container's start command (a sed that renders kong.yml before
      // `kong docker-start`, sweep 19: Univers42/mini-baas-infra KONG_ANON_UUID) is the command's.
      if (versions.length === 0 && close.length === 0 && setting.readByCommand !== undefined && setting.envName !== undefined) {
        ctx.report({
          messageId: 'commandVariable', at: setting.origin, severity: 'info', data: { key, env: setting.envName, reader: setting.readByCommand, to: plan.to.toString() },
          remediation: 'Nothing to change for Kong; if the variable was meant as a setting, name the property it should set.',
        });
        continue;
      }
      ctx.report({
        messageId: versions.length > 0 ? 'otherVersions' : 'unknown',
        at: setting.origin,
        data: { key, to: plan.to.toString(), suggestion, versions: range(versions) },
        remediation: close.length > 0 ? `Rename the key to ${close[0]} if that is what you meant.` : undefined,
      });
    }
    // Enterprise keys whose owner runs for Enterprise only (pg_ssl_version): on OSS nobody else
    // speaks. Keys OSS knew on the source are removals, which their owners report.
    if (plan.edition === 'oss') {
      for (const setting of conf.settings()) {
        const { key } = setting;
        if (!ownedByOtherRule(key, ID, plan) || isNonPropertyEnv(setting) || !catalog.property(key, plan.to, 'enterprise')) continue;
        if (catalog.isEffective(key, plan.to, 'oss') || catalog.isEffective(key, plan.from, 'oss')) continue;
        ctx.report({ messageId: 'enterpriseOnly', at: setting.origin, severity: 'info', data: { key, to: plan.to.toString() } });
      }
    }
  },
});

/**
 * Declared properties of the target that inject the nginx directive `key` names, in the order of
 * Kong's namespaces (the http block before stream or the Admin API server): `worker_connections`
 * and `nginx_worker_connections` are `nginx_events_worker_connections`, `ssl_conf_command` (3.6+)
 * is `nginx_http_ssl_conf_command` or `nginx_stream_ssl_conf_command`. (`client_max_body_size`,
 * a 2.x alias, gets its renamed successor instead, as Kong's deprecation named it.) Kong writes a kong.conf
 * key into nginx only when it starts with one of its DYNAMIC_KEY_NAMESPACES prefixes
 * (Kong/kong:kong/conf_loader/init.lua@3.4.2 lines 163-256; from 3.6
 * kong/conf_loader/constants.lua@3.9.3 lines 113-211), so a bare directive does nothing.
 * Only names of `known` (properties the target declares, no namespace keys) are offered: any
 * `nginx_<block>_<directive>` would be injected, but into the block its prefix names whether
 * nginx accepts the directive there or not, so an undeclared one is no safe guess.
 * `nginx_user`, `nginx_daemon` and `nginx_worker_processes` are declared aliases of their
 * `nginx_main_` forms (constants.lua@3.9.3 lines 293-310): known, so never asked about here; a
 * bare `worker_processes`, `user` or `daemon` is offered the alias in place of its main form.
 */
function namespacedForms(key: string, known: readonly string[], namespaces: readonly Namespace[]): { name: string; block: string }[] {
  if (namespaces.some((ns) => key.startsWith(ns.prefix))) return [];
  const directive = key.startsWith('nginx_') ? key.slice('nginx_'.length) : key;
  if (directive === '') return [];
  const forms = namespaces
    .filter((ns) => known.includes(`${ns.prefix}${directive}`))
    .map((ns) => ({ name: `${ns.prefix}${directive}`, block: ns.block }));
  // A bare `worker_processes`: the alias kong.conf documents (`nginx_worker_processes`) is the
  // name operators know, and stands for the main block's key.
  const alias = `nginx_${directive}`;
  if (key === directive && known.includes(alias)) return [{ name: alias, block: 'main' }, ...forms.filter((form) => form.name !== `nginx_main_${directive}`)];
  return forms;
}

type Namespace = (typeof INJECTION_NAMESPACES)[number];

/**
 * `ningx_prox_proxy_buffers`: a key whose first two words are a near miss of an injection
 * namespace (`nginx_proxy_`), read as that namespace with the rest of the key as the directive.
 * Kong injects any directive under a namespace, so no list of declared names can find these by
 * edit distance (sweep 15, SENERGY-Platform/api-gateway).
 */
function misspeltNamespace(key: string, namespaces: readonly Namespace[]): { name: string; block: string } | undefined {
  const words = key.split('_');
  if (words.length < 3 || words.slice(2).join('') === '') return undefined;
  const head = `${words[0]}_${words[1]}_`;
  if (namespaces.some((ns) => ns.prefix === head)) return undefined;
  const directive = words.slice(2).join('_');
  // Up to three edits in the two words (`ningx_prox_` is three from `nginx_proxy_`).
  const nearest = namespaces
    .map((ns) => ({ ns, distance: editDistance(head, ns.prefix) }))
    .filter(({ distance }) => distance <= 3)
    .sort((a, b) => a.distance - b.distance)[0];
  return nearest && { name: `${nearest.ns.prefix}${directive}`, block: nearest.ns.block };
}

/** The first keys a byte-order mark made unknown, as `file\0key`. */
function bomMangledKeys(conf: KongConf): Set<string> {
  const keys = new Set<string>();
  for (const d of conf.diagnostics) {
    if (d.kind === 'byte-order-mark' && d.key && d.origin.kind === 'file') keys.add(`${d.origin.file}\0${d.key}`);
  }
  return keys;
}

/**
 * KONG_* variables that configure licensing, packaging or tests rather than kong.conf. A Helm
 * `env:` entry reaches the container as such a variable too (`env.password` is KONG_PASSWORD).
 */
function isNonPropertyEnv(setting: ConfSetting): boolean {
  const name = setting.origin.kind === 'env' ? setting.origin.env : setting.envName;
  if (name === undefined) return false;
  return CONF_DATA.nonPropertyEnv.names.some((n) => n.env === name) || CONF_DATA.nonPropertyEnv.prefixes.some((p) => name.startsWith(p.prefix));
}

/** A KONG_* variable of the environment the check runs in (not a file's, nor a default the Helm chart sets). */
function isCheckEnvironment(setting: ConfSetting): boolean {
  return setting.origin.kind === 'env' && setting.envName === undefined && chartDefaultOf(setting) === undefined;
}

/** `2.0-2.8` for a run of minors, comma-separated runs otherwise. */
function range(minors: string[]): string {
  if (minors.length === 0) return '';
  return minors.length === 1 ? minors[0] : `${minors[0]} to ${minors[minors.length - 1]}`;
}

/** The property a kong.conf key names in its environment variable form (`KONG_PG_HOST`), if any. */
/**
 * For `kong_client_max_body_size`: the property the key names with the doubled prefix dropped,
 * when it was renamed and its old name no longer works on the target (the alias removed, as
 * conf/renamed-property reads it), with the successor to write instead.
 */
function doubledPrefixRenamed(key: string, plan: { to: KongVersion; edition: 'oss' | 'enterprise' }): { property: string; replacement: string } | undefined {
  if (!/^kong_/i.test(key)) return undefined;
  const property = key.slice('kong_'.length).toLowerCase();
  const change = changesOfKind('renamed').find((c) => changeCovers(c, property) && c.replacement !== undefined && c.aliasRemovedIn !== undefined
    && KongVersion.parse(c.aliasRemovedIn).lte(plan.to) && confCatalog().isEffective(c.replacement, plan.to, plan.edition));
  return change ? { property, replacement: change.replacement! } : undefined;
}

function envFormOf(key: string, known: readonly string[]): string | undefined {
  if (!/^kong_/i.test(key)) return undefined;
  const property = key.slice('kong_'.length).toLowerCase();
  return known.includes(property) ? property : undefined;
}
