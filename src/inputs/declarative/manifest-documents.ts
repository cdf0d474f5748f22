// The documents of a Kubernetes manifest, each with positions in the file's own lines. Kong
// reads only the first document of a YAML stream, so the declarative reader keeps only that one;
// a manifest (`kubectl apply -f` bundles, `helm template` output) puts a KongPlugin or a ConfigMap
// anywhere in it. Each later document is parsed from its own span of the text, and its offsets
// are shifted by where the span starts: one pass over the file, however many documents it holds.

import type { FileOrigin } from '../../model/origin';
import { valueStart } from './document';
import type { DeclarativeDocument } from './types';
import { documentMarkers, readYaml, secondDocumentStart } from './yaml-reader';

type Path = readonly (string | number)[];

/** One document of a manifest stream that holds a mapping. */
export interface ManifestDocument {
  /** Its place in the stream, from 1, counting the documents that hold something. */
  readonly number: number;
  readonly root: Readonly<Record<string, unknown>>;
  /** Where a value of the document sits, in the file's lines. */
  at(path: Path): FileOrigin;
}

/**
 * Every mapping document of a manifest, the first one as the declarative reader read it. A
 * document holding a list or a scalar is passed over (it is no Kubernetes object) but counted.
 * The whole stream was already parsed once by the reader (a malformed document anywhere is an
 * input error there), so a span that fails to parse here means the split went wrong: it stops.
 */
export function* manifestDocuments(first: DeclarativeDocument): Generator<ManifestDocument> {
  yield { number: 1, root: first.root, at: (path) => first.at(path) };
  if (first.format !== 'yaml' || first.laterDocuments === undefined) return;
  const text = first.text;
  const starts = laterDocumentSpans(text);
  let number = 1;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i].start;
    const end = i + 1 < starts.length ? starts[i + 1].marker : text.length;
    let parsed;
    try {
      parsed = readYaml(text.slice(start, end), first.file);
    } catch {
      return;
    }
    const root = parsed.value;
    if (root === null || root === undefined) continue;
    number++;
    if (typeof root !== 'object' || Array.isArray(root)) continue;
    const locate = (path: Path): FileOrigin => {
      const offset = valueStart(text, start + parsed.offsetAt(path), 'yaml');
      const { line, column } = first.lines.index().locate(offset);
      return { kind: 'file', file: first.file, line, column };
    };
    yield { number, root: root as Record<string, unknown>, at: locate };
  }
}

/**
 * Where each document after the first begins: at its `---` marker (the marker line may carry
 * content, `--- {a: 1}`), or just after a `...` line, which only ends the one before.
 * `marker` is where the marker line itself starts, which ends the span before it.
 */
function laterDocumentSpans(text: string): { marker: number; start: number }[] {
  const first = secondDocumentStart(text);
  if (first === undefined) return [];
  const spans: { marker: number; start: number }[] = [];
  for (const { at, marker } of documentMarkers(text, first)) {
    if (marker === '---') spans.push({ marker: at, start: at });
    else {
      const lineEnd = text.indexOf('\n', at);
      spans.push({ marker: at, start: lineEnd === -1 ? text.length : lineEnd + 1 });
    }
  }
  return spans;
}
