// Flags routes whose paths mix regexes and prefixes: from 3.3 the traditional_compatible router
// gives each path its own priority, so which route wins can change against 3.0-3.2. A node on 2.x
// already ranks each path apart (the 2.x router did), so for it the 3.3 change is no change.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { MULTI_PATH_PRIORITY_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import { isRegexIn2x } from '../../src/knowledge/entities/route-path-migration';
import { KongVersion } from '../../src/version/kong-version';

export default defineRule<'mixedPaths'>({
  id: 'entities/route-multi-path-priority',
  description: 'Reports routes mixing regex and prefix paths, whose matching priority changes in 3.3 for a node that runs 3.0 to 3.2.',
  severity: 'warning',
  catalog: ['router-compat-multi-path-priority'],
  inputs: ['entities'],
  gate: { introducedIn: FACTS.introducedIn },
  messages: {
    mixedPaths: '{{entity}}: {{regexes}} regex and {{prefixes}} prefix paths; from 3.3 each path gets its own priority, so routing between overlapping routes may change.',
  },
  remediation: 'Re-test routing for this route, or split regex and prefix paths into separate routes with explicit regex_priority.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources],
  check(ctx) {
    const flavor = ctx.optionalInput('kongConf')?.get('router_flavor')?.value ?? 'traditional_compatible';
    if (flavor !== 'traditional_compatible') return;
    if (ctx.plan.from.lt(KongVersion.parse(FACTS.singleRankFrom))) return;
    return {
      route(entity) {
        const paths = entity.fields.paths;
        if (!Array.isArray(paths) || paths.length < 2) return;
        const strings = paths.filter((p): p is string => typeof p === 'string');
        const regexes = strings.filter((p) => p.startsWith('~') || isRegexIn2x(p)).length;
        const prefixes = strings.length - regexes;
        if (regexes === 0 || prefixes === 0) return;
        ctx.report({ messageId: 'mixedPaths', at: entity.at(['paths']), data: { entity: entityLabel(entity), regexes, prefixes } });
      },
    };
  },
});
