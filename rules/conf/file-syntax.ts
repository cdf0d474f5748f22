// Reports what Kong's kong.conf reader silently tolerates but the operator almost never meant:
// duplicate keys, `[sections]` that hide every later key, values cut at `#`, kept quotes. These
// survive any upgrade unnoticed, so they are reported on every path.

import { defineRule } from '../../src/engine/define-rule';
import { luaToNumber } from '../../src/inputs/kong-conf/lua-number';
import type { ConfDiagnostic, ConfDiagnosticKind, ConfSetting, KongConf } from '../../src/inputs/kong-conf/types';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import type { Plan } from '../../src/plan/types';
import type { Severity } from '../../src/model/finding';
import { ENV_FILE_CONVENTION } from '../../src/knowledge/conf/env-file-convention';
import { onSameLine } from '../../src/model/origin';
import { HELM_CHART } from '../../src/knowledge/platform/helm-chart';

/** How much each oddity matters; values can be secrets, so messages never quote them. */
const SEVERITY: Record<ConfDiagnosticKind, Severity> = {
  'malformed-section': 'blocker',
  'section-header': 'warning',
  'unescaped-hash': 'warning',
  'duplicate-key': 'warning',
  'no-equals': 'warning',
  'empty-key': 'warning',
  'quoted-value': 'warning',
  'dangling-continuation': 'warning',
  'byte-order-mark': 'warning',
  'latin1-comment': 'info',
  'numeric-conversion': 'info',
  'none-literal': 'info',
  'env-overrides-file': 'info',
  'layer-overrides-file': 'info',
  'unreadable-value': 'info',
  'file-env-conflict': 'warning',
  // What the override changes (images, environment) is unknown: every finding may be off.
  'unread-override-file': 'warning',
  // The operator believes Kong gets the setting; it never does.
  'ignored-by-systemd': 'warning',
  'unread-unit-file': 'info',
  'yaml-boolean': 'warning',
  // helm install / helm upgrade stops on it: nothing is deployed until the value is quoted.
  'helm-render-refused': 'blocker',
  'exponent-number': 'warning',
  'enterprise-on-oss-image': 'warning',
  // The release renders, but with the Enterprise block the values seem to turn off.
  'enterprise-switch-text': 'warning',
  // Renders with the chart in use; the chart upgrade that usually goes with a Kong upgrade fails.
  'chart-upgrade-refuses': 'warning',
};

/** Where the rule-wide advice (edit the line) does not fit the oddity. */
const REMEDIATION: Partial<Record<ConfDiagnosticKind, string>> = {
  'byte-order-mark': 'Save kong.conf as UTF-8 without a byte-order mark (an editor setting), or remove the first three bytes of the file.',
  'latin1-comment': 'Nothing to change for Kong; saving the file as UTF-8 keeps editors and diffs from garbling the comments.',
  'unreadable-value': 'Check the value where it is kept (the Secret, ConfigMap, file or build argument) against the target version by hand.',
  'file-env-conflict': 'Keep either the variable or its _FILE form, not both.',
  // Kong merges kong.conf under the KONG_* environment (kong/conf_loader/init.lua@FTI-6378 load:
  // overrides() reads the variable before the file): the line is valid, only shadowed.
  'env-overrides-file': 'Kong runs with the overriding value, not this line: keep the setting in one place (remove this line, or the override) so the file says what runs.',
  'layer-overrides-file': 'Kong runs with the overriding value, not this line: keep the setting in one place (remove this line, or the override) so the file says what runs.',
  'unread-override-file': 'If the deployment runs docker compose without -f in that folder, give the file named with a second --image-file (or run the check with the deployment\'s COMPOSE_FILE); otherwise nothing to do.',
  'ignored-by-systemd': 'Write the assignment as systemd reads it (`NAME=value`, no `export`, balanced quotes), then run `systemctl daemon-reload` and restart Kong.',
  'enterprise-on-oss-image': 'To run Kong Enterprise, set image.repository (gateway.image.repository in kong/ingress values) to kong/kong-gateway with an Enterprise tag (the chart\'s README asks for both); to stay on open-source Kong, remove enterprise.enabled so the values say what runs.',
  'enterprise-switch-text': 'Write enterprise.enabled as the YAML boolean false (no quotes; with helmfile, in set: rather than setString:), or remove the key: the chart\'s default is false.',
  'chart-upgrade-refuses': 'Before moving the release to Kong chart 2.4.0 or later, write dblessConfig.config as text (a literal block, config: |) or pass kong.yml with --set-file dblessConfig.config=kong.yml.',
  'unread-unit-file': 'Give a copy of the file the unit names to the check (kong.conf as the first argument, a template with --nginx-template) so its settings are checked too.',
};

