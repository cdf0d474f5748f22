// Flags schema and DAO forms that Kong 3.0 no longer loads: 0.x-era plugin schemas (no_consumer,
// self_check, `fields` keyed by name), the `legacy` attribute, untyped `shorthands`, daos.lua
// keyed by entity name, and typedefs that 3.0 dropped (`typedefs.paths`). Each one stops the
// plugin, and Kong, from starting.

import * as path from 'path';
import { defineRule } from '../../src/engine/define-rule';
import { isAssignmentTarget, memberChains } from '../../src/inputs/lua/code';
import { arrayItems, returnedTable, tableField, type LuaTable, type LuaTableField } from '../../src/inputs/lua/table';
import type { LuaToken } from '../../src/inputs/lua/tokenizer';
import { tokenOrigin } from '../../src/inputs/plugins/origin';
import { bindingsOf, requiresOf } from '../../src/inputs/plugins/query';
import type { LuaFile } from '../../src/inputs/plugins/types';
import { pluginFacts } from '../../src/knowledge/plugins/facts';
import { removedTypedefs, TYPEDEFS_MODULE } from '../../src/knowledge/plugins/lua-api';
import type { RemovedTypedef } from '../../src/knowledge/plugins/types';

const F = pluginFacts;
type Id = 'legacySchema' | 'legacyAttribute' | 'shorthandsRemoved' | 'shorthandsDeprecated' | 'daosHash' | 'typedefRemoved';

export default defineRule<Id>({
  id: 'plugins/legacy-schema-forms',
  description: 'Flags custom plugin schema.lua and daos.lua forms that Kong 3.0 no longer accepts.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['pdk-schema-shorthands-deprecated', 'custom-plugin-daos-array', 'custom-plugin-legacy-attribute-removed', 'custom-plugin-legacy-schema-removed', 'custom-plugin-shorthands-removed'],
  inputs: ['customPlugins'],
  messages: {
    legacySchema: '{{plugin}}: schema.lua is a 0.x-era schema ({{reason}}); Kong {{since}} no longer converts it and the plugin fails to load.',
    legacyAttribute: '{{plugin}}: `legacy = ...` in {{file}} is an unknown schema attribute from Kong {{since}}; the schema fails validation.',
    shorthandsRemoved: '{{plugin}}: untyped `shorthands` in {{file}} are gone from Kong {{since}}; use typed `shorthand_fields`.',
    shorthandsDeprecated: '{{plugin}}: untyped `shorthands` in {{file}} are deprecated since {{since}} and removed in 3.0; use typed `shorthand_fields`.',
    daosHash: '{{plugin}}: daos.lua returns entities keyed by name (`{{key}} = ...`); from Kong {{since}} it must return an array.',
    typedefRemoved: '{{plugin}}: `{{chain}}` is nil from Kong {{since}}, which renamed it typedefs.{{replacement}}; the schema field built from it is empty and the plugin fails to load.',
  },
  remediation: 'Port the schema to the current DSL: `name`, a `fields` array with a `config` record, `entity_checks` instead of self_check, typed `shorthand_fields`, current typedef names; return DAO schemas as an array.',
  docsUrl: F.legacySchemaRemoved.docsUrl,
  sources: [F.legacySchemaRemoved, F.legacyAttributeRemoved, F.shorthandsRemoved, F.shorthandsDeprecated, F.daosArray, F.typedefPathsRenamed].flatMap((f) => f.sources),
  check(ctx) {
    const crosses30 = ctx.crosses('3.0.0.0');
    const crosses22 = ctx.crosses(F.shorthandsDeprecated.introducedIn);
    if (!crosses30 && !crosses22) return;
    const gone = new Map(removedTypedefs.filter((t) => ctx.crosses(t.removedIn)).map((t) => [t.name, t]));
    for (const plugin of ctx.input('customPlugins').plugins) {
      const base = { plugin: plugin.name };
      // Schemas are often assembled from helper files, so every file of the plugin is searched.
      for (const file of gone.size > 0 ? plugin.luaFiles : []) {
        for (const { typedef, chain, at } of removedTypedefUses(file, gone)) {
          ctx.report({ messageId: 'typedefRemoved', at: tokenOrigin(file, at), since: typedef.removedIn,
            data: { ...base, chain, since: typedef.removedIn, replacement: typedef.replacement } });
        }
      }
      const files = [plugin.schema, plugin.daos].filter((f): f is LuaFile => f !== undefined);
      for (const file of files) {
        const table = returnedTable(file.code);
        if (!table) continue;
        const fileData = { ...base, file: path.basename(file.place ?? file.path) };
        if (crosses30 && file.role === 'schema') {
          const legacy = legacySchemaMarker(table);
          if (legacy) ctx.report({ messageId: 'legacySchema', at: tokenOrigin(file, legacy.at), since: F.legacySchemaRemoved.introducedIn,
            data: { ...base, reason: legacy.reason, since: '3.0.0.0' } });
        }
        if (crosses30 && file.role === 'daos') {
          const keyed = table.fields.find((f) => f.keyKind === 'name' || f.keyKind === 'string');
          if (keyed) ctx.report({ messageId: 'daosHash', at: tokenOrigin(file, keyed.at), since: F.daosArray.introducedIn,
            data: { ...base, key: keyed.key!, since: '3.0.0.0' } });
        }
        for (const field of walk(table)) {
          if (field.key === 'legacy' && crosses30 && isBooleanLiteral(field)) {
            ctx.report({ messageId: 'legacyAttribute', at: tokenOrigin(file, field.at), since: F.legacyAttributeRemoved.introducedIn,
              data: { ...fileData, since: '3.0.0.0' } });
          } else if (field.key === 'shorthands' && isList(field)) {
            if (crosses30) ctx.report({ messageId: 'shorthandsRemoved', at: tokenOrigin(file, field.at), since: F.shorthandsRemoved.introducedIn,
              data: { ...fileData, since: '3.0.0.0' } });
            else ctx.report({ messageId: 'shorthandsDeprecated', severity: 'info', at: tokenOrigin(file, field.at),
              since: F.shorthandsDeprecated.introducedIn, data: { ...fileData, since: F.shorthandsDeprecated.introducedIn } });
          }
        }
      }
    }
  },
});

