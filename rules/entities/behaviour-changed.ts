// Points at entities whose behaviour changes on the path although their configuration stays
// valid (renamed metrics, invalidated sessions, known issues of one release): what depends on
// the old behaviour must be checked before the hop.

import { defineRule } from '../../src/engine/define-rule';
import { FactIndex, concerns, entityLabel, factsOnPath, severityFor, severityWithoutConf, sourcesOf } from '../../src/engine/entity-facts';
import { behaviourChanges } from '../../src/knowledge/entities/behaviour-changes';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { Entity } from '../../src/model/entities';
import { matches } from '../../src/model/field-paths';

export default defineRule<'changed' | 'knownIssue'>({
  id: 'entities/behaviour-changed',
  description: 'Reports entities whose behaviour changes on the path, and known issues of the target release.',
  severity: 'warning',
  versionData: ['since', 'fixedIn'],
  catalog: ['plugin-hmac-auth-legacy-signature-removed', 'plugin-aws-lambda-host-always-signed', 'plugin-statsd-metric-names', 'plugin-jwt-conflicting-tokens-denied', 'plugin-session-library-v4', 'plugin-serverless-isolated-cache', 'ee-dynamic-plugin-ordering-license', 'plugin-azure-functions-routeprefix-only', 'plugin-oas-validation-non-json-skip', 'plugin-ai-proxy-anthropic-messages-path', 'plugin-ai-metrics-log-key-renamed', 'known-issue-3-11-ai-license-migration', 'plugin-oidc-forbidden-redirect-uri', 'plugin-kafka-consume-no-service', 'plugin-ai-semantic-cache-namespace-column', 'known-issue-3-14-oidc-nested-claims', 'vault-hcv-ca-trust-3-14', 'plugin-upstream-timeout-zero-becomes-60000', 'plugin-jwt-signer-rotate-tls-verify', 'plugin-oauth2-token-cache-key-sha256', 'plugin-http-log-3xx-retried', 'known-issue-3-13-otel-request-count-attribute', 'known-issue-3-10-vault-auth-incremental-sync-cache'],
  inputs: ['entities'],
  messages: {
    changed: '{{entity}}: {{summary}}',
    knownIssue: '{{entity}}: known issue of {{since}} (fixed in {{fixedIn}}): {{summary}}',
  },
  remediation: 'Check what depends on the old behaviour, as the finding says.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(behaviourChanges),
  check(ctx) {
    const index = new FactIndex(factsOnPath(ctx, behaviourChanges));
    const visit = (entity: Entity) => {
      for (const fact of index.for(entity)) {
        if (!concerns(fact, entity) || !matches(entity, fact.when)) continue;
        ctx.report({
          messageId: fact.fixedIn ? 'knownIssue' : 'changed',
          severity: severityWithoutConf(ctx, fact, severityFor(fact, entity)),
          at: entity.at(),
          since: fact.introducedIn,
          remediation: fact.remediation,
          data: { entity: entityLabel(entity), summary: fact.summary, since: fact.introducedIn, fixedIn: fact.fixedIn ?? '', fact: fact.id },
        });
      }
    };
    return Object.fromEntries([...index.types].map((type) => [type, visit]));
  },
});