export default defineRule<'diagnostic'>({
  id: 'conf/file-syntax',
  description: 'Reports kong.conf lines that Kong reads differently from how they look: duplicates, sections, cut values, kept quotes.',
  severity: 'warning',
  inputs: ['kongConf'],
  messages: { diagnostic: '{{message}}' },
  remediation: 'Edit the line so that Kong reads what you mean: one setting per key, no [sections], `\\#` for a literal #, no quotes around values.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'digest', ref: 'kong-facts/conf/parsing.md (Penlight pl.config rules, comment stripping, precedence)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3 (load_config)' },
    ENV_FILE_CONVENTION.sources[0],
    { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/_helpers.tpl@e76b8003 (lines 1114-1199: enterprise.enabled adds Enterprise variables, changes no image; README.md lines 125-129 ask for an Enterprise image too)' },
    HELM_CHART.enterpriseSwitch.sources[0],
    HELM_CHART.templateTruth,
    ...HELM_CHART.dblessConfigMapping.sources,
  ],
  check(ctx) {
    const conf = ctx.input('kongConf');
    for (const diagnostic of conf.diagnostics) {
      if (diagnostic.kind === 'numeric-conversion' && sameNumberForKong(diagnostic, conf, ctx.plan)) continue;
      if (diagnostic.kind === 'yaml-boolean' && sameBooleanForKong(diagnostic, ctx.plan)) continue;
      // On Enterprise, license/enterprise-license reports an unread KONG_LICENSE_DATA itself, with
      // what it means for the license: a second finding on the same line would only repeat it.
      if (diagnostic.kind === 'unreadable-value' && diagnostic.key === 'license_data' && ctx.plan.edition === 'enterprise') continue;
      ctx.report({
        messageId: 'diagnostic',
        severity: SEVERITY[diagnostic.kind],
        at: diagnostic.origin,
        data: { message: diagnostic.message, kind: diagnostic.kind, ...(diagnostic.key ? { key: diagnostic.key } : {}) },
        remediation: REMEDIATION[diagnostic.kind],
      });
    }
  },
});

/**
 * A rewrite that changes nothing Kong uses: the property is typed `number` on the target, and Kong
 * runs the value through `tonumber` (kong/conf_loader/parse.lua@3.9.3 parse_value), so `1.0`
 * rewritten to `1` is the same number. A rewrite that loses digits still differs and is reported.
 */
function sameNumberForKong(diagnostic: ConfDiagnostic, conf: KongConf, plan: Plan): boolean {
  if (!diagnostic.key || diagnostic.origin.kind !== 'file') return false;
  if (confCatalog().property(diagnostic.key, plan.to, plan.edition)?.type !== 'number') return false;
  const setting = fileSettingAt(conf, diagnostic);
  if (!setting) return false;
  const written = luaToNumber(setting.rawValue);
  return written !== undefined && written === luaToNumber(setting.value);
}

/**
 * A YAML 1.1 boolean word on a property Kong types `boolean` before and after the upgrade: Kong
 * reads the "true" or "false" the chart passes as it reads on and off (kong/conf_loader/parse.lua
 * @3.9.3 parse_value: `value == "on" or value == "true"`, the same in conf_loader/init.lua@2.8.0),
 * and every word YAML turns into true (on, yes, y) was meant as on. An `ngx_boolean` property is
 * another matter: Kong passes nginx `on` only for the word on, so "true" turns it off.
 */
function sameBooleanForKong(diagnostic: ConfDiagnostic, plan: Plan): boolean {
  if (!diagnostic.key) return false;
  const catalog = confCatalog();
  return [plan.from, plan.to].every((version) => catalog.property(diagnostic.key!, version, plan.edition)?.type === 'boolean');
}

/** The file setting a diagnostic was made for, also when a later line or a variable overrides it. */
function fileSettingAt(conf: KongConf, diagnostic: ConfDiagnostic): ConfSetting | undefined {
  const at = diagnostic.origin;
  const candidates = conf.rawSettings().filter((s) => s.key === diagnostic.key).flatMap((s) => [s, ...s.overrides]);
  return candidates.find((s) => onSameLine(s.origin, at));
}
