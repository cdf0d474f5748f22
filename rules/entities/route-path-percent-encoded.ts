// Flags route paths holding percent-escapes of unreserved characters (`%2D` for `-`): from 3.0
// Kong no longer decodes them. A plain path must be written normalized, and a regex escape no
// longer matches the decoded character of the (normalized) request path.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase, forEachRoutePath } from '../../src/engine/entity-facts';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import { withoutDeckTemplates } from '../../src/inputs/declarative/deck-templates';

const UNRESERVED = /[A-Za-z0-9._~-]/;

/** Decodes escapes of unreserved characters only; reserved ones (`%2F`) keep their meaning. */
export function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (whole, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : whole;
  });
}

export default defineRule<'plainEncoded' | 'regexEncoded' | 'migrationDecodes'>({
  id: 'entities/route-path-percent-encoded',
  description: 'Reports route paths with percent-encoded unreserved characters, which 3.x no longer decodes.',
  severity: 'warning',
  catalog: ['route-path-percent-encoding-normalization'],
  inputs: ['entities'],
  gate: { introducedIn: FACTS.routerChangeIn },
  messages: {
    plainEncoded: '{{entity}}: path `{{path}}` is not normalized; 3.x wants `{{decoded}}` (Kong refuses non-normalized plain paths in 3.0-format files).',
    regexEncoded: '{{entity}}: regex `{{path}}` holds escapes 3.x no longer decodes, so it stops matching the normalized request path; write `{{decoded}}`.',
    migrationDecodes: '{{entity}}: stored path `{{path}}` is rewritten as `{{decoded}}` by the 3.0 migration; write that form in files and scripts.',
  },
  remediation: 'Write unreserved characters literally; keep percent-encoding only for reserved characters.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources],
  check(ctx) {
    return {
      route(entity) {
        forEachRoutePath(entity, (path, index) => {
          if (!FACTS.unreservedEscape.test(path)) return;
          const decoded = decodeUnreserved(path);
          const data = { entity: entityLabel(entity), path, decoded };
          const at = entity.at(['paths', index]);
          if (fromDatabase(entity)) ctx.report({ messageId: 'migrationDecodes', severity: 'info', at, data });
          else ctx.report({ messageId: path.startsWith('~') || !FACTS.plainPathCharacters.test(withoutDeckTemplates(path)) ? 'regexEncoded' : 'plainEncoded', at, data });
        });
      },
    };
  },
});
