// Loads kong.conf the way Kong does (Penlight line rules, 3.2+ comment stripping, last duplicate
// wins) and lays the `KONG_*` environment over it (env beats file). Every setting remembers its
// line or variable; everything Kong tolerates silently becomes a diagnostic for rules to judge.

import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { EnvOrigin, FileOrigin } from '../../model/origin';
import { envNameFor, kongEnvVars, type KongEnvVar } from '../env';
import { fileEnvTarget } from '../../knowledge/conf/env-file-convention';
import { findHashCut, stripComment, trimLuaSpace } from './comments';
import { ConfStore } from './conf-store';
import { readPenlightEntries, type AssignmentEntry, type PenlightEntry } from './penlight';
import { DEFAULT_MAX_CONF_BYTES, readConfLines } from './read-text';
import { findTemplateMark, templateError } from './template-syntax';
import type { ConfDiagnostic, ConfDiagnosticKind, ConfSetting, KongConf } from './types';

export interface LoadKongConfOptions {
  /** Refuse files larger than this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** The folder used as `dir` when no file is given (default: the process's working folder). */
  cwd?: string;
  /**
   * Settings Kong receives as environment variables from another file (Helm values: see
   * src/inputs/helm/conf-layer.ts). They beat the kong.conf file and lose to the `KONG_*`
   * variables of `env`; their diagnostics are kept with the loader's own.
   */
  layer?: ConfLayer;
}

/**
 * A kong.conf whose text is held inside another file: a Kubernetes ConfigMap or Secret key that a
 * container mounts where Kong reads kong.conf (src/inputs/images/held-kong-conf.ts). Every origin
 * names the file that holds it, at the place `place` gives.
 */
export interface HeldConfText {
  /** The file that holds the text (the manifest): findings cite it. */
  file: string;
  text: string;
  /** The holding file's 1-based line and column of line `line`, column `column` of the text. */
  place(line: number, column: number): { line: number; column: number };
  /** Where the text starts in the holding file: installation-wide findings anchor there, not at its first line. */
  start: { line: number; column: number };
}

export interface ConfLayer {
  settings: ConfSetting[];
  diagnostics: ConfDiagnostic[];
  /** Where installation-wide findings anchor when there is no kong.conf file. */
  anchor?: FileOrigin;
}

/**
 * Reads `source` (a file, or a text another file holds; undefined: Kong configured by the
 * environment only) and the `KONG_*` variables of `env`. Throws InputError when the file cannot
 * be read as text.
 */
export function loadKongConf(
  source: string | HeldConfText | undefined,
  env: Readonly<Record<string, string | undefined>>,
  options: LoadKongConfOptions = {},
): KongConf {
  const file = typeof source === 'string' ? source : source?.file;
  // Text held in a manifest was read with the manifest (and its size limit), and holds no Latin-1:
  // YAML is Unicode text.
  const text = typeof source === 'string' ? readConfLines(source, options.maxBytes ?? DEFAULT_MAX_CONF_BYTES)
    : source !== undefined ? { lines: source.text.split('\n'), latin1CommentLines: [] as number[], modifiedAt: modifiedAtOf(source.file) } : undefined;
  const diagnostics: ConfDiagnostic[] = [];
  if (file !== undefined && text && text.latin1CommentLines.length > 0) diagnostics.push(latin1Diagnostic(file, text.latin1CommentLines));
  const locate: Locate = typeof source === 'object'
    ? (line, column) => {
      const placed = source.place(line, column);
      return at(source.file, placed.line, placed.column);
    }
    : (line, column) => at(file!, line, column);
  if (file !== undefined && text) refuseTemplate(text.lines, locate);
  const fileSettings = file === undefined || !text ? new Map<string, ConfSetting>() : readFileSettings(locate, text.lines, diagnostics);
  const layered = options.layer ? applyLayer(fileSettings, options.layer, diagnostics) : fileSettings;
  const effective = applyEnv(layered, env, diagnostics);
  const dir = file === undefined ? path.resolve(options.cwd ?? process.cwd()) : path.resolve(path.dirname(file));
  const heldAt = typeof source === 'object' ? at(source.file, source.start.line, source.start.column) : undefined;
  return new ConfStore({ file, dir, modifiedAt: text?.modifiedAt, ordered: effective, diagnostics, anchor: options.layer?.anchor, ...(heldAt ? { fileAnchor: heldAt } : {}) });
}

