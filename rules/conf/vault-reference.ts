// Flags `{vault://...}` references in kong.conf that Kong cannot resolve on the target: text that
// is almost a reference (Kong then uses it literally, e.g. as a password), a reference without a
// secret path, or a vault that the `vaults` property does not enable. kong.conf is resolved
// before the database is read, so vault entities (custom prefixes) cannot serve it.

import { defineRule } from '../../src/engine/define-rule';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { CONF_DATA } from '../../src/knowledge/conf/changes';
import { splitKongArray } from '../../src/inputs/kong-conf/values';
import type { Edition } from '../../src/plan/types';
import { KongVersion } from '../../src/version/kong-version';

/** Kong reads vault references in kong.conf from 2.8 on. */
const REFERENCES_FROM = KongVersion.parse('2.8');

export default defineRule<'notAReference' | 'malformed' | 'vaultNotEnabled' | 'vaultsOff'>({
  id: 'conf/vault-reference',
  description: 'Flags malformed {vault://...} references in kong.conf and references to vaults the target does not enable.',
  severity: 'warning',
  inputs: ['kongConf'],
  messages: {
    notAReference: '`{{key}}` looks like a vault reference but is not one ({{problem}}): Kong uses the text literally.',
    malformed: '`{{key}}` holds a vault reference without {{problem}}: Kong fails to resolve it and refuses to start.',
    vaultNotEnabled: '`{{key}}` refers to vault `{{vault}}`, which Kong {{to}} does not enable for kong.conf (enabled: {{enabled}}). Vault entities cannot be used in kong.conf.',
    vaultsOff: '`{{key}}` holds a vault reference but `vaults` is off on Kong {{to}}: the reference cannot be resolved.',
  },
  remediation: 'Write references as {vault://<backend>/<secret>[/<key>]}, using a backend enabled by the `vaults` property (env in OSS; aws, gcp, hcv, azure... in Enterprise).',
  docsUrl: 'https://developer.konghq.com/gateway/secrets-management/',
  sources: CONF_DATA.vaults.sources,
  check(ctx) {
    const conf = ctx.input('kongConf');
    const { plan } = ctx;
    if (plan.to.lt(REFERENCES_FROM)) return;
    const vaultsValue = conf.get('vaults')?.value ?? confCatalog().property('vaults', plan.to, plan.edition)?.default ?? 'off';
    const enabled = enabledVaults(vaultsValue, plan.to, plan.edition);
    for (const setting of conf.settings()) {
      if (setting.key === 'vaults' || !setting.value.includes('vault:/')) continue;
      for (const element of splitKongArray(setting.value)) {
        const data = { key: setting.key, to: plan.to.toString() };
        if (!element.includes('vault:/')) continue;
        const problem = shapeProblem(element, setting.rawValue);
        if (problem) {
          ctx.report({ messageId: 'notAReference', at: setting.origin, data: { ...data, problem } });
          continue;
        }
        const url = element.slice('{vault://'.length, -1);
        const vault = url.split(/[/?#]/)[0];
        const path = url.slice(vault.length).replace(/[?#].*$/, '');
        if (!vault || path.replace(/\//g, '') === '') {
          ctx.report({ messageId: 'malformed', at: setting.origin, data: { ...data, problem: vault ? 'a secret path' : 'a vault name' } });
        } else if (enabled.size === 0) {
          ctx.report({ messageId: 'vaultsOff', at: setting.origin, data });
        } else if (!enabled.has(vault)) {
          ctx.report({ messageId: 'vaultNotEnabled', at: setting.origin, data: { ...data, vault, enabled: [...enabled].join(', ') } });
        }
      }
    }
  },
});

/** Why text that mentions a vault is not a reference Kong recognises, or undefined when it is. */
function shapeProblem(text: string, raw: string): string | undefined {
  if (text.startsWith('{vault://') && !text.endsWith('}') && /[^\\]#/.test(raw)) {
    return 'an unescaped `#` starts a comment in kong.conf, write `\\#` for a secret version';
  }
  if (!text.startsWith('{vault://')) {
    return text.startsWith('{') ? 'it must start with `{vault://`' : 'the braces around it are missing';
  }
  if (!text.endsWith('}')) return 'the closing `}` is missing';
  return undefined;
}

/** The vault backends the `vaults` value enables: `bundled` expands to the edition's backends. */
function enabledVaults(value: string, to: KongVersion, edition: Edition): Set<string> {
  const names = new Set<string>();
  const entries = splitKongArray(value);
  if (entries[0] === 'off') return names;
  for (const entry of entries) {
    if (entry === 'off' || entry === '') continue;
    if (entry !== 'bundled') {
      names.add(entry);
      continue;
    }
    for (const group of CONF_DATA.vaults.bundled) {
      if (group.edition === 'ee' && edition !== 'enterprise') continue;
      if (group.from && to.lt(KongVersion.parse(group.from))) continue;
      group.names.forEach((n) => names.add(n));
    }
  }
  return names;
}
