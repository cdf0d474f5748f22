// Flags entities that leave a field unset whose default changes on the path: they silently
// change behaviour (rate limits counted per node, credentials hidden, routes HTTPS-only...).

import { defineRule } from '../../src/engine/define-rule';
import { FactIndex, concerns, entityLabel, factsOnPath, fieldValuesOrAlias, severityFor, sourcesOf } from '../../src/engine/entity-facts';
import { defaultChanges } from '../../src/knowledge/entities/default-changes';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { Entity } from '../../src/model/entities';
import { deepestExisting, matches } from '../../src/model/field-paths';

export default defineRule<'defaultChanged'>({
  id: 'entities/default-changed',
  description: 'Reports entities relying on a default that changes on the path.',
  severity: 'warning',
  versionData: ['since'],
  catalog: ['plugin-acme-auth-method-default', 'plugin-prometheus-metrics-overhaul', 'plugin-rate-limiting-default-policy-local', 'plugin-session-read-body-for-logout', 'plugin-sha1-defaults-changed', 'plugin-ssl-verify-false-3-14', 'service-tls-verify-false', 'plugin-hide-credentials-default-true', 'route-default-protocols-https', 'plugin-ai-max-request-body-size-default-1m'],
  inputs: ['entities'],
  messages: {
    defaultChanged: '{{entity}}: `{{field}}` is not set, so its default changes from {{oldDefault}} to {{newDefault}} in {{since}}. {{summary}}',
  },
  remediation: 'Set the field explicitly to the behaviour you want; `--fix-output` pins the old default.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(defaultChanges),
  check(ctx) {
    const index = new FactIndex(factsOnPath(ctx, defaultChanges));
    const visit = (entity: Entity) => {
      for (const fact of index.for(entity)) {
        // A deprecated alias Kong turns into the field sets it too.
        if (!concerns(fact, entity) || !matches(entity, fact.when) || fieldValuesOrAlias(entity, fact.path).length > 0) continue;
        ctx.report({
          messageId: 'defaultChanged',
          severity: severityFor(fact, entity),
          at: entity.at(deepestExisting(entity.fields, fact.path)),
          since: fact.introducedIn,
          remediation: fact.remediation,
          data: {
            entity: entityLabel(entity), field: fact.path, since: fact.introducedIn, summary: fact.summary, fact: fact.id,
            oldDefault: JSON.stringify(fact.oldDefault), newDefault: JSON.stringify(fact.newDefault),
          },
        });
      }
    };
    return Object.fromEntries([...index.types].map((type) => [type, visit]));
  },
});
