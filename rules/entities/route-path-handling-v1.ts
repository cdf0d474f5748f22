// Flags routes with `path_handling: v1`: from 3.0 only router_flavor = traditional honours it;
// under the default flavor such routes silently behave like v0 and join upstream paths differently.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { PATH_HANDLING_FACTS as FACTS, ROUTE_PATH_FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';

export default defineRule<'v1Ignored'>({
  id: 'entities/route-path-handling-v1',
  description: 'Reports routes using path_handling v1, which the 3.x default router ignores.',
  severity: 'warning',
  catalog: ['route-path-handling-v1-ignored'],
  inputs: ['entities'],
  gate: { introducedIn: FACTS.introducedIn },
  messages: {
    v1Ignored: '{{entity}}: `path_handling: v1` is ignored by the {{flavor}} router from 3.0 (it behaves like v0); upstream paths may change.',
  },
  remediation: 'Switch the route to path_handling v0 and check the upstream path (strip_path, service path), or run router_flavor = traditional.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources],
  check(ctx) {
    const flavor = ctx.optionalInput('kongConf')?.get('router_flavor')?.value ?? 'traditional_compatible';
    if (flavor === ROUTE_PATH_FACTS.traditionalFlavor) return;
    return {
      route(entity) {
        if (entity.fields.path_handling !== 'v1') return;
        ctx.report({ messageId: 'v1Ignored', at: entity.at(['path_handling']), data: { entity: entityLabel(entity), flavor } });
      },
    };
  },
});
