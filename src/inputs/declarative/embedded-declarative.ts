// A Kong declarative configuration kept as text inside a Kubernetes manifest: a ConfigMap's
// `data.kong.yml`, as Kong's Helm chart writes `dblessConfig.config` (Kong/charts
// charts/kong/templates/config-dbless.yaml@e76b800: `kong.yml: |` and the text indented below),
// or a Secret's `stringData`. Written as a literal block (`|`), the text keeps its lines, so it is
// parsed on its own and read as a declarative document whose positions are the manifest's own
// lines (literal-block.ts): findings, fingerprints and suppression comments then concern the file
// the operator edits. A quoted string on one line (`kong.yml: '{"_format_version":...}'`, or the
// JSON string of a JSON manifest) is read too, each character placed where it is written
// (one-line-scalar.ts). Other forms (folded `>`, quoted strings over several lines) are named,
// not read.
//
// It is read as a configuration Kong loads itself, as a file kong.conf's declarative_config names:
// that is what a ConfigMap's kong.yml is for. Kong's chart mounts it at /kong_dbless/ and sets
// KONG_DECLARATIVE_CONFIG to it (Kong/charts charts/kong/templates/_helpers.tpl@e76b800 lines
// 697-714, 795-800 and 1211-1215); Kong parses that file at start (kong/init.lua@3.4.2 lines
// 455-470, parse_declarative_config) through parse_table, which upgrades a 1.1 or 2.1 file before
// validating it (kong/db/declarative/init.lua@3.4.2 lines 217-222, on_the_fly_migration). decK reads
// files it is given, and the Ingress Controller builds Kong's configuration from resources, not
// from such a ConfigMap. A text with a decK-only key (`_info`, `_workspace`...) was written for
// decK (Kong's declarative schema has no such key), so it stays read as decK's; so does one that
// only a decK container of the manifest mounts (a Job running `deck gateway sync`: deck-workloads.ts).
//
// One manifest is read as one Kong node's configuration: Kong's chart writes one such ConfigMap,
// and two of them (two releases, two environments) are two nodes, whose entities must not be
// merged as decK merges the files of a folder. The first that can be read is; the others are named.

import { InputError } from '../../errors';
import type { FileOrigin } from '../../model/origin';
import { TextLines, type LineIndex } from '../../text/line-index';
import { deckOnlyKeyOf, ParsedDocument, valueStart } from './document';
import { readJson } from './json-reader';
import { fileOffsetOf } from './literal-block';
import { oneLineFileOffset } from './one-line-scalar';
import { embeddedLayoutAt, type EmbeddedLayout } from './embedded-layout';
import type { ManifestDocument } from './manifest-documents';
import type { DeclarativeDocument, EmbeddedDeclarative, EmbeddedSource } from './types';
import type { ParsedText } from './yaml-reader';
import { readYaml } from './yaml-reader';
import { withTemplateHint } from '../template-hint';
import { deckMountedObjects } from './deck-workloads';


/** One entry of a manifest found to hold a Kong declarative configuration as text. */
interface Candidate {
  source: EmbeddedSource;
  origin: FileOrigin;
  text: string;
}

export interface EmbeddedReading {
  /** Every entry holding a Kong configuration, in file order, each with what became of it. */
  entries: EmbeddedDeclarative[];
  /** The configuration read, when one could be. */
  document?: DeclarativeDocument;
}

/**
 * Finds the Kong configurations the manifest's documents hold as text and reads the first that
 * is a literal block. `isKongRoot` tells a parsed text that is Kong's from one that only shares a
 * key with it (a compose file's `services`, a manifest); `manifest` is the whole file as read.
 */
