// Writes a copy of a declarative file converted for the whole upgrade path: format 3.0, `~` on
// 2.x regex paths, renamed plugin fields moved (Redis addresses reshaped into nodes), removed
// fields dropped, scalar AI limits wrapped in lists, changed defaults pinned to the old value.
// The conversion edits a copy of the value as read (intended-value.ts); only the entries it
// changed are then rewritten in the file's text (text-patch.ts), and the copy is read back and
// compared with that value before anyone writes it. Anything it cannot decide is left for the
// re-check to report.

import { concerns, factsOnPath, entityLabel } from '../engine/entity-facts';
import { DeclarativeEntitySource, readDeclarativeText } from '../inputs/declarative';
import { secondDocumentStart } from '../inputs/declarative/yaml-reader';
import { maskDeckTemplates, restoreDeckTemplates, withoutDeckTemplates } from '../inputs/declarative/deck-templates';
import type { DeclarativeEntity } from '../inputs/declarative/entities';
import { defaultChanges } from '../knowledge/entities/default-changes';
import { fieldValueRules } from '../knowledge/entities/field-value-rules';
import { isOldDefault, pluginFieldRenames } from '../knowledge/entities/plugin-field-renames';
import { ROUTE_PATH_FACTS } from '../knowledge/entities/route-paths';
import { migrate2xPath, ROUTE_PATH_NORMALIZATION, normalizePrefixPath, normalizeRegexPath } from '../knowledge/entities/route-path-migration';
import type { FieldRename, FieldPathText } from '../knowledge/entities/types';
import type { Entity, FieldPath } from '../model/entities';
import { fieldValues, isEmptyValue, isSet, matches, toFieldPath } from '../model/field-paths';
import { pathCrosses } from '../plan/gate';
import type { Plan } from '../plan/types';
import { KongVersion } from '../version/kong-version';
import { IntendedValue, type EditNote } from './intended-value';
import { CannotPatch, lineEndingOf, patchText } from './text-patch';
import { assertReadsBack, refusal } from './read-back';

export interface Conversion {
  /** The rule whose finding this change resolves. */
  ruleId: string;
  /** `ruleId|entity|detail`: one of the keys `findingKeys` computes from a finding, for round-trip checks. */
  key: string;
  description: string;
}

export interface ConvertResult {
  text: string;
  conversions: Conversion[];
}

/**
 * The keys a finding is known by, to compare with Conversion.key: one per fact, since one finding
 * of entities/plugin-field-renamed names every field of a plugin that changes alike (`fact` then
 * lists their ids, comma-separated).
 */
export function findingKeys(finding: { ruleId: string; data?: Record<string, unknown> }): string[] {
  const data = finding.data ?? {};
  const details = typeof data.fact === 'string' ? data.fact.split(', ') : [String(data.path ?? '')];
  return details.map((detail) => `${finding.ruleId}|${data.entity ?? ''}|${detail}`);
}

/** `host:port` strings (decK and 3.4 style) as the `{ ip, port }` or `{ host, port }` records 3.8+ expects. */
function toNodes(value: unknown, hostKey: 'ip' | 'host'): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (typeof item !== 'string') return item;
    const at = item.lastIndexOf(':');
    if (at <= 0) return { [hostKey]: item };
    const port = Number(item.slice(at + 1));
    return Number.isInteger(port) ? { [hostKey]: item.slice(0, at), port } : { [hostKey]: item };
  });
}

/** The alias's value in its replacement's shape; undefined when it has no such form (left to the re-check). */
function reshape(fact: FieldRename, value: unknown): unknown {
  switch (fact.valueShape?.kind) {
    case 'host-port-to-nodes': return toNodes(value, fact.valueShape.hostKey);
    // One claim path (a list of strings) becomes the only path of the list.
    case 'one-path-list': return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string') ? [value] : undefined;
    case 'operator-reshapes': return undefined;
    // A value the new field refuses is translated as Kong's alias would, or left to the operator.
    case 'narrower-enum': {
      const translated = typeof value === 'string' ? fact.valueShape.translate?.[value] ?? value : value;
      return typeof translated === 'string' && fact.valueShape.accepted.includes(translated) ? translated : undefined;
    }
    default: return value;
  }
}

