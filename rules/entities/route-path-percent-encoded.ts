// Flags route paths that are not in the form Kong 3.x matches: the 2.x router normalized every
// path before matching (escapes decoded but for reserved characters, dot segments removed),
// 3.x compares a path as written with the normalized request path, and from 3.1 refuses a
// prefix path that is not normalized. Kong's own migration rewrites stored paths; files keep
// what they say. A 3.0.x source (whose migration has run) can still hold non-normalized prefix
// paths written after it, which 3.0 accepted and 3.1 refuses: reported on 3.0 -> 3.1+ paths too.
// The rule keeps its first name: percent-escapes are the common case.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase, forEachRoutePath } from '../../src/engine/entity-facts';
import type { Entity } from '../../src/model/entities';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import {
  isRegexFor2x, isRegexIn2x, migrate2xPath, migrate2xRegex, normalizePrefixPath, normalizeTildePath, ROUTE_PATH_NORMALIZATION as NORMALIZATION,
} from '../../src/knowledge/entities/route-path-migration';
import { DECK_CONVERT_FACTS, deckDifference } from '../../src/knowledge/entities/deck-convert';
import { BREAKING_CHANGES_PAGE, repo } from '../../src/knowledge/entities/sources';
import type { RuleContext } from '../../src/engine/define-rule';

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

/** The 3.0.x accepted a prefix path in any form (`validate_path_with_regexes`, typedefs.lua@3.0.0); 3.1 refuses it. */
const ACCEPTED_BY_30 = repo('kong/db/schema/typedefs.lua', '3.0.0', 'validate_path_with_regexes: a prefix path is only checked for valid escapes, never for normalized form');
/** No 3.0 -> 3.1 migration rewrites route paths, and only the request path is normalized for matching. */
const KEPT_BY_31 = repo('kong/db/migrations/core/017_300_to_310.lua', '3.1.0', 'no route path rewrite: stored paths stay as written');
/** A data plane validates the configuration its control plane sends, and refuses all of it when one entity fails. */
const DATA_PLANE_VALIDATES = repo('kong/clustering/config_helper.lua', '3.1.0', 'update: parse_table validates the whole configuration from the control plane');

