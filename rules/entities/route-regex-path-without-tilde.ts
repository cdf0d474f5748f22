// Flags route paths that Kong 2.x matched as regexes but 3.x reads as literal prefixes: from 3.0
// only a leading `~` makes a regex. Kong's migration and its on-load upgrade of 1.1/2.1 files add
// the `~`, but decK files and scripts that keep writing the 2.x form break regex routing.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase, forEachRoutePath } from '../../src/engine/entity-facts';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import { isRegexIn2x, migrate2xRegex, ROUTE_PATH_NORMALIZATION } from '../../src/knowledge/entities/route-path-migration';
import { DECK_CONVERT_FACTS, deckDifference } from '../../src/knowledge/entities/deck-convert';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';

export default defineRule<'regexWithoutTilde' | 'literalLooksRegex' | 'migrationWillPrefix' | 'prefixedOnLoad'>({
  id: 'entities/route-regex-path-without-tilde',
  description: 'Reports route paths that were regexes in 2.x but lack the `~` prefix 3.x requires.',
  severity: 'warning',
  catalog: ['route-regex-path-tilde-prefix-db', 'declarative-format-version-3'],
  inputs: ['entities'],
  // Derived from the path already in the data: fingerprints stay those of the path alone.
  volatileData: ['migrated', 'deck'],
  gate: { introducedIn: FACTS.routerChangeIn },
  messages: {
    regexWithoutTilde: '{{entity}}: path `{{path}}` is a regex for Kong 2.x but a literal prefix for 3.x (Kong adds the `~` itself only when it loads a 1.1/2.1-format file; decK and 3.0-format files keep it literal); write `{{migrated}}`.{{deck}}',
    literalLooksRegex: '{{entity}}: path `{{path}}` holds `{{character}}`, so Kong 2.x and its 3.0 migration treat it as a regex although it reads as a literal; 3.x takes it as a literal prefix unless prefixed with `~`, the form the migration and `--fix-output` write, which matches what 2.x matched.{{deck}}',
    migrationWillPrefix: '{{entity}}: stored path `{{path}}` becomes `{{migrated}}` in the 3.0 migration (same matching); files and scripts must write that form from then on.',
    prefixedOnLoad: '{{entity}}: path `{{path}}` is a 2.x regex; Kong rewrites it as `{{migrated}}` when it loads this 1.1/2.1-format file (same matching), but decK and other tools read it as written: write `{{migrated}}` when converting the file to 3.0.',
  },
  remediation: 'Prefix regex paths with `~` in every file and script that writes routes (decK `file convert` only handles routes nested under services; `--fix-output` handles both).',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources, ...ROUTE_PATH_NORMALIZATION.sources.slice(0, 2), ...DECK_CONVERT_FACTS.sources],
  check(ctx) {
    return {
      route(entity) {
        forEachRoutePath(entity, (path, index) => {
          if (!isRegexIn2x(path)) return;
          const migrated = migrate2xRegex(path);
          const data = { entity: entityLabel(entity), path, migrated };
          // Said only of files: the note compares with what decK would write for this one.
          const deck = () => deckDifference(path, entity.documentPath, migrated);
          if (fromDatabase(entity)) {
            ctx.report({ messageId: 'migrationWillPrefix', severity: 'info', at: entity.at(['paths', index]), data });
          } else if (entity.pathsMigratedOnLoad) {
            // Kong loads this 1.1/2.1 configuration itself (declarative_config, or a ConfigMap's kong.yml):
            // it upgrades it as it loads it, so routing keeps working.
            ctx.report({ messageId: 'prefixedOnLoad', severity: 'info', at: entity.at(['paths', index]), data });
          } else if (FACTS.regexMetacharacters.test(path)) {
            ctx.report({ messageId: 'regexWithoutTilde', at: entity.at(['paths', index]), data: { ...data, deck: deck() } });
          } else if (entity.pathsWrittenFor3x) {
            // 2.x refuses a 3.0-format file, so no Kong reads this path as a regex: 3.x takes it
            // as the literal prefix it reads as (a converted file re-checked from 2.x).
            return;
          } else {
            const character = [...path].find((c) => !FACTS.plainPathCharacters.test(c)) ?? '';
            ctx.report({ messageId: 'literalLooksRegex', severity: 'info', at: entity.at(['paths', index]), data: { ...data, character, deck: deck() } });
          }
        });
      },
    };
  },
});