/**
 * When the file holding a kong.conf text was last changed: the text changes with it, so a backup
 * older than the manifest may predate the settings (rules/backup/backup-evidence). Undefined when
 * the file cannot be looked at: the comparison is then left out, as for no file at all.
 */
function modifiedAtOf(file: string): Date | undefined {
  try {
    return statSync(file).mtime;
  } catch {
    return undefined;
  }
}

function diagnostic(kind: ConfDiagnosticKind, origin: FileOrigin | EnvOrigin, message: string, key?: string): ConfDiagnostic {
  return { kind, ...(key !== undefined ? { key } : {}), message, origin };
}

function at(file: string, line: number, column: number): FileOrigin {
  return { kind: 'file', file, line, column };
}

/** The origin of a line and column of the kong.conf text: in its own file, or in the file that holds it. */
type Locate = (line: number, column: number) => FileOrigin;

/** Throws when the text is an unrendered template (./template-syntax.ts): Kong reads what it renders. */
function refuseTemplate(lines: readonly string[], locate: Locate): void {
  const mark = findTemplateMark(lines);
  if (!mark) return;
  const origin = locate(mark.line, mark.column);
  throw templateError(mark, { file: origin.file, line: origin.line, column: origin.column });
}

/** File settings by key, the last occurrence winning; Map order follows the winning lines. */
function readFileSettings(locate: Locate, lines: readonly string[], diagnostics: ConfDiagnostic[]): Map<string, ConfSetting> {
  const entries = readPenlightEntries(lines);
  const byKey = new Map<string, ConfSetting[]>();
  if (lines.length > 0 && lines[0].startsWith('\uFEFF')) diagnostics.push(bomDiagnostic(locate, entries));
  entries.forEach((entry, index) => {
    switch (entry.kind) {
      case 'section': {
        const origin = locate(entry.at.line, entry.at.column);
        if (entry.name === undefined) {
          diagnostics.push(diagnostic('malformed-section', origin, 'line starts with `[` but is not a `[name]` header: Penlight fails on it and Kong cannot load this file'));
        } else {
          diagnostics.push(diagnostic('section-header', origin, sectionMessage(entry.name, keysUnderSection(entries, index))));
        }
        return;
      }
      case 'positional':
        diagnostics.push(diagnostic('no-equals', locate(entry.at.line, entry.at.column), 'line has no `=`: Kong ignores it (write `key = value`)'));
        return;
      case 'empty-key':
        diagnostics.push(diagnostic('empty-key', locate(entry.at.line, entry.at.column), 'nothing before `=`: Kong ignores this line'));
        return;
      case 'dangling-continuation':
        diagnostics.push(diagnostic('dangling-continuation', locate(entry.at.line, entry.at.column), 'the last line ends with a continuation `\\`: Kong drops this text'));
        return;
      case 'assignment':
        if (entry.section !== undefined) return; // reported with its section header
        addFileSetting(byKey, fileSetting(locate, entry, diagnostics), diagnostics);
    }
  });
  return linkOverrides(byKey);
}

function keysUnderSection(entries: readonly PenlightEntry[], sectionIndex: number): string[] {
  const keys: string[] = [];
  for (let i = sectionIndex + 1; i < entries.length && entries[i].kind !== 'section'; i++) {
    const entry = entries[i];
    if (entry.kind === 'assignment') keys.push(entry.key);
  }
  return keys;
}

function sectionMessage(name: string, ignoredKeys: readonly string[]): string {
  const shown = ignoredKeys.slice(0, 5).join(', ') + (ignoredKeys.length > 5 ? ', ...' : '');
  const what = ignoredKeys.length === 0 ? 'every key after it' : `the ${ignoredKeys.length} key(s) after it (${shown})`;
  return `\`[${name}]\` starts an INI section: Kong ignores ${what}`;
}

