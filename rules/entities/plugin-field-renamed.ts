// Flags plugin fields renamed or removed on the path: a removed field fails validation when the
// configuration is loaded from a file (DB-less start, decK sync); a deprecated alias still works
// but conflicts with its replacement from 3.14.

import { defineRule } from '../../src/engine/define-rule';
import { FactIndex, concerns, entityLabel, factsOnPath, fromDatabase, severityFor, sourcesOf } from '../../src/engine/entity-facts';
import { pluginFieldRenames } from '../../src/knowledge/entities/plugin-field-renames';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import { fieldValues } from '../../src/model/field-paths';

export default defineRule<'removed' | 'renamed' | 'ignored' | 'migrated' | 'conflict'>({
  id: 'entities/plugin-field-renamed',
  description: 'Reports plugin fields that a version on the path renamed, removed or stopped honouring.',
  severity: 'blocker',
  catalog: ['plugin-allow-deny-nomenclature-deprecated', 'plugin-forward-proxy-host-port-deprecated', 'plugin-oidc-session-redis-auth-deprecated', 'plugin-aws-lambda-region-required', 'plugin-serverless-functions-field-removed', 'plugin-whitelist-blacklist-removed', 'plugin-oidc-saml-session-parameters-renamed', 'plugin-session-parameters-renamed', 'plugin-queue-parameters-reworked', 'plugin-redis-config-standardized-oss', 'ee-redis-cluster-sentinel-fields-renamed', 'plugin-ai-deprecated-fields-3-10', 'ee-schema-alias-conflict', 'plugin-oidc-claims-fields-deprecated'],
  inputs: ['entities'],
  messages: {
    removed: '{{entity}}: `{{from}}` is removed in {{since}}{{replacement}}. {{summary}}',
    renamed: '{{entity}}: `{{from}}` is deprecated from {{since}}; use `{{to}}`. {{summary}}',
    ignored: '{{entity}}: `{{from}}` has no effect from {{since}}. {{summary}}',
    migrated: '{{entity}}: stored `{{from}}` is rewritten to `{{to}}` by Kong\'s {{since}} migrations; update the automation that writes it.',
    conflict: '{{entity}}: both `{{from}}` and its replacement `{{to}}` are set; they must agree (from 3.14 a difference is an error).',
  },
  remediation: 'Rename or remove the field as the finding says; `--fix-output` writes a converted copy of a declarative file.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(pluginFieldRenames),
  check(ctx) {
    const index = new FactIndex(factsOnPath(ctx, pluginFieldRenames));
    return {
      plugin(entity) {
        for (const fact of index.for(entity)) {
          if (!concerns(fact, entity)) continue;
          // A removed field is refused even when written as null (a decK dump of 2.x writes them so).
          for (const hit of fieldValues(entity.fields, fact.from, { nullLeaf: fact.status === 'removed' })) {
            const common = {
              at: entity.at(hit.path),
              since: fact.introducedIn,
              remediation: fact.remediation,
              ...(fact.docsUrl ? { docsUrl: fact.docsUrl } : {}),
            };
            const data = {
              entity: entityLabel(entity), from: fact.from, to: fact.to ?? '', since: fact.introducedIn,
              summary: fact.summary, fact: fact.id,
              replacement: fact.to ? `; use \`${fact.to}\`` : '',
            };
            if (fact.to && fieldValues(entity.fields, fact.to).length > 0 && fact.status !== 'removed') {
              ctx.report({ ...common, messageId: 'conflict', severity: 'warning', data });
              continue;
            }
            const messageId = fact.databaseMigrated && fromDatabase(entity) && fact.to ? 'migrated'
              : fact.status === 'removed' ? 'removed' : fact.status === 'ignored' ? 'ignored' : 'renamed';
            ctx.report({ ...common, messageId, severity: severityFor(fact, entity), data });
          }
        }
      },
    };
  },
});
