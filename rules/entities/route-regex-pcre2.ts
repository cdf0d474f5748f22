// Reports the regexes Kong compiles with PCRE that PCRE2 (Kong 3.7) refuses or reads differently
// from PCRE 8.45: `~` route paths (validated with PCRE under every router_flavor, matched with it
// under traditional), `~*` header values (matched with PCRE under traditional only, never
// validated), and the bundled plugin fields whose schema compiles them (cors origins,
// bot-detection allow/deny). Only paths crossing 3.7.0; plain values cost two string tests.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase } from '../../src/engine/entity-facts';
import { PCRE2_DIFFERENCES, PCRE2_REGEX_FACTS as FACTS } from '../../src/knowledge/entities/pcre2-regex';
import { isRegexIn2x } from '../../src/knowledge/entities/route-path-migration';
import { ROUTE_PATH_FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { Entity, FieldPath } from '../../src/model/entities';
import { pcre2Findings } from './pcre2-regex-utils';

type MessageId = 'refused' | 'storedRefused' | 'storedRefusedHybrid' | 'neverMatches' | 'differs';

/** Where a regex sits and who reads it, for the messages and the severity. */
interface RegexSite {
  where: string;
  /** Kong's schema compiles it on every write and load (paths, plugin fields; not headers). */
  validated: boolean;
  /** What compiles it at request time on the target, when PCRE does the matching. */
  matchedBy?: string;
}

export default defineRule<MessageId>({
  id: 'entities/route-regex-pcre2',
  description: 'Reports route paths, header regexes and bundled plugin regex fields that PCRE2, used from Kong 3.7, refuses or reads differently from PCRE 8.',
  severity: 'blocker',
  catalog: ['platform-pcre2-regex-syntax'],
  inputs: ['entities'],
  versionData: ['since'],
  gate: { introducedIn: FACTS.introducedIn },
  messages: {
    refused: '{{entity}}: {{where}} `{{pattern}}` holds `{{construct}}`, {{reading}}. Kong {{since}} compiles it with PCRE2 when validating the configuration and refuses it, so a file holding it does not load or sync.',
    storedRefused: '{{entity}}: stored {{where}} `{{pattern}}` holds `{{construct}}`, {{reading}}. The {{flavor}} router matches it with Rust regex and keeps the route, but from {{since}} the schema refuses any Admin API or decK write of it.',
    storedRefusedHybrid: '{{entity}}: stored {{where}} `{{pattern}}` holds `{{construct}}`, {{reading}}. From {{since}} data planes validate it with PCRE2 and refuse the whole configuration the control plane sends with it.',
    neverMatches: '{{entity}}: {{where}} `{{pattern}}` holds `{{construct}}`, {{reading}}. From {{since}} {{matchedBy}} compiles it with PCRE2 when a request needs it, fails, and never matches through this value.',
    differs: '{{entity}}: {{where}} `{{pattern}}` holds `{{construct}}`, {{reading}}, so from {{since}} {{matchedBy}} matches other text with it than before.',
  },
  remediation: 'Write the regex so PCRE 8 and PCRE2 read it the same: drop the backslash of an unknown letter escape (`\\i` is `i`), put `-` last in a class or escape it (`[\\w.-]`), escape a literal `{` (`\\{,3}`), use `(?:...)` and one `-` in inline options. Then test it on the target before the upgrade.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources, ...Object.values(PCRE2_DIFFERENCES).flatMap((d) => d.sources)],
  check(ctx) {
    const flavor = ctx.optionalInput('kongConf')?.get('router_flavor')?.value ?? 'traditional_compatible';
    const traditional = flavor === ROUTE_PATH_FACTS.traditionalFlavor;
    const hybrid = ctx.plan.topology === 'hybrid';
    // A 2.x file's regex paths without `~` get one when 3.x loads or migrates them.
    const from2x = ctx.crosses(ROUTE_PATH_FACTS.routerChangeIn);
    const since = FACTS.introducedIn;

    const check = (entity: Entity, pattern: string, path: FieldPath, site: RegexSite) => {
      for (const { id, text } of pcre2Findings(pattern)) {
        const { kind, reading } = PCRE2_DIFFERENCES[id];
        const data = { entity: entityLabel(entity), where: site.where, pattern, construct: text, reading, since, flavor, matchedBy: site.matchedBy ?? '' };
        const at = entity.at(path);
        if (kind === 'differs') {
          // Only where PCRE does the matching; atc flavors match paths and headers with Rust.
          if (site.matchedBy) ctx.report({ messageId: 'differs', severity: 'warning', at, data });
          continue;
        }
        if (!site.validated) {
          if (site.matchedBy) ctx.report({ messageId: 'neverMatches', at, data });
        } else if (!fromDatabase(entity)) {
          ctx.report({ messageId: 'refused', at, data });
        } else if (hybrid) {
          ctx.report({ messageId: 'storedRefusedHybrid', at, data });
        } else if (site.matchedBy) {
          ctx.report({ messageId: 'neverMatches', at, data });
        } else {
          ctx.report({ messageId: 'storedRefused', severity: 'warning', at, data });
        }
      }
    };

    const pathSite: RegexSite = { where: 'regex path', validated: true, ...(traditional ? { matchedBy: 'the traditional router' } : {}) };
    const pluginSites = new Map<string, { field: string; skip?: string; site: RegexSite }[]>();
    for (const { plugin, field, skip } of FACTS.pluginRegexFields) {
      const site: RegexSite = { where: `${plugin} \`${field}\` regex`, validated: true, matchedBy: `the ${plugin} plugin` };
      pluginSites.set(plugin, [...(pluginSites.get(plugin) ?? []), { field, skip, site }]);
    }
    return {
      route(entity) {
        const paths = entity.fields.paths;
        if (Array.isArray(paths)) {
          for (let index = 0; index < paths.length; index++) {
            const path: unknown = paths[index];
            if (typeof path !== 'string') continue;
            if (path.startsWith('~')) check(entity, path.slice(1), ['paths', index], pathSite);
            // A 3.0-format file's path without `~` is a literal prefix, whatever it holds.
            else if (from2x && !entity.pathsWrittenFor3x && isRegexIn2x(path)) check(entity, path, ['paths', index], pathSite);
          }
        }
        // Under atc flavors `~*` header values go to Rust regex only.
        const headers = entity.fields.headers;
        if (!traditional || !headers || typeof headers !== 'object' || Array.isArray(headers)) return;
        for (const [name, values] of Object.entries(headers)) {
          if (!Array.isArray(values)) continue;
          values.forEach((value: unknown, index) => {
            if (typeof value === 'string' && value.startsWith('~*')) {
              check(entity, value.slice(2), ['headers', name, index],
                { where: `header \`${name}\` regex`, validated: false, matchedBy: 'the traditional router' });
            }
          });
        }
      },
      plugin(entity) {
        const sites = typeof entity.fields.name === 'string' ? pluginSites.get(entity.fields.name) : undefined;
        const config = entity.fields.config;
        if (!sites || !config || typeof config !== 'object') return;
        for (const { field, skip, site } of sites) {
          const values = (config as Record<string, unknown>)[field];
          if (!Array.isArray(values)) continue;
          values.forEach((value: unknown, index) => {
            if (typeof value === 'string' && value !== skip) check(entity, value, ['config', field, index], site);
          });
        }
      },
    };
  },
});