export function convertDeclarative(file: string, input: string, plan: Plan): ConvertResult {
  // A byte-order mark is written back as it was; the readers want the text without it.
  const bom = input.startsWith('\ufeff') ? '\ufeff' : '';
  const wholeText = input.slice(bom.length);
  const parsed = readDeclarativeText(file, wholeText);
  // Kong configures only the first YAML document of a file: that one is converted, and any
  // later ones are kept after it as written (declarative/multiple-documents reports them).
  const cut = parsed.format === 'yaml' ? secondDocumentStart(wholeText) ?? wholeText.length : wholeText.length;
  const text = wholeText.slice(0, cut);
  const rest = wholeText.slice(cut);
  const source = new DeclarativeEntitySource([parsed]);
  source.knowInstalledVersion(plan.from);
  // A key written twice is loaded by Kong (the later value wins; declarative/duplicate-keys
  // reports it), so it must not stop the conversion either.
  // decK template expressions are read masked (deck-templates.ts) and written back as they were.
  const maskedText = maskDeckTemplates(text);
  const doc = new IntendedValue(parsed.root);
  const conversions: Conversion[] = [];
  const ctx = { plan, crosses: (v: string | KongVersion) => pathCrosses(plan, v) };
  const record = (ruleId: string, entity: string, detail: string, description: string) =>
    conversions.push({ ruleId, key: `${ruleId}|${entity}|${detail}`, description: description + sharedNote(doc.takeNote()) });
  const where = (entity: Entity, path: FieldPath) => {
    const origin = entity.at(path);
    return origin.kind === 'file' ? `${origin.file}:${origin.line}` : file;
  };
  // Where a field is written: the entity, or the decK `_plugin_configs` entry or `_info.defaults` it takes the value from.
  const abs = (entity: Entity, path: FieldPath, beside?: FieldPath) => (entity as DeclarativeEntity).documentPathOf(path, beside);

  // An unquoted `3.0` is a number, which Kong's schema refuses: it is rewritten as text too.
  if (!plan.to.lt(KongVersion.parse('3.0.0')) && (parsed.formatVersion?.value !== '3.0' || parsed.formatVersionType !== 'text')) {
    doc.set('_format_version', '3.0');
    record('declarative/format-version', '', '', `_format_version set to "3.0"`);
  }

  // A 1.1/2.1 file holds 2.x paths whatever the installed version: Kong 3.x migrates them when it
  // loads such a file (route_path.lua), so a copy that says 3.0 must carry the migrated paths,
  // or its regex routes would turn into prefixes (3.4 -> 3.9 with a 2.1 kong.yml).
  const legacyFormat = ['1.1', '2.1'].includes(parsed.formatVersion?.value ?? '') && doc.getIn(['_format_version']) === '3.0';
  if (ctx.crosses(ROUTE_PATH_FACTS.routerChangeIn) || legacyFormat) convertRoutePaths(source, doc, abs, where, record, 'migrate-2x');
  // From 3.0.x, paths are already 3.x paths: 3.1+ only refuses plain ones not in normalized form.
  else if (ctx.crosses(ROUTE_PATH_NORMALIZATION.normalizedPrefixRequiredIn)) convertRoutePaths(source, doc, abs, where, record, 'normalize');
  convertPluginFields(source, doc, ctx, abs, where, record);
  // Nothing to change: the file is written back exactly as it was.
  if (!doc.changedWithin(doc.root)) return { text: input, conversions };
  const eol = lineEndingOf(text);
  let converted: string;
  try {
    converted = patchText(maskedText, parsed.format, parsed.root, doc);
  } catch (error) {
    if (!(error instanceof CannotPatch)) throw error;
    // JSON has no comments to keep: a layout we cannot follow is written out whole instead.
    if (parsed.format !== 'json') throw refusal(file, `its text cannot be changed safely: ${error.message}`, true);
    converted = `${JSON.stringify(doc.root, null, 2)}\n`.replace(/\n/g, eol);
  }
  const restored = restoreDeckTemplates(converted, text, maskedText);
  const output = rest === '' ? restored : `${restored}${restored.endsWith('\n') ? '' : eol}${rest}`;
  assertReadsBack(file, wholeText, output, doc.root);
  return { text: bom + output, conversions };
}

