// Flags entity values that a version on the path refuses or ignores: http-log header lists,
// fractional queue sizes, scalar AI rate limits, certificate verification turned off (3.14)...
// A refused value makes a DB-less start or a decK sync fail. A database row is not validated
// when Kong reads it (kong/db/schema/init.lua, process_auto_fields on select): some stored values
// are converted on the way, others stay in use until a write re-validates the entity.

import { defineRule } from '../../src/engine/define-rule';
import { FactIndex, concerns, entityLabel, factReachedIn, factsOnPath, fieldValuesOrAlias, fromDatabase, severityFor, sourcesOf } from '../../src/engine/entity-facts';
import { fieldValueRules } from '../../src/knowledge/entities/field-value-rules';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { ValueCheck, ValueRule } from '../../src/knowledge/entities/types';
import type { Entity } from '../../src/model/entities';
import { deepestExisting, isRecord, matches } from '../../src/model/field-paths';
import { isUnknownValue } from '../../src/model/unknown-value';

/** True when the value passes the check. A value set from a Secret (not known here) passes. */
function passes(check: ValueCheck, value: unknown): boolean {
  if (isUnknownValue(value)) return true;
  switch (check.kind) {
    case 'not-equal': return value !== check.value;
    case 'not-one-of': return !check.values.includes(value);
    case 'map-values-are-strings':
      return value === null || typeof value !== 'object' || Object.values(value).every((v) => typeof v === 'string');
    case 'integer': return typeof value !== 'number' || Number.isInteger(value);
    case 'at-least': return typeof value !== 'number' || value >= check.min;
    case 'at-most': return typeof value !== 'number' || value <= check.max;
    case 'list': return Array.isArray(value);
    case 'not-blank': return typeof value === 'string' && value.trim().length > 0;
    case 'set': return true;
  }
}

/**
 * The value for a message. A mapping (an http-log `headers` set) is shown by its keys only: its
 * values may be credentials (an Authorization header, an API key), which no report may hold.
 */
function show(value: unknown): string {
  const text = isRecord(value)
    ? `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${elided(item)}`).join(',')}}`
    : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A member's shape without its content. */
function elided(item: unknown): string {
  if (Array.isArray(item)) return '[…]';
  if (typeof item === 'string') return '"…"';
  return isRecord(item) ? '{…}' : JSON.stringify(item) ?? String(item);
}

export default defineRule<'rejected' | 'deprecated' | 'missing' | 'migrated' | 'floored' | 'storedKept' | 'storedKeptHybrid'>({
  id: 'entities/field-value-rejected',
  description: 'Reports entity values that a version on the path refuses, ignores, deprecates or needs set.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['plugin-aws-lambda-region-required', 'plugin-http-log-headers-string', 'plugin-queue-parameters-stricter', 'vault-hcv-approle-validation', 'plugin-ai-deprecated-fields-3-10', 'plugin-ai-rla-window-arrays', 'plugin-datakit-handlebars-removed', 'plugin-ssl-verify-false-3-14', 'service-tls-verify-false', 'ee-workspace-name-reserved', 'upstream-healthcheck-counters-at-most-254'],
  inputs: ['entities'],
  messages: {
    rejected: '{{entity}}: `{{field}}` = {{value}} is not accepted from {{since}}; expected {{expected}}. {{summary}}',
    deprecated: '{{entity}}: `{{field}}` = {{value}} is deprecated from {{since}} but still accepted; prefer {{expected}}. {{summary}}',
    missing: '{{entity}}: `{{field}}` is not set; from {{since}} it needs {{expected}}. {{summary}}',
    migrated: '{{entity}}: stored `{{field}}` = {{value}} is converted by Kong\'s {{since}} migrations; update the automation that writes it.',
    floored: '{{entity}}: stored `{{field}}` = {{value}} is read as {{floored}} from {{since}}, which rounds the row\'s number down to the integer the field now takes; files and API calls that send a fraction fail validation.',
    storedKept: '{{entity}}: stored `{{field}}` = {{value}} is refused from {{since}} ({{expected}}); Kong still runs with the row as stored, but an Admin API PATCH of this entity fails validation until the value changes.',
    storedKeptHybrid: '{{entity}}: stored `{{field}}` = {{value}} is refused from {{since}} ({{expected}}): the control plane sends the row as stored, and its {{since}} data planes refuse the whole configuration.',
  },
  remediation: 'Change the value as the finding says before upgrading.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(fieldValueRules),
  check(ctx) {
    const facts = factsOnPath(ctx, fieldValueRules);
    const index = new FactIndex(facts);
    const visit = (entity: Entity) => {
      for (const fact of index.for(entity)) {
        if (!concerns(fact, entity) || !matches(entity, fact.when)) continue;
        for (const path of fact.paths) report(fact, entity, path);
      }
    };
    const report = (fact: ValueRule, entity: Entity, path: string) => {
      const since = factReachedIn(fact, ctx.plan);
      const base = { since, remediation: fact.remediation, severity: severityFor(fact, entity) };
      const data = { entity: entityLabel(entity), since, expected: fact.expected, summary: fact.summary, fact: fact.id };
      // A deprecated alias written instead of the field is checked in its place (flat Redis settings).
      // A field inside an object a Secret supplies whole is a hit too (`maybe`): not "missing", and its value passes.
      const hits = fieldValuesOrAlias(entity, path);
      if (fact.check.kind === 'set' || fact.check.kind === 'not-blank') {
        if (hits.length === 0) {
          ctx.report({ ...base, messageId: 'missing', at: entity.at(deepestExisting(entity.fields, path)), data: { ...data, field: path } });
          return;
        }
      }
      for (const hit of hits) {
        if (passes(fact.check, hit.value)) continue;
        const field = hit.path.join('.');
        const at = entity.at(hit.path);
        const shown = { ...data, field, value: show(hit.value) };
        if (fact.storedRows && !fact.stillAccepted && fromDatabase(entity)) {
          if (fact.storedRows === 'floored') {
            ctx.report({ ...base, severity: 'info', messageId: 'floored', at, data: { ...shown, floored: show(Math.floor(Number(hit.value))) } });
          } else if (ctx.plan.topology === 'hybrid') {
            ctx.report({ ...base, messageId: 'storedKeptHybrid', at, data: shown });
          } else {
            ctx.report({ ...base, severity: 'warning', messageId: 'storedKept', at, data: shown });
          }
          continue;
        }
        const migrated = fact.databaseMigrated && fromDatabase(entity);
        const messageId = fact.stillAccepted ? 'deprecated' : migrated ? 'migrated' : 'rejected';
        ctx.report({ ...base, messageId, at, data: shown });
      }
    };
    return Object.fromEntries([...index.types].map((type) => [type, visit]));
  },
});
