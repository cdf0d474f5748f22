// Flags plugin fields renamed or removed on the path: a removed field fails validation when the
// configuration is loaded from a file (DB-less start, decK sync); a deprecated alias still works.
// A database row is read leniently: Kong drops the keys its schema lost (kong/db/schema/init.lua
// @3.0.0, process_auto_fields on select) and an Admin API PATCH merges into the row as read, so a
// stored removed field never makes Kong fail; what matters is whether its value still did something.
// An alias beside its replacement is only a problem when the two differ: Kong before 3.8 applies
// the alias over the replacement, 3.8 and later refuse the difference (Enterprise 3.14 can be told
// to apply the replacement instead, schema_alias_conflict_mode = warn).
// Fields of one plugin that change alike (same kind, severity and version) make one finding that
// names each with its replacement; conflicts between an alias and its replacement stay one per pair.

import { defineRule, type ReportDescriptor } from '../../src/engine/define-rule';
import { FactIndex, concerns, confidentSeverity, entityLabel, factsOnPath, fromDatabase, severityFor, sourcesOf } from '../../src/engine/entity-facts';
import { isOldDefault, pluginFieldRenames } from '../../src/knowledge/entities/plugin-field-renames';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { FieldRename } from '../../src/knowledge/entities/types';
import { fieldValues, isEmptyValue, matches } from '../../src/model/field-paths';
import { isUnknownValue } from '../../src/model/unknown-value';
import type { Origin } from '../../src/model/origin';
import type { Severity } from '../../src/model/finding';
import { KongVersion } from '../../src/version/kong-version';

/** Enterprise 3.14 adds schema_alias_conflict_mode; `warn` loads a differing pair and applies the replacement. */
const CONFLICT_MODE_FROM = KongVersion.parse('3.14.0.0');

/** The kinds of finding that one plugin's fields share when several fields change alike (one finding per group). */
type GroupedKind = 'removed' | 'renamed' | 'deprecated' | 'ignored' | 'migrated';
type MessageId = GroupedKind | `${GroupedKind}Fields` | 'notMigrated' | 'droppedOnRead' | 'storedIgnored' | 'nullApplied' | 'conflict' | 'aliasApplied' | 'refused' | 'replacementApplied';

