// Flags route regexes using PCRE features the 3.x router (atc, Rust regex) rejects: look-around,
// backreferences, atomic groups, possessive quantifiers. Under the default router_flavor such a
// route fails to load, and a DB-less node may drop it.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { FieldPath } from '../../src/model/entities';
import { isRegexIn2x } from '../../src/knowledge/entities/route-path-migration';

/** The name of the first construct the Rust regex engine rejects in `pattern`, if any. */
function unsupportedConstruct(pattern: string): string | undefined {
  for (const construct of FACTS.atcUnsupported) if (construct.pattern.test(pattern)) return construct.name;
  return undefined;
}

export default defineRule<'unsupported' | 'needlessEscape'>({
  id: 'entities/route-regex-unsupported-syntax',
  description: 'Reports route regexes with constructs the 3.x atc router rejects.',
  severity: 'blocker',
  catalog: ['router-atc-regex-unsupported-syntax'],
  inputs: ['entities'],
  gate: { introducedIn: FACTS.routerChangeIn },
  messages: {
    unsupported: '{{entity}}: regex `{{pattern}}` uses {{construct}}, which the {{flavor}} router (Rust regex) rejects.',
    needlessEscape: '{{entity}}: regex `{{pattern}}` escapes `/`; some atc-router builds reject needless escapes (Kong/deck#1310).',
  },
  remediation: 'Rewrite the regex without look-around or backreferences (split the route, or match more broadly and filter in a plugin), or run router_flavor = traditional.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources],
  check(ctx) {
    const flavorSetting = ctx.optionalInput('kongConf')?.get('router_flavor');
    const flavor = flavorSetting?.value ?? 'traditional_compatible';
    if (flavor === FACTS.traditionalFlavor) return;
    return {
      route(entity) {
        const check = (pattern: string, path: FieldPath) => {
          const found = unsupportedConstruct(pattern);
          if (found) ctx.report({ messageId: 'unsupported', at: entity.at(path), data: { entity: entityLabel(entity), pattern, flavor, construct: found } });
          else if (FACTS.atcNeedlessEscapes.test(pattern)) ctx.report({ messageId: 'needlessEscape', severity: 'warning', at: entity.at(path), data: { entity: entityLabel(entity), pattern, flavor } });
        };
        const paths = entity.fields.paths;
        if (Array.isArray(paths)) {
          for (let index = 0; index < paths.length; index++) {
            const path: unknown = paths[index];
            if (typeof path !== 'string') continue;
            if (path.startsWith('~')) check(path.slice(1), ['paths', index]);
            else if (isRegexIn2x(path)) check(path, ['paths', index]);
          }
        }
        const headers = entity.fields.headers;
        if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
          for (const [name, values] of Object.entries(headers)) {
            if (!Array.isArray(values)) continue;
            values.forEach((value, index) => {
              if (typeof value === 'string' && value.startsWith('~*')) check(value.slice(2), ['headers', name, index]);
            });
          }
        }
      },
    };
  },
});