function latin1Diagnostic(file: string, lines: readonly number[]): ConfDiagnostic {
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more line${lines.length > 2 ? 's' : ''})` : '';
  return diagnostic('latin1-comment', at(file, lines[0], 1), `a comment here${more} holds bytes that are not UTF-8 (Latin-1, for instance): Kong never reads comments, so this changes nothing; kong-preflight read them as Latin-1`);
}

function bomDiagnostic(locate: Locate, entries: readonly PenlightEntry[]): ConfDiagnostic {
  const first = entries.find((entry) => entry.kind === 'assignment' && entry.keyAt.line === 1) as AssignmentEntry | undefined;
  const meant = first?.rawKey.replace(/^\uFEFF/, '');
  const message = first
    ? `file starts with a UTF-8 byte-order mark: Kong reads the first key ${meant ? `\`${meant}\` ` : ''}as \`${first.key}\`, a key it does not know, and ignores the setting`
    : 'file starts with a UTF-8 byte-order mark: Kong reads it as part of the first line (harmless here)';
  return diagnostic('byte-order-mark', locate(1, 1), message, first?.key);
}

/** Turns a Penlight assignment into a setting with Kong 3.2+'s value, reporting its oddities. */
function fileSetting(locate: Locate, entry: AssignmentEntry, diagnostics: ConfDiagnostic[]): ConfSetting {
  const origin: FileOrigin = locate(entry.keyAt.line, entry.keyAt.column);
  if (entry.endLine !== entry.keyAt.line) {
    const end = locate(entry.endLine, 1).line;
    // Held in a quoted scalar every line sits at the value's one line: no span to give.
    if (end !== origin.line) origin.endLine = end;
  }
  const value = entry.numeric ? entry.penlightValue : trimLuaSpace(stripComment(entry.penlightValue));
  const { key } = entry;

  if (entry.numeric && entry.penlightValue !== entry.rawValue) {
    diagnostics.push(diagnostic('numeric-conversion', origin, `\`${key}\` looks like a number to Lua: Kong reads it rewritten (leading zeros, signs, hex, exponents or digits beyond 14 are lost)`, key));
  }
  const cut = entry.numeric ? undefined : findHashCut(entry.penlightValue);
  if (cut && !cut.looksLikeComment) {
    diagnostics.push(diagnostic('unescaped-hash', origin, `\`${key}\` contains a \`#\` that Kong reads as the start of a comment, so the value is cut there (write \`\\#\` for a literal \`#\`)`, key));
  }
  if (isQuoted(value)) diagnostics.push(quotedDiagnostic(key, origin));
  if (value === 'NONE' && !key.startsWith('nginx_')) diagnostics.push(noneDiagnostic(key, origin));

  return {
    key,
    value,
    rawValue: entry.rawValue,
    ...(entry.rawKey !== key ? { rawKey: entry.rawKey } : {}),
    ...(entry.numeric ? { numberLike: true } : {}),
    origin,
    overrides: [],
  };
}

/**
 * Records a file setting; a repeated key replaces the earlier one (Penlight keeps the last) and
 * moves to the end so the order follows the winning line. Only the winner gets `overrides`
 * (filled by `linkOverrides`), which keeps thousands of repeats linear.
 */
function addFileSetting(byKey: Map<string, ConfSetting[]>, setting: ConfSetting, diagnostics: ConfDiagnostic[]): void {
  const history = byKey.get(setting.key);
  if (!history) {
    byKey.set(setting.key, [setting]);
    return;
  }
  const previous = history[history.length - 1].origin as FileOrigin;
  diagnostics.push(diagnostic('duplicate-key', setting.origin, `\`${setting.key}\` is set again here: Kong keeps this value and ignores the one at line ${previous.line}${history.length > 1 ? ` (and ${history.length - 1} before it)` : ''}`, setting.key));
  history.push(setting);
  byKey.delete(setting.key);
  byKey.set(setting.key, history);
}

/** The winning setting of each key, with the earlier ones (oldest first) as its `overrides`. */
function linkOverrides(byKey: Map<string, ConfSetting[]>): Map<string, ConfSetting> {
  const winners = new Map<string, ConfSetting>();
  for (const [key, history] of byKey) {
    const winner = history[history.length - 1];
    winner.overrides = history.slice(0, -1);
    winners.set(key, winner);
  }
  return winners;
}