export function readEmbeddedDeclarative(
  file: string,
  manifest: DeclarativeDocument,
  documents: readonly ManifestDocument[],
  keyPattern: RegExp,
  isKongRoot: (root: Readonly<Record<string, unknown>>) => boolean,
  /** deckMountedObjects over every manifest read with this one (its own documents when not given). */
  forDeck: ReadonlyMap<string, string> = deckMountedObjects(documents),
): EmbeddedReading {
  const entries: EmbeddedDeclarative[] = [];
  let document: DeclarativeDocument | undefined;
  let read: EmbeddedSource | undefined;
  for (const candidate of candidatesIn(file, documents, keyPattern)) {
    const { source, origin } = candidate;
    if (document) {
      entries.push({ ...source, origin, status: 'not-read', readInstead: read! });
      continue;
    }
    const lines = manifest.lines.index();
    const reading = embeddedLayoutAt(lines, origin, candidate.text);
    if ('unmappable' in reading) {
      entries.push({ ...source, origin, status: 'unmappable', why: reading.unmappable });
      continue;
    }
    const parsed = readBlock(file, lines, reading.layout, candidate.text, source);
    // Text that only looked like Kong's (a compose file's `services:`): not a Kong configuration.
    if (!parsed || !isKongRoot(parsed.value as Record<string, unknown>)) continue;
    const deckWorkload = source.name !== undefined ? forDeck.get(`${source.kind}/${source.name}`) : undefined;
    const loadedByKong = deckWorkload === undefined && deckOnlyKeyOf(parsed.value as Record<string, unknown>) === undefined;
    document = new ParsedDocument(file, parsed.format, manifest.text, manifest.lines, parsed, loadedByKong, source, deckWorkload);
    read = source;
    entries.push({ ...source, origin, status: 'checked' });
  }
  return { entries, ...(document ? { document } : {}) };
}


/** Every text entry of the documents that `keyPattern` (a Kong root key at a line's start) takes for a Kong configuration. */
function* candidatesIn(file: string, documents: readonly ManifestDocument[], keyPattern: RegExp): Generator<Candidate> {
  for (const document of documents) {
    const kind = typeof document.root.kind === 'string' ? document.root.kind : 'object';
    const metadata = document.root.metadata;
    const name = metadata && typeof metadata === 'object' && typeof (metadata as Record<string, unknown>).name === 'string' ? (metadata as Record<string, string>).name : undefined;
    // A Secret's `data` is base64: only `stringData` (and a ConfigMap's `data`) can hold text.
    for (const field of ['data', 'stringData']) {
      const entries = document.root[field];
      if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
      for (const [key, value] of Object.entries(entries)) {
        if (typeof value !== 'string' || !keyPattern.test(value)) continue;
        const source: EmbeddedSource = { file, key: `${field}.${key}`, kind, ...(name !== undefined ? { name } : {}), document: document.number };
        yield { source, origin: document.at([field, key]), text: value };
      }
    }
  }
}

/**
 * Parses the block's text as YAML, or as JSON when it looks like JSON, with every offset moved
 * to its place in the manifest. A text that does not parse is an input error at its place in the
 * manifest, as it would be in a file of its own. Undefined when it holds no mapping.
 */
export function readBlock(file: string, lines: LineIndex, layout: EmbeddedLayout, text: string, source: EmbeddedSource): (ParsedText & { format: 'yaml' | 'json' }) | undefined {
  const format = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  const innerLines = new TextLines(text);
  let parsed: ParsedText;
  try {
    parsed = format === 'json' ? readJson(text, file, innerLines) : readYaml(text, file, innerLines);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { line, column } = error.place;
    const at = line === undefined ? undefined
      : 'offsets' in layout ? lines.locate(oneLineFileOffset(layout, innerLines.index().startOf(Math.min(line, innerLines.index().count) - 1) + (column ?? 1) - 1))
        : { line: layout.firstLine + line, column: column === undefined ? undefined : layout.indent + column };
    // A ConfigMap of a Helm chart's templates/ folder parses as YAML around its block; the
    // block's `url: {{ .Values.x }}/path` lines are what break (diploi/component-supabase).
    throw withTemplateHint(new InputError(`${error.message} (in the Kong declarative configuration held in \`${source.key}\`)`, {
      file,
      ...(at !== undefined ? { line: at.line } : {}),
      ...(at?.column !== undefined ? { column: at.column } : {}),
    }), text);
  }
  const root = parsed.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return undefined;
  const inner = innerLines.index();
  // Offsets are moved to the value they precede inside the block first: past the block's end
  // the manifest's text is no longer the configuration's.
  const place = (offset: number): number => 'offsets' in layout
    ? oneLineFileOffset(layout, valueStart(text, offset, format))
    : fileOffsetOf(layout, inner, lines, valueStart(text, offset, format));
  return {
    format,
    value: root,
    offsetAt: (path) => place(parsed.offsetAt(path)),
    ...(parsed.laterDocumentsAt !== undefined ? { laterDocumentsAt: place(parsed.laterDocumentsAt) } : {}),
    ...(parsed.duplicateKeys ? { duplicateKeys: parsed.duplicateKeys.map(({ key, at }) => ({ key, at: place(at) })) } : {}),
  };
}