/** Said of a change made in a YAML anchor: Kong's loader shares the anchored value with every alias. */
function sharedNote(note: EditNote): string {
  if (note.uses <= 1) return '';
  return note.changed
    ? ` (a YAML anchor used in ${note.uses} places: changed once where it is written, so every alias of it gets the change, as Kong reads it)`
    : ' (a YAML anchor shared with a change above: already converted there)';
}

type Abs = (entity: Entity, path: FieldPath, beside?: FieldPath) => (string | number)[];
type Where = (entity: Entity, path: FieldPath) => string;
type Record_ = (ruleId: string, entity: string, detail: string, description: string) => void;

/**
 * `migrate-2x`: paths written for 2.x, rewritten as Kong's 3.0 migration does. `normalize`: 3.x
 * paths from a 3.0.x node, whose plain (prefix) paths get the normalized form 3.1+ requires.
 */
function convertRoutePaths(source: DeclarativeEntitySource, doc: IntendedValue, abs: Abs, where: Where, record: Record_, mode: 'migrate-2x' | 'normalize'): void {
  for (const route of source.list('route')) {
    const paths = route.fields.paths;
    if (!Array.isArray(paths)) continue;
    paths.forEach((path, index) => {
      if (typeof path !== 'string' || path.startsWith('~')) return;
      // A path holding a decK template expression is left as written: what it renders to is the
      // operator's, and a rewritten value would not keep the expression as decK reads it.
      if (withoutDeckTemplates(path) !== path) return;
      // As Kong's own 3.0 migration rewrites it: regexes get `~` and their escapes decoded
      // (backslash-escaped when the character means something to a regex); plain paths get Kong's
      // normalization, which 3.1+ also requires of them.
      // In a 3.0-format file (2.x refuses the format) a path regex-like only through characters
      // such as `:` or a space is the literal prefix 3.x reads, as entities/route-regex-path-without-tilde says.
      const literal = mode === 'normalize' || (route.pathsWrittenFor3x && !ROUTE_PATH_FACTS.regexMetacharacters.test(path));
      const migrated = literal ? normalizePrefixPath(path) : migrate2xPath(path);
      if (migrated === path) return;
      doc.setIn(abs(route, ['paths', index]), migrated);
      const ruleId = migrated.startsWith('~') ? 'entities/route-regex-path-without-tilde' : 'entities/route-path-percent-encoded';
      record(ruleId, entityLabel(route), path, `${where(route, ['paths', index])}: path ${path} -> ${migrated}`);
      if (migrated.startsWith('~') && normalizeRegexPath(path) !== path) {
        record('entities/route-path-percent-encoded', entityLabel(route), path, `${where(route, ['paths', index])}: escapes decoded`);
      }
    });
  }
}