function isQuoted(value: string): boolean {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0];
}

function quotedDiagnostic(key: string, origin: FileOrigin | EnvOrigin): ConfDiagnostic {
  return diagnostic('quoted-value', origin, `\`${key}\` is quoted: Kong keeps the quotes as part of the value`, key);
}

function noneDiagnostic(key: string, origin: FileOrigin | EnvOrigin): ConfDiagnostic {
  return diagnostic('none-literal', origin, `\`${key}\` is set to NONE: Kong reads the word NONE (only injected nginx directives treat it as unset); leave the value empty to unset it`, key);
}

/**
 * Lays a layer's settings over the file settings: a layer key replaces the file's (taking its
 * place in the order), new keys follow in the layer's order.
 */
function applyLayer(fileSettings: Map<string, ConfSetting>, layer: ConfLayer, diagnostics: ConfDiagnostic[]): Map<string, ConfSetting> {
  diagnostics.push(...layer.diagnostics);
  const merged = new Map(fileSettings);
  for (const setting of layer.settings) merged.set(setting.key, overriding(setting, fileSettings.get(setting.key), diagnostics));
  return merged;
}

/**
 * A layer's setting over the one it replaces, if any: the replaced setting joins its `overrides`
 * and a diagnostic at the replaced line names what replaced it.
 */
function overriding(setting: ConfSetting, below: ConfSetting | undefined, diagnostics: ConfDiagnostic[]): ConfSetting {
  if (!below) return { ...setting };
  const where = setting.origin.kind === 'file' ? ` set at ${setting.origin.file}:${setting.origin.line}` : '';
  if (!sameEffectiveValue(setting, below)) diagnostics.push(diagnostic('layer-overrides-file', below.origin, `\`${setting.key}\` is overridden by ${setting.envName ?? setting.key}${where}`, setting.key));
  return { ...setting, overrides: [...below.overrides, below, ...setting.overrides] };
}

/**
 * Both settings give Kong the same value: the higher one wins (env over file, `overrides()` in
 * Kong/kong kong/conf_loader/parse.lua@3.9.3) but nothing changes, so no override is worth a
 * note. The replaced setting is still kept in `overrides`. An unreadable value is never equal.
 */
export function sameEffectiveValue(higher: ConfSetting, lower: ConfSetting): boolean {
  return higher.unreadableFrom === undefined && lower.unreadableFrom === undefined && higher.value === lower.value;
}

/**
 * One layer from several, lowest first: a key of a higher layer replaces the lower one's (the
 * image's Dockerfile ENV under the Helm values' container `env:`). The replaced setting is kept
 * in `overrides` and named by a diagnostic at its line.
 */
export function stackConfLayers(...layers: readonly (ConfLayer | undefined)[]): ConfLayer | undefined {
  const present = layers.filter((layer): layer is ConfLayer => layer !== undefined);
  if (present.length <= 1) return present[0];
  const merged = new Map<string, ConfSetting>();
  const diagnostics: ConfDiagnostic[] = [];
  for (const layer of present) {
    diagnostics.push(...layer.diagnostics);
    for (const setting of layer.settings) {
      const below = merged.get(setting.key);
      // The higher layer's setting takes the last place, as a new key would.
      merged.delete(setting.key);
      merged.set(setting.key, overriding(setting, below, diagnostics));
    }
  }
  const anchor = [...present].reverse().find((layer) => layer.anchor)?.anchor;
  return { settings: [...merged.values()], diagnostics, ...(anchor ? { anchor } : {}) };
}

/**
 * Lays `KONG_*` variables over the file settings (Kong reads them in `overrides()`; they beat the
 * file). Env values are trimmed as `parse_value` does, never comment-stripped (3.2+). Returns the
 * effective settings: file keys in file order (an env override takes its file key's place), then
 * keys set only by the environment, by variable name.
 */
