// Flags entities that leave a field unset whose default changes on the path: they silently
// change behaviour (rate limits counted per node, credentials hidden, routes HTTPS-only...).

import { defineRule } from '../../src/engine/define-rule';
import { FactIndex, concerns, entityLabel, factsOnPath, fieldValuesOrAlias, severityFor, sourcesOf } from '../../src/engine/entity-facts';
import { defaultChanges } from '../../src/knowledge/entities/default-changes';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { DefaultChange } from '../../src/knowledge/entities/types';
import type { Entity } from '../../src/model/entities';
import { deepestExisting, matches } from '../../src/model/field-paths';

export default defineRule<'defaultChanged' | 'defaultsChanged'>({
  id: 'entities/default-changed',
  description: 'Reports entities relying on a default that changes on the path.',
  severity: 'warning',
  versionData: ['since'],
  // Which fields of a group are left unset changes as the operator works through them; the
  // finding stays the same one (rule, entity, group).
  volatileData: ['fields'],
  catalog: ['plugin-acme-auth-method-default', 'plugin-prometheus-metrics-overhaul', 'plugin-rate-limiting-default-policy-local', 'plugin-session-read-body-for-logout', 'plugin-sha1-defaults-changed', 'plugin-ssl-verify-false-3-14', 'service-tls-verify-false', 'plugin-hide-credentials-default-true', 'route-default-protocols-https', 'plugin-ai-max-request-body-size-default-1m', 'plugin-ai-proxy-log-statistics-default-false'],
  inputs: ['entities'],
  messages: {
    defaultChanged: '{{entity}}: `{{field}}` is not set, so its default changes from {{oldDefault}} to {{newDefault}} in {{since}}. {{summary}}',
    defaultsChanged: '{{entity}}: leaves {{fields}} unset, whose defaults change from {{oldDefault}} to {{newDefault}} in {{since}}. {{summary}}',
  },
  remediation: 'Set the field explicitly to the behaviour you want; `--fix-output` pins the old default.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(defaultChanges),
  check(ctx) {
    const index = new FactIndex(factsOnPath(ctx, defaultChanges));
    const visit = (entity: Entity) => {
      let groups: Map<string, DefaultChange[]> | undefined;
      for (const fact of index.for(entity)) {
        // A deprecated alias Kong turns into the field sets it too. A field inside an object a
        // Secret supplies whole (a `maybe` hit) may be set: no "left unset" claim is made of it.
        if (!concerns(fact, entity) || !matches(entity, fact.when) || fieldValuesOrAlias(entity, fact.path).length > 0) continue;
        if (fact.group !== undefined) {
          groups ??= new Map();
          groups.set(fact.group, [...(groups.get(fact.group) ?? []), fact]);
          continue;
        }
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
      for (const [group, facts] of groups ?? []) {
        const [first] = facts;
        ctx.report({
          messageId: 'defaultsChanged',
          severity: severityFor(first, entity),
          at: entity.at(deepestExisting(entity.fields, first.path)),
          since: first.introducedIn,
          remediation: first.remediation,
          data: {
            entity: entityLabel(entity), fields: facts.map((fact) => `\`${fact.path}\``).join(', '), since: first.introducedIn,
            summary: first.summary, fact: group, oldDefault: JSON.stringify(first.oldDefault), newDefault: JSON.stringify(first.newDefault),
          },
        });
      }
    };
    return Object.fromEntries([...index.types].map((type) => [type, visit]));
  },
});