function convertPluginFields(
  source: DeclarativeEntitySource, doc: IntendedValue, ctx: Parameters<typeof factsOnPath>[0], abs: Abs, where: Where, record: Record_,
): void {
  const renames = factsOnPath(ctx, pluginFieldRenames);
  const values = factsOnPath(ctx, fieldValueRules).filter((f) => f.check.kind === 'list');
  const defaults = factsOnPath(ctx, defaultChanges);
  const forEntity = <F extends { entity: string; plugins?: readonly string[] }>(facts: readonly F[], entity: Entity) =>
    facts.filter((f) => f.entity === entity.type && (!f.plugins || f.plugins.includes(String(entity.fields.name))));
  const declarativeEntities: Entity[] = [...source.list('plugin'), ...source.list('route'), ...source.list('service')];
  // A decK `_plugin_configs` entry named by plugins of different kinds is left to the operator:
  // a change made for one kind would reach the others (the re-check reports what is left).
  const sharedBy = new Map<string, Set<string>>();
  for (const plugin of declarativeEntities) {
    const name = plugin.type === 'plugin' ? plugin.fields._config : undefined;
    if (typeof name === 'string') sharedBy.set(name, (sharedBy.get(name) ?? new Set()).add(String(plugin.fields.name)));
  }
  const editable = (place: (string | number)[]) => place[0] !== '_plugin_configs' || (sharedBy.get(String(place[1]))?.size ?? 0) <= 1;

  for (const entity of declarativeEntities) {
    // A replacement's value as the document now holds it: an earlier move (another alias of the
    // same replacement) counts, not only what the file held when it was read.
    const current = (to: FieldPathText, beside: FieldPath) => {
      const place = abs(entity, toFieldPath(to), beside);
      return doc.hasIn(place) ? doc.getIn(place) : fieldValues(entity.fields, to)[0]?.value;
    };
    for (const fact of forEntity(renames, entity)) {
      // A deprecated field without a one-to-one replacement keeps working until 4.0: nothing to move.
      if (fact.status === 'deprecated' && !fact.to) continue;
      // The replacement needs more than this field to be built: the operator writes it.
      if (fact.valueShape?.kind === 'operator-reshapes') continue;
      // Kong ignores the alias here (the fact does not apply), so it is not moved either.
      if (!matches(entity, fact.when)) continue;
      for (const hit of fieldValues(entity.fields, fact.from, { nullLeaf: fact.status === 'removed' })) {
        if (!editable(abs(entity, hit.path)) || isOldDefault(fact, hit.value)) continue;
        const label = entityLabel(entity);
        // An empty or null removed field carries nothing over: it is only dropped, as decK's converter does.
        if (fact.to && !(fact.status === 'removed' && isEmptyValue(hit.value))) {
          const value = reshape(fact, hit.value);
          if (value === undefined) continue;
          const target = current(fact.to, hit.path);
          // Both set and different: only the operator knows which one is right. A still-accepted
          // alias equal to its replacement is what dumps of Kong 3.6+ write; the rule does not
          // report it, so it stays. A removed field equal to its replacement is only dropped, and
          // so is an alias whose value an earlier move (a shared YAML anchor) already put there.
          const same = JSON.stringify(target) === JSON.stringify(value);
          const setInFile = !isEmptyValue(fieldValues(entity.fields, fact.to)[0]?.value);
          if (!isEmptyValue(target) && (!same || (fact.status !== 'removed' && setInFile))) continue;
          for (const to of [fact.to, ...(fact.alsoTo ?? [])]) {
            if (!isEmptyValue(current(to, hit.path))) continue;
            doc.setIn(abs(entity, toFieldPath(to), hit.path), doc.createNode(value));
          }
        }
        doc.deleteIn(abs(entity, hit.path));
        // One old timeout becomes three: the line names every field the value went to.
        const targets = fact.to ? [fact.to, ...(fact.alsoTo ?? [])].join(', ') : '';
        record('entities/plugin-field-renamed', label, fact.id, `${where(entity, hit.path)}: ${fact.from}${fact.to ? ` -> ${targets}` : ' removed'}`);
      }
    }
    for (const fact of forEntity(values, entity)) {
      if (!matches(entity, fact.when)) continue;
      for (const path of fact.paths) {
        for (const hit of fieldValues(entity.fields, path)) {
          if (Array.isArray(hit.value) || !editable(abs(entity, hit.path))) continue;
          doc.setIn(abs(entity, hit.path), doc.createNode([hit.value]));
          record('entities/field-value-rejected', entityLabel(entity), fact.id, `${where(entity, hit.path)}: ${hit.path.join('.')} wrapped in a list`);
        }
      }
    }
    for (const fact of forEntity(defaults, entity)) {
      // A fact told of stored rows only has a file counterpart of its own, which pins the field.
      if (!concerns(fact, entity) || fact.oldDefault === null || fact.pinnable === false || !matches(entity, fact.when) || isSet(entity.fields, fact.path)) continue;
      doc.setIn(abs(entity, toFieldPath(fact.path)), doc.createNode(fact.oldDefault));
      record('entities/default-changed', entityLabel(entity), fact.group ?? fact.id, `${where(entity, [])}: ${fact.path} pinned to ${JSON.stringify(fact.oldDefault)}`);
    }
  }
}