/** `typedefs.paths` through a name bound to the typedefs module, or `require("...typedefs").paths`. */
function removedTypedefUses(file: LuaFile, gone: ReadonlyMap<string, RemovedTypedef>): { typedef: RemovedTypedef; chain: string; at: LuaToken }[] {
  const uses: { typedef: RemovedTypedef; chain: string; at: LuaToken }[] = [];
  for (const call of requiresOf(file)) {
    const typedef = call.module === TYPEDEFS_MODULE && call.member ? gone.get(call.member.name) : undefined;
    if (typedef) uses.push({ typedef, chain: `require("${TYPEDEFS_MODULE}").${typedef.name}`, at: call.member!.at });
  }
  const aliases = bindingsOf(file, TYPEDEFS_MODULE);
  if (aliases.size === 0) return uses;
  const chains = memberChains(file.code).filter((c) => c.parts.length >= 2 && aliases.has(c.parts[0]));
  // A file that also names the replacement, or defines the old name itself, is written for both
  // versions (`typedefs.router_paths or typedefs.paths`): not reported.
  const versionAware = (t: RemovedTypedef) => chains.some((c) => c.parts[1] === t.replacement
    || (c.parts[1] === t.name && c.parts.length === 2 && isAssignmentTarget(file.code, c)));
  for (const chain of chains) {
    const typedef = gone.get(chain.parts[1]);
    if (typedef && !versionAware(typedef)) uses.push({ typedef, chain: `${chain.parts[0]}.${typedef.name}`, at: chain.tokens[1] });
  }
  return uses;
}

/** The first sign that a plugin schema is in the 0.x format, with what it is. */
function legacySchemaMarker(table: LuaTable): { at: LuaTableField['at']; reason: string } | undefined {
  for (const key of ['no_consumer', 'self_check']) {
    const field = tableField(table, key);
    if (field) return { at: field.at, reason: `\`${key}\`` };
  }
  const fields = tableField(table, 'fields');
  if (fields?.value.kind === 'table' && arrayItems(fields.value).length < fields.value.fields.length) {
    const keyed = fields.value.fields.find((f) => f.keyKind !== undefined)!;
    return { at: keyed.at, reason: `\`fields\` keyed by name (\`${keyed.key ?? '[...]'}\`)` };
  }
  if (!tableField(table, 'name')) return { at: table.open, reason: 'no `name`' };
  return undefined;
}

/** Every keyed field of a table and of the tables nested in it. */
function* walk(table: LuaTable): Generator<LuaTableField> {
  for (const field of table.fields) {
    if (field.keyKind) yield field;
    if (field.value.kind === 'table') yield* walk(field.value);
  }
}

// `legacy = true` is the attribute; a config field that happens to be named `legacy` has a table value.
function isBooleanLiteral(field: LuaTableField): boolean {
  return field.value.kind === 'expr' && field.value.tokens.length === 1
    && field.value.tokens[0].kind === 'keyword' && ['true', 'false'].includes(field.value.tokens[0].value);
}

// `shorthands` is a list of { name = function } entries; a field named `shorthands` would be a record.
function isList(field: LuaTableField): boolean {
  return field.value.kind === 'table' && arrayItems(field.value).length === field.value.fields.length;
}