function applyEnv(fileSettings: Map<string, ConfSetting>, env: Readonly<Record<string, string | undefined>>, diagnostics: ConfDiagnostic[]): ConfSetting[] {
  const effective = new Map(fileSettings);
  const envOnly: ConfSetting[] = [];
  for (const setting of envSettings(env, diagnostics)) {
    const fromFile = fileSettings.get(setting.key);
    if (fromFile) {
      const by = setting.unreadableFrom ?? `the environment variable ${(setting.origin as EnvOrigin).env}`;
      if (!sameEffectiveValue(setting, fromFile)) diagnostics.push(diagnostic('env-overrides-file', fromFile.origin, `\`${setting.key}\` is overridden by ${by}`, setting.key));
      setting.overrides = [...fromFile.overrides, fromFile, ...setting.overrides];
      effective.set(setting.key, setting);
    } else {
      envOnly.push(setting);
    }
  }
  return [...effective.values(), ...envOnly];
}

/** The most a `KONG_*_FILE` secret is read here: certificates and passwords, not archives. */
const MOST_SECRET_FILE_BYTES = 1 << 20;

/** A `KONG_*_FILE` file's text without its trailing newlines (bash's `$(< file)`), or undefined when it cannot be read here. */
function readSecretFile(file: string): string | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MOST_SECRET_FILE_BYTES) return undefined;
    return readFileSync(file, 'utf8').replace(/\n+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * One setting per key from the `KONG_*` variables, by variable name. A non-empty
 * `KONG_<PROPERTY>_FILE` is read by the official image's entrypoint into `KONG_<PROPERTY>`
 * before Kong starts (src/knowledge/conf/env-file-convention.ts): it sets that property with a
 * value unreadable here, unless `KONG_<PROPERTY>` is set too, which the entrypoint refuses.
 */
function envSettings(env: Readonly<Record<string, string | undefined>>, diagnostics: ConfDiagnostic[]): ConfSetting[] {
  const byKey = new Map<string, ConfSetting>();
  const fileReferences: { variable: KongEnvVar; property: string }[] = [];
  for (const variable of kongEnvVars(env)) {
    const property = variable.value !== '' ? fileEnvTarget(variable.key) : undefined;
    if (property) {
      fileReferences.push({ variable, property });
      continue;
    }
    const origin: EnvOrigin = { kind: 'env', env: variable.name };
    const setting: ConfSetting = { key: variable.key, value: trimLuaSpace(variable.value), rawValue: variable.value, origin, overrides: [] };
    byKey.set(variable.key, setting);
    if (isQuoted(setting.value)) diagnostics.push(quotedDiagnostic(setting.key, origin));
    if (setting.value === 'NONE' && !setting.key.startsWith('nginx_')) diagnostics.push(noneDiagnostic(setting.key, origin));
  }
  for (const { variable, property } of fileReferences) {
    const origin: EnvOrigin = { kind: 'env', env: variable.name };
    const direct = byKey.get(property);
    // The entrypoint's test is "not empty": an empty KONG_<PROPERTY> is simply replaced.
    if (direct && direct.rawValue !== '') {
      diagnostics.push(diagnostic('file-env-conflict', origin, `${envNameFor(property)} and ${variable.name} are both set: the official Kong image's entrypoint refuses this and exits before Kong starts (keep one of them)`, property));
      continue;
    }
    // Run where the file is (inside the container, or with the secret mounted), the check reads it
    // as the entrypoint does: `$(< file)`, trailing newlines dropped.
    const content = readSecretFile(variable.value);
    if (content !== undefined) {
      byKey.set(property, { key: property, value: trimLuaSpace(content), rawValue: content, origin, overrides: direct ? [direct] : [] });
      continue;
    }
    diagnostics.push(diagnostic('unreadable-value', origin, `${variable.name} names a file that the official Kong image reads into ${envNameFor(property)} before Kong starts: its content cannot be read here, so no rule checked \`${property}\``, property));
    byKey.set(property, {
      key: property,
      value: '',
      rawValue: '',
      unreadableFrom: `the file named by ${variable.name}`,
      origin,
      overrides: direct ? [direct] : [],
    });
  }
  return [...byKey.values()];
}