export default defineRule<MessageId>({
  id: 'entities/plugin-field-renamed',
  description: 'Reports plugin fields that a version on the path renamed, removed or stopped honouring.',
  severity: 'blocker',
  versionData: ['since', 'migratedIn', 'refusedIn', 'later'],
  catalog: ['plugin-allow-deny-nomenclature-deprecated', 'plugin-forward-proxy-host-port-deprecated', 'plugin-oidc-session-redis-auth-deprecated', 'plugin-aws-lambda-region-required', 'plugin-serverless-functions-field-removed', 'plugin-whitelist-blacklist-removed', 'plugin-oidc-saml-session-parameters-renamed', 'plugin-session-parameters-renamed', 'plugin-queue-parameters-reworked', 'plugin-redis-config-standardized-oss', 'ee-redis-cluster-sentinel-fields-renamed', 'plugin-oidc-saml-redis-config-standardized', 'plugin-ai-deprecated-fields-3-10', 'ee-schema-alias-conflict', 'plugin-oidc-claims-fields-deprecated', 'plugin-ai-rla-llm-format-deprecated', 'plugin-otel-access-logs-endpoint-deprecated', 'plugin-ai-semantic-prompt-guard-rules-body-size-deprecated'],
  inputs: ['entities'],
  messages: {
    removed: '{{entity}}: `{{from}}` is removed in {{since}}{{replacement}}. {{summary}}',
    renamed: '{{entity}}: `{{from}}` is deprecated from {{since}}; use `{{to}}`. {{summary}}',
    deprecated: '{{entity}}: `{{from}}` is deprecated from {{since}}. {{summary}}',
    ignored: '{{entity}}: `{{from}}` has no effect from {{since}}. {{summary}}',
    migrated: '{{entity}}: stored `{{from}}` is rewritten to `{{to}}` by Kong\'s {{since}} migrations; update the automation that writes it.',
    removedFields: '{{entity}}: {{count}} fields are removed in {{since}}: {{fields}}. {{summary}}',
    renamedFields: '{{entity}}: {{count}} fields are deprecated from {{since}}: {{fields}}. {{summary}}',
    deprecatedFields: '{{entity}}: {{count}} fields are deprecated from {{since}}: {{fields}}. {{summary}}',
    ignoredFields: '{{entity}}: {{count}} fields have no effect from {{since}}: {{fields}}. {{summary}}',
    migratedFields: '{{entity}}: {{count}} stored fields are rewritten by Kong\'s {{since}} migrations ({{fields}}); update the automation that writes them.',
    notMigrated: '{{entity}}: stored `{{from}}` is not rewritten on this path (Kong\'s {{migratedIn}} migrations did that), and {{since}} drops it when reading the row: move the value to `{{to}}` before upgrading.',
    droppedOnRead: '{{entity}}: stored `{{from}}` is gone from the {{since}} schema and no migration moves it: Kong drops it when reading the row, so what it set no longer applies{{replacement}}.',
    storedIgnored: '{{entity}}: stored `{{from}}` has had no effect since {{noEffectSince}}, and {{since}} drops it when reading the row (an Admin API PATCH writes the row back without it): nothing changes. Automation that still sends it fails validation.',
    nullApplied: '{{entity}}: `{{from}}` is null beside `{{to}}`; Kong turns the null into {{value}} ({{meaning}}) and writes it over `{{to}}`.',
    conflict: '{{entity}}: `{{from}}` and its replacement `{{to}}` hold different values; only one of them takes effect.',
    aliasApplied: '{{entity}}: `{{from}}` and its replacement `{{to}}` disagree; Kong {{target}} applies `{{from}}` over `{{to}}`{{outcome}} ({{later}}).',
    refused: '{{entity}}: `{{from}}` and its replacement `{{to}}` hold different values, which Kong refuses from {{refusedIn}}: the configuration fails validation.',
    replacementApplied: '{{entity}}: `{{from}}` and its replacement `{{to}}` hold different values; with schema_alias_conflict_mode = warn Kong {{target}} logs it and applies `{{to}}`.',
  },
  remediation: 'Rename or remove the field as the finding says; `--fix-output` writes a converted copy of a declarative file.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: sourcesOf(pluginFieldRenames),
  check(ctx) {
    const facts = factsOnPath(ctx, pluginFieldRenames);
    const index = new FactIndex(facts);
    const target = ctx.plan.to;
    // Facts whose alias and replacement must agree on the target (parsed once, not per plugin).
    const refusedOnTarget = new Set(facts.filter((f) => f.mismatchRefusedIn !== undefined && !target.lt(KongVersion.parse(f.mismatchRefusedIn))));
    const conflictModeKnown = ctx.plan.edition === 'enterprise' && !target.lt(CONFLICT_MODE_FROM);
    const conflictModeWarn = conflictModeKnown && ctx.optionalInput('kongConf')?.get('schema_alias_conflict_mode')?.value === 'warn';
    return {
      plugin(entity) {
        // Fields that change alike (a rate-limiting plugin's nine flat redis_* aliases) make one
        // finding. Made on the first field found: most of 60,000 plugins have none.
        let alike: FieldGroups | undefined;
        for (const fact of index.for(entity)) {
          // A condition on the rest of the config (an alias Kong ignores beside another setting).
          if (!concerns(fact, entity) || !matches(entity, fact.when)) continue;
          const refused = refusedOnTarget.has(fact);
          // Before the refusal Kong applies the alias over the replacement, even a null one (which unsets it).
          const aliasWins = fact.mismatchRefusedIn !== undefined && !refused;
          // A removed field is refused even when written as null (a decK dump of 2.x writes them so).
          for (const hit of fieldValues(entity.fields, fact.from, { nullLeaf: fact.status === 'removed' || aliasWins || fact.nullBecomes !== undefined })) {
            // A Secret sets a whole object above the field (`configPatches` path `/redis`): the
            // field may not be in it, so nothing is claimed; the manifest's info names the check.
            if (hit.maybe) continue;
            // The default Kong takes without a warning (decK dumps write it for every plugin).
            if (isOldDefault(fact, hit.value)) continue;
            // Reading a row, Kong drops config keys its schema no longer has, so a removed field
            // stored null or empty carries nothing; older Kong stored every unset field so (a 2.8
            // aws-lambda row holds proxy_scheme: null).
            if (fact.status === 'removed' && fromDatabase(entity) && isEmptyValue(hit.value)) continue;
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
            // A replacement of another shape built from several old fields cannot be compared with one of them.
            if (fact.to && fact.status !== 'removed' && fact.valueShape?.kind !== 'operator-reshapes') {
              // Each replacement that is set, with its values, read once.
              const set = [fact.to, ...(fact.alsoTo ?? [])]
                .map((to) => ({ to, values: fieldValues(entity.fields, to) }))
                .filter((r) => r.values.length > 0);
              // A null alias beside nothing is simply unset, or becomes what a null meant before (nullBecomes).
              if (hit.value === null && set.length === 0) continue;
              if (hit.value === null && fact.nullBecomes) {
                // The shorthand's value overwrites the replacement whatever it holds.
                const { value, meaning } = fact.nullBecomes;
                const overridden = set.find((r) => r.values.some((v) => !sameValue(value, v.value)))?.to;
                if (overridden !== undefined) {
                  const remediation = `Remove \`${fact.from}\`, so that \`${overridden}\` applies.`;
                  ctx.report({ ...common, remediation, messageId: 'nullApplied', severity: 'warning', data: { ...data, to: overridden, value: String(value), meaning } });
                }
                continue;
              }
              // A value set from a Secret on either side may or may not differ: only the rename is certain.
              const unknownPair = isUnknownValue(hit.value) || set.some((r) => r.values.some((v) => isUnknownValue(v.value)));
              if (set.length > 0 && !unknownPair) {
                const differing = set.find((r) => r.values.some((v) => !sameValue(hit.value, asAlias(fact, v.value))))?.to;
                // Equal values: the file already carries the replacement, and every dump of Kong 3.6
                // and later writes the alias back beside it, so there is nothing to change.
                if (differing === undefined) continue;
                const pair = { ...data, to: differing, target: target.toString(), refusedIn: fact.mismatchRefusedIn ?? '' };
                const remediation = `Remove \`${fact.from}\` or give it the value of \`${differing}\`.`;
                if (aliasWins) {
                  const nullAlias = hit.value === null;
                  const outcome = nullAlias ? `, so the null unsets \`${differing}\`` : '';
                  const later = `from ${pair.refusedIn} Kong ${nullAlias ? 'ignores a null alias' : 'refuses the difference'}`;
                  ctx.report({ ...common, remediation, messageId: 'aliasApplied', severity: 'warning', data: { ...pair, outcome, later } });
                } else if (refused && conflictModeWarn) {
                  ctx.report({ ...common, remediation, messageId: 'replacementApplied', severity: 'warning', data: pair });
                } else if (refused) {
                  const severity = fact.confidence === 'uncertain' ? 'warning' : 'blocker';
                  const escape = conflictModeKnown ? ' Until then, schema_alias_conflict_mode = warn in kong.conf lets Kong load it and apply the replacement.' : '';
                  ctx.report({ ...common, since: pair.refusedIn, remediation: remediation + escape, messageId: 'refused', severity, data: pair });
                } else {
                  ctx.report({ ...common, remediation, messageId: 'conflict', severity: 'warning', data: pair });
                }
                continue;
              }
            }
            // What an older Kong wrote into the row for a field nobody set (FieldRename.storedDefault).
            if (fact.storedDefault !== undefined && fromDatabase(entity) && sameValue(hit.value, fact.storedDefault)) continue;
            if (fact.databaseMigrated && fromDatabase(entity) && fact.to) {
              const migratedIn = fact.migratedIn ?? fact.introducedIn;
              if (ctx.crosses(migratedIn)) {
                (alike ??= new FieldGroups()).add({ ...common, since: migratedIn, messageId: 'migrated', severity: severityFor(fact, entity), data: { ...data, since: migratedIn } });
              } else {
                // The migrating release lies before the installed one: only SQL can have left
                // this row, and nothing on the path will move its value.
                ctx.report({ ...common, messageId: 'notMigrated', severity: confidentSeverity(fact), data: { ...data, migratedIn } });
              }
              continue;
            }
            // No migration touches the row and reading it drops the key: nothing fails, and the
            // question is only whether the value still did anything. An uncertain fact does not
            // know whether an (Enterprise) migration rewrites the row, so it keeps its finding.
            if (fact.status === 'removed' && fromDatabase(entity) && fact.confidence !== 'uncertain') {
              if (fact.noEffectSince !== undefined && !ctx.crosses(fact.noEffectSince)) {
                const remediation = `Nothing to change in the database; remove \`${fact.from}\` from the files and scripts that still send it.`;
                ctx.report({ ...common, remediation, messageId: 'storedIgnored', severity: 'info', data: { ...data, noEffectSince: fact.noEffectSince } });
              } else {
                ctx.report({ ...common, messageId: 'droppedOnRead', severity: 'warning', data });
              }
              continue;
            }
            const messageId = fact.status === 'removed' ? 'removed' : fact.status === 'ignored' ? 'ignored' : fact.to ? 'renamed' : 'deprecated';
            (alike ??= new FieldGroups()).add({ ...common, messageId, severity: severityFor(fact, entity), data });
          }
        }
        if (alike) for (const finding of alike.findings()) ctx.report(finding);
      },
    };
  },
});

