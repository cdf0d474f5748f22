// Turns one parsed file into a DeclarativeDocument: header facts, flavour, and positions.

import type { FileOrigin } from '../../model/origin';
import { InputError } from '../../errors';
import type { TextLines } from '../../text/line-index';
import type { ParsedText } from './yaml-reader';
import type { DeclarativeDocument, DeclarativeFlavor, EmbeddedSource, HeaderValue } from './types';

/** Formats Kong 3.x upgrades when it loads a file (route_path.lua runs for these strings only). */
const MIGRATED_FORMATS = ['1.1', '2.1'];

/** Keys only decK state files carry; Kong's own declarative schema rejects them. */
const DECK_ONLY_KEYS = ['_info', '_konnect', '_plugin_configs', '_workspace', 'rbac_roles', 'service_packages', 'custom_entities'];

/** The first decK-only key at a parsed root, if any: such a text is written for decK, not for Kong to load. */
export function deckOnlyKeyOf(root: Readonly<Record<string, unknown>>): string | undefined {
  return DECK_ONLY_KEYS.find((key) => key in root);
}

/** What `deck konnect dump` writes (go-database-reconciler pkg/file/writer.go, KonnectStateToFile). */
const KONNECT_LEGACY_FORMAT = '0.1';

/** The list a decK patch file holds: go-apiops plugins/pluginfile.go (`add-plugins`) and patch/deckpatchfile.go (`patches`). */
const PATCH_FILE_KEYS = ['add-plugins', 'patches'] as const;
/** Collections of a state file: a file holding one is a state, whatever else it has. */
const STATE_COLLECTIONS = ['services', 'routes', 'plugins', 'consumers', 'upstreams', 'certificates', 'ca_certificates', 'vaults', 'consumer_groups'];

export class ParsedDocument implements DeclarativeDocument {
  readonly formatVersion?: HeaderValue<string>;
  readonly formatVersionType?: 'text' | 'number' | 'other';
  readonly transform?: HeaderValue<unknown>;
  readonly workspace?: HeaderValue<string>;
  readonly patchFile?: 'add-plugins' | 'patches';
  readonly konnectLegacy?: true;
  readonly selectTags?: HeaderValue<string[]>;
  readonly collections: HeaderValue<string>[];
  readonly flavor: DeclarativeFlavor;
  readonly flavorEvidence: string;
  readonly root: Record<string, unknown>;
  readonly laterDocuments?: FileOrigin;
  readonly duplicateKeys?: { key: string; origin: FileOrigin }[];
  readonly kongMigratesOnLoad: boolean;

  constructor(
    readonly file: string,
    readonly format: 'yaml' | 'json',
    readonly text: string,
    readonly lines: TextLines,
    private readonly parsed: ParsedText,
    readonly loadedByKong: boolean,
    readonly embeddedIn?: EmbeddedSource,
    /** The workload whose decK container mounts the manifest object holding this text (`Job deck-sync`). */
    readonly readByDeckIn?: string,
  ) {
    const root = parsed.value;
    if (root === null || root === undefined) throw new InputError('the declarative file is empty', { file, line: 1 });
    if (typeof root !== 'object' || Array.isArray(root)) {
      throw new InputError('a declarative file must be a mapping of collections (services, routes...)', { file, line: 1 });
    }
    this.root = root as Record<string, unknown>;
    const header = (key: string): HeaderValue<unknown> | undefined =>
      key in this.root ? this.lazyHeader(this.root[key], [key]) : undefined;
    const version = header('_format_version');
    if (version) {
      this.formatVersion = this.lazyHeader(formatVersionText(version.value), ['_format_version']);
      this.formatVersionType = typeof version.value === 'string' ? 'text' : typeof version.value === 'number' ? 'number' : 'other';
    }
    this.transform = header('_transform');
    const workspace = header('_workspace');
    if (workspace) this.workspace = this.lazyHeader(textOf(workspace.value), ['_workspace']);
    const info = this.root._info as Record<string, unknown> | undefined;
    if (info && Array.isArray(info.select_tags)) {
      this.selectTags = this.lazyHeader(info.select_tags.map(textOf), ['_info', 'select_tags']);
    }
    this.collections = Object.keys(this.root).map((key) => this.lazyHeader(key, [key]));
    if (parsed.duplicateKeys) this.duplicateKeys = parsed.duplicateKeys.map(({ key, at }) => ({ key, origin: this.originOf(at) }));
    if (parsed.laterDocumentsAt !== undefined) this.laterDocuments = this.originOf(parsed.laterDocumentsAt);
    const patchFile = PATCH_FILE_KEYS.find((key) => Array.isArray(this.root[key]));
    if (patchFile && !loadedByKong && !STATE_COLLECTIONS.some((key) => key in this.root)) this.patchFile = patchFile;
    if ('service_packages' in this.root || this.formatVersion?.value === KONNECT_LEGACY_FORMAT) this.konnectLegacy = true;
    this.kongMigratesOnLoad = loadedByKong && this.formatVersionType === 'text' && MIGRATED_FORMATS.includes(this.formatVersion!.value);
    const deckKey = deckOnlyKeyOf(this.root);
    if (loadedByKong) {
      this.flavor = 'kong';
      this.flavorEvidence = embeddedIn ? `kept in ${embeddedIn.kind} text that Kong loads through declarative_config` : 'named by declarative_config in kong.conf';
    } else if (readByDeckIn) {
      this.flavor = 'deck';
      this.flavorEvidence = `mounted into the decK container of ${readByDeckIn}`;
    } else if (deckKey) {
      this.flavor = 'deck';
      this.flavorEvidence = `decK-only key ${deckKey}`;
    } else {
      this.flavor = 'kong';
      this.flavorEvidence = 'no decK-only key';
    }
  }

