// Flags route paths that are not in the form Kong 3.x matches: the 2.x router normalized every
// path before matching (escapes decoded but for reserved characters, dot segments removed),
// 3.x compares a path as written with the normalized request path, and from 3.1 refuses a
// prefix path that is not normalized. Kong's own migration rewrites stored paths; files keep
// what they say. The rule keeps its first name: percent-escapes are the common case.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase, forEachRoutePath } from '../../src/engine/entity-facts';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import {
  isRegexFor2x, isRegexIn2x, migrate2xPath, migrate2xRegex, normalizePrefixPath, normalizeTildePath, ROUTE_PATH_NORMALIZATION as NORMALIZATION,
} from '../../src/knowledge/entities/route-path-migration';
import { DECK_CONVERT_FACTS, deckDifference } from '../../src/knowledge/entities/deck-convert';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';

type Kind = 'plain' | 'regex' | 'tilde';

/** How 3.x must read the path to match what 2.x matched, with the `~` a 2.x regex needs. */
function threeXForm(path: string, kind: Kind): string {
  if (kind === 'tilde') return normalizeTildePath(path);
  return kind === 'regex' ? migrate2xRegex(path) : normalizePrefixPath(path);
}

/** True when the 3.x form differs from the path by more than the `~` (route-regex-path-without-tilde's part). */
function needsNormalizing(path: string, kind: Kind, form: string): boolean {
  return kind === 'regex' ? form.slice(1) !== path : form !== path;
}

export default defineRule<'plainEncoded' | 'regexEncoded' | 'migrationDecodes' | 'normalizedOnLoad'>({
  id: 'entities/route-path-percent-encoded',
  description: 'Reports route paths not in the normalized form 3.x matches and 3.1+ requires: escapes of anything but reserved characters, lower-case escapes, dot segments.',
  severity: 'warning',
  catalog: ['route-path-percent-encoding-normalization'],
  inputs: ['entities'],
  // Derived from the path already in the data: fingerprints stay those of the path alone.
  volatileData: ['deck'],
  gate: { introducedIn: FACTS.routerChangeIn },
  messages: {
    plainEncoded: '{{entity}}: path `{{path}}` is not in normalized form: Kong 2.x matched it as `{{decoded}}`, 3.x compares it as written with the normalized request path (so it never matches) and 3.1+ refuses it; write `{{decoded}}`.{{deck}}',
    regexEncoded: '{{entity}}: regex `{{path}}` holds escapes the 2.x router decoded and 3.x matches literally, so it stops matching the normalized request path; write `{{decoded}}`.{{deck}}',
    migrationDecodes: '{{entity}}: stored path `{{path}}` is rewritten as `{{decoded}}` by the 3.0 migration (same matching); write that form in files and scripts.',
    normalizedOnLoad: '{{entity}}: path `{{path}}` is rewritten as `{{decoded}}` when Kong loads this 1.1/2.1-format file (same matching), but decK and other tools read it as written: write `{{decoded}}` when converting the file to 3.0.',
  },
  remediation: 'Write paths as Kong normalizes them: unreserved and other characters literally, percent-encoding (upper case) only for reserved characters, no `.` or `..` segments. `--fix-output` writes that form; decK\'s `file convert` does not.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources, ...NORMALIZATION.sources, ...DECK_CONVERT_FACTS.sources],
  check(ctx) {
    const refused = ctx.crosses(NORMALIZATION.normalizedPrefixRequiredIn);
    return {
      route(entity) {
        forEachRoutePath(entity, (path, index) => {
          // Without an escape, a dot or an empty segment no form of normalizing changes a path
          // (decoding and dot-segment removal both return it as is): most paths stop here.
          if (!path.includes('%') && !path.includes('.') && !path.includes('//')) return;
          // Positions and labels only for paths that are reported: a 50,000-route file has
          // ~100,000 paths, and locating each was ~0.5 s of a run that reports none of them.
          const at = () => entity.at(['paths', index]);
          if (fromDatabase(entity) || (entity.pathsMigratedOnLoad && !path.startsWith('~'))) {
            // Kong rewrites these itself, with migrate_path: say what it writes.
            const migrated = migrate2xPath(path);
            const kind: Kind = isRegexFor2x(path) ? 'regex' : 'plain';
            if (!needsNormalizing(path, kind, migrated)) return;
            const messageId = fromDatabase(entity) ? 'migrationDecodes' : 'normalizedOnLoad';
            ctx.report({ messageId, severity: 'info', at: at(), data: { entity: entityLabel(entity), path, decoded: migrated } });
            return;
          }
          const kind: Kind = path.startsWith('~') ? 'tilde' : isRegexIn2x(path) ? 'regex' : 'plain';
          const form = threeXForm(path, kind);
          if (!needsNormalizing(path, kind, form)) return;
          const data = { entity: entityLabel(entity), path, decoded: form, deck: deckDifference(path, entity.documentPath, form) };
          if (kind === 'plain') ctx.report({ messageId: 'plainEncoded', severity: refused ? 'blocker' : 'warning', at: at(), data });
          else ctx.report({ messageId: 'regexEncoded', at: at(), data });
        });
      },
    };
  },
});