type FieldFinding = ReportDescriptor<GroupedKind> & { severity: Severity; data: { entity: string; from: string; to: string; since: string; summary: string; fact: string } };

/**
 * Findings of one plugin entity, merged where the kind, severity, version and documentation page
 * agree: a lone field keeps its own message and data (and so its fingerprint); several become one
 * finding at the first field's place that names each field with its replacement.
 */
class FieldGroups {
  private readonly groups = new Map<string, FieldFinding[]>();

  add(finding: FieldFinding): void {
    const key = [finding.messageId, finding.severity, finding.data.since, finding.docsUrl ?? ''].join('\u0000');
    const group = this.groups.get(key);
    if (group) group.push(finding);
    else this.groups.set(key, [finding]);
  }

  findings(): ReportDescriptor<MessageId>[] {
    return [...this.groups.values()].map((group) => (group.length === 1 ? group[0] : merged(group)));
  }
}

function merged(group: FieldFinding[]): ReportDescriptor<MessageId> {
  const ordered = [...group].sort((a, b) => placeOf(a.at) - placeOf(b.at));
  const first = ordered[0];
  const kind = first.messageId;
  const fields = ordered.map(({ data }) => {
    if (!data.to) return `\`${data.from}\``;
    return kind === 'migrated' ? `\`${data.from}\` to \`${data.to}\`` : `\`${data.from}\` (use \`${data.to}\`)`;
  });
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const data = {
    entity: first.data.entity,
    count: ordered.length,
    fields: fields.join(', '),
    from: ordered.map((f) => f.data.from).join(', '),
    to: ordered.map((f) => f.data.to).join(', '),
    since: first.data.since,
    summary: distinct(ordered.map((f) => f.data.summary)).join(' '),
    fact: ordered.map((f) => f.data.fact).join(', '),
  };
  const remediation = distinct(ordered.map((f) => f.remediation)).join(' ');
  // Every field's line stays an address of the finding: a suppression comment above any of them still applies.
  const alsoAt = ordered.slice(1).map((f) => f.at);
  return { ...first, messageId: `${kind}Fields`, data, alsoAt, ...(remediation ? { remediation } : {}) };
}