  private aliases?: boolean;

  /**
   * Whether the text may use YAML aliases (`*name`), the only way two places of a file hold one
   * list or record (lyaml gives them one table). False for JSON, and for YAML in which no `*`
   * starts a node (text start, or after a blank, a line break, `[`, `{`, `,` or `:`): a `*` inside a
   * value (`/api/*`, `"*.example.com"`) is no alias. Walks that guard against shared or
   * multiplied values (alias bombs, a paths list migrated twice) skip that work when false; one
   * pass over the text for `*` (~4 ms on 9 MB), once per file.
   */
  get mayHoldAliases(): boolean {
    this.aliases ??= this.format === 'yaml' && startsAnAlias(this.text);
    return this.aliases;
  }

  /** A header value whose position is found only when a finding asks for it. */
  private lazyHeader<T>(value: T, path: (string | number)[]): HeaderValue<T> {
    const document = this;
    return {
      value,
      get origin() {
        return document.at(path);
      },
    };
  }

  at(path: readonly (string | number)[]): FileOrigin {
    return this.originOf(valueStart(this.text, this.parsed.offsetAt(path), this.format));
  }

  private originOf(offset: number): FileOrigin {
    const { line, column } = this.lines.index().locate(offset);
    return { kind: 'file', file: this.file, line, column };
  }
}

function startsAnAlias(text: string): boolean {
  for (let at = text.indexOf('*'); at >= 0; at = text.indexOf('*', at + 1)) {
    const before = at === 0 ? 0x0a : text.charCodeAt(at - 1);
    // `:` too: after a quoted key a flow value may follow it directly (`{"a":*b}`).
    if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d || before === 0x5b /* [ */ || before === 0x7b /* { */ || before === 0x2c /* , */ || before === 0x3a /* : */) return true;
  }
  return false;
}

/** `_format_version: 3.0` unquoted is the number 3 in YAML; it is shown as written (`3.0`), and its type kept apart. */
function formatVersionText(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  return textOf(value);
}

/**
 * Any parsed value as text for messages. `String()` throws on a mapping whose `toString` key
 * holds a value (`_format_version: {toString: null}`): a file's keys must never reach a method.
 */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return Array.isArray(value) ? '[list]' : '{mapping}';
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Offsets may point at the blank or comment before a value, or at a YAML anchor or tag in front
 * of it (`name: &s svc`, where both readers put the node): move to the value itself, as written.
 * No plain scalar starts with `&` or `!`, so such a character there is always a node property.
 */
export function valueStart(text: string, offset: number, format: 'yaml' | 'json'): number {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (c === 0x23 /* # */ && format === 'yaml') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if ((c === 0x26 /* & */ || c === 0x21 /* ! */) && format === 'yaml') {
      while (i < text.length && !isBlank(text.charCodeAt(i))) i++;
    } else break;
  }
  return Math.min(i, Math.max(0, text.length - 1));
}