export default defineRule<'plainEncoded' | 'regexEncoded' | 'migrationDecodes' | 'normalizedOnLoad' | 'refusedFrom31' | 'storedRefusedFrom31' | 'storedRefusedFrom31Hybrid'>({
  id: 'entities/route-path-percent-encoded',
  description: 'Reports route paths not in the normalized form 3.x matches and 3.1+ requires: escapes of anything but reserved characters, lower-case escapes, dot segments.',
  severity: 'warning',
  catalog: ['route-path-percent-encoding-normalization'],
  inputs: ['entities'],
  // Derived from the path already in the data: fingerprints stay those of the path alone.
  volatileData: ['deck'],
  // From 2.x the router change in 3.0; from 3.0.x the refusal of non-normalized prefixes in 3.1.
  messages: {
    plainEncoded: '{{entity}}: path `{{path}}` is not in normalized form: Kong 2.x matched it as `{{decoded}}`, 3.x compares it as written with the normalized request path (so it never matches) and 3.1+ refuses it; write `{{decoded}}`.{{deck}}',
    regexEncoded: '{{entity}}: regex `{{path}}` holds escapes the 2.x router decoded and 3.x matches literally, so it stops matching the normalized request path; write `{{decoded}}`.{{deck}}',
    migrationDecodes: '{{entity}}: stored path `{{path}}` is rewritten as `{{decoded}}` by the 3.0 migration (same matching); write that form in files and scripts.',
    normalizedOnLoad: '{{entity}}: path `{{path}}` is rewritten as `{{decoded}}` when Kong loads this 1.1/2.1-format file (same matching), but decK and other tools read it as written: write `{{decoded}}` when converting the file to 3.0.',
    refusedFrom31: '{{entity}}: path `{{path}}` is not in normalized form: 3.0 accepts it but 3.1+ refuses it, so loading or syncing this file fails; write `{{decoded}}`. 3.0 compares the path as written with the normalized request path, so this route never matched through it: the normalized form starts matching requests.',
    storedRefusedFrom31: '{{entity}}: stored path `{{path}}` is not in normalized form: 3.1+ keeps the row as it is (no migration rewrites it) but refuses any Admin API or decK write of this route until the path reads `{{decoded}}`. 3.0 never matched the normalized request path through it, and the normalized form starts matching requests.',
    storedRefusedFrom31Hybrid: '{{entity}}: stored path `{{path}}` is not in normalized form: the control plane sends the row as stored and 3.1+ data planes refuse the whole configuration; write `{{decoded}}` before upgrading them. 3.0 never matched the normalized request path through it, and the normalized form starts matching requests.',
  },
  remediation: 'Write paths as Kong normalizes them: unreserved and other characters literally, percent-encoding (upper case) only for reserved characters, no `.` or `..` segments. `--fix-output` writes that form; decK\'s `file convert` does not.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources, ...NORMALIZATION.sources, ACCEPTED_BY_30, KEPT_BY_31, DATA_PLANE_VALIDATES, ...DECK_CONVERT_FACTS.sources],
  check(ctx) {
    const refused = ctx.crosses(NORMALIZATION.normalizedPrefixRequiredIn);
    if (!ctx.crosses(FACTS.routerChangeIn)) return refused ? refusedFrom3x(ctx) : undefined;
    const since = FACTS.routerChangeIn;
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
            ctx.report({ messageId, severity: 'info', since, at: at(), data: { entity: entityLabel(entity), path, decoded: migrated } });
            return;
          }
          // In a 3.0-format file a path regex-like only through `:`, a space... is a 3.x literal
          // prefix (route-regex-path-without-tilde reports nothing on it there).
          const literal = entity.pathsWrittenFor3x && !FACTS.regexMetacharacters.test(path);
          const kind: Kind = path.startsWith('~') ? 'tilde' : !literal && isRegexIn2x(path) ? 'regex' : 'plain';
          const form = threeXForm(path, kind);
          if (!needsNormalizing(path, kind, form)) return;
          const data = { entity: entityLabel(entity), path, decoded: form, deck: deckDifference(path, entity.documentPath, form) };
          if (kind === 'plain') ctx.report({ messageId: 'plainEncoded', severity: refused ? 'blocker' : 'warning', since, at: at(), data });
          else ctx.report({ messageId: 'regexEncoded', since, at: at(), data });
        });
      },
    };
  },
});

/**
 * A 3.0.x source going to 3.1+: its paths are already in 3.x form (`~` for regexes), so only a
 * prefix path that normalize() changes is reported; a `~` regex is matched as written on both.
 */
function refusedFrom3x(ctx: RuleContext<'refusedFrom31' | 'storedRefusedFrom31' | 'storedRefusedFrom31Hybrid'>) {
  const since = NORMALIZATION.normalizedPrefixRequiredIn;
  return {
    route(entity: Entity) {
      forEachRoutePath(entity, (path, index) => {
        if (!path.includes('%') && !path.includes('.') && !path.includes('//')) return;
        if (path.startsWith('~')) return;
        const decoded = normalizePrefixPath(path);
        if (decoded === path) return;
        const at = entity.at(['paths', index]);
        const data = { entity: entityLabel(entity), path, decoded };
        if (!fromDatabase(entity)) ctx.report({ messageId: 'refusedFrom31', severity: 'blocker', since, at, data });
        else if (ctx.plan.topology === 'hybrid') ctx.report({ messageId: 'storedRefusedFrom31Hybrid', severity: 'blocker', since, at, data });
        else ctx.report({ messageId: 'storedRefusedFrom31', severity: 'warning', since, at, data });
      });
    },
  };
}