/** A sortable position: file findings by line and column, others (database rows) in the order found. */
function placeOf(at: Origin): number {
  return at.kind === 'file' ? at.line * 1e6 + at.column : Number.MAX_SAFE_INTEGER;
}

/**
 * The replacement's value written as the alias would be: Kong compares `host:port` strings with
 * the nodes joined back; a list holding one claim path is that path.
 */
function asAlias(fact: FieldRename, value: unknown): unknown {
  if (fact.valueShape?.kind === 'one-path-list') return Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (fact.valueShape?.kind !== 'host-port-to-nodes' || !Array.isArray(value)) return value;
  return value.map((node) => {
    if (node === null || typeof node !== 'object') return node;
    const { ip, host, port } = node as { ip?: unknown; host?: unknown; port?: unknown };
    return `${String(ip ?? host)}:${String(port)}`;
  });
}

/**
 * Kong's comparison (a deep one): the same scalar, or lists and records equal member by member.
 * Pairs already compared count as equal, so objects a YAML file shares through aliases are
 * compared once and a crafted file cannot make this exponential.
 */
function sameValue(a: unknown, b: unknown, seen = new Map<object, Set<object>>()): boolean {
  if (a === b) return true;
  // A value set from a Secret may be anything: no difference can be claimed.
  if (isUnknownValue(a) || isUnknownValue(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  let partners = seen.get(a);
  if (partners?.has(b)) return true;
  if (!partners) seen.set(a, (partners = new Set()));
  partners.add(b);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameValue(left[key], right[key], seen));
}
