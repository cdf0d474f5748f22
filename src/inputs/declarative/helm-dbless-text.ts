// The Kong declarative configuration written inline in Helm values, `dblessConfig.config: |`.
// Kong's chart copies that text into the ConfigMap it mounts where KONG_DECLARATIVE_CONFIG points
// (Kong/charts charts/kong/templates/config-dbless.yaml@e76b800 line 13, `kong.yml: |` and the
// text through `nindent 4`; _helpers.tpl lines 697-714 and 1211-1215), so the text is the
// configuration Kong loads. Written as a literal block it keeps its lines in the values file (a
// quoted string on one line, its characters), and is read there as a ConfigMap's kong.yml is
// (embedded-declarative.ts): findings, fingerprints and
// suppression comments concern the values file's own lines.
//
// A string value is replaced whole when Helm merges values files (values.ts, mergeMaps), so the
// text comes from the one file its origin names; its lines there are compared with the value
// before any position is mapped, so text that helmfile rendered or that an Argo CD Application
// holds in another form is named, not located wrongly. Text helmfile fills in from a template or
// under a condition is not known here, and is named too.

import { resolve } from 'node:path';
import { TextLines } from '../../text/line-index';
import type { HelmValue } from '../helm/values';
import { ParsedDocument } from './document';
import { readBlock } from './embedded-declarative';
import { embeddedLayoutAt } from './embedded-layout';
import { HELM_VALUES_KIND } from './embedded-source';
import type { DeclarativeDocument, EmbeddedSource } from './types';

/**
 * The document read from the values file; or `wholeFile`, a file whose whole text Helm set the
 * value to (--set-file), for the caller to read as any declarative file; or why it is not read.
 */
export type HelmDblessReading = { document: DeclarativeDocument } | { wholeFile: string } | { unread: string };

/**
 * Reads `key` (`dblessConfig.config`), whose merged value is `node`, in place in the values file
 * that writes it; `cwd` resolves that file's name. Says why when it cannot be.
 */
export function readHelmDblessText(key: string, node: HelmValue & { kind: 'scalar' }, cwd: string): HelmDblessReading {
  if (node.condition !== undefined) return { unread: `it is written under ${node.condition}, whose condition helmfile evaluates` };
  if (node.template) return { unread: 'it is a template helmfile fills in before Helm runs' };
  if (typeof node.value !== 'string' || node.origin.kind !== 'file') return { unread: 'it is not text written in a file' };
  const file = node.origin.file;
  // `--set-file` (a helmfile `set:` entry's `file:`) sets the value to that file's whole text,
  // which the chart copies into the ConfigMap Kong loads: the file is the kong.yml.
  if (node.setFile) return { wholeFile: file };
  // Read as the values reader read it (UTF-16 with a byte-order mark too), so its places hold.
  const { readText } = require('../helm/values') as typeof import('../helm/values');
  const text = readText(resolve(cwd, file), 'Helm values file', { utf16WithBom: true });
  const lines = new TextLines(text);
  const index = lines.index();
  const reading = embeddedLayoutAt(index, node.origin, node.value);
  if ('unmappable' in reading) return { unread: reading.unmappable };
  const source: EmbeddedSource = { file, key, kind: HELM_VALUES_KIND, document: 1 };
  const parsed = readBlock(file, index, reading.layout, node.value, source);
  if (!parsed) return { unread: 'its text holds no mapping of collections' };
  // Only Kong reads it: the chart hands it to no other tool.
  return { document: new ParsedDocument(file, parsed.format, text, lines, parsed, true, source) };
}
