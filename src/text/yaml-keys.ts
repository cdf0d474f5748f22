// Keys that are YAML collections (`? {to: null}`, `? [a, b]`). JSON, and so every tool that reads
// these files into objects (kubectl, Kong's chart, our configuration file), has text keys only; the
// yaml package turns such a key into text with a Node process warning on stderr, which a clean
// run must not print. Readers look for one first and refuse or skip the document.

import type { Document } from 'yaml';

/** Where the first key that is a collection starts, if any. */
export function firstCollectionKey(doc: Document.Parsed): number | undefined {
  const { isCollection, visit } = require('yaml') as typeof import('yaml');
  let at: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        at = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return at;
}
