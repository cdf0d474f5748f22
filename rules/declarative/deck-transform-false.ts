// Flags `_transform: false` in a decK state file: Kong accepts it (credentials are taken as
// already hashed), but decK refuses such files, so the sync that carries the upgrade fails.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'deckRefuses'>({
  id: 'declarative/deck-transform-false',
  description: 'Reports decK state files with _transform: false, which decK refuses to sync.',
  severity: 'warning',
  inputs: ['declarative'],
  messages: {
    deckRefuses: '`_transform: false` in a decK state file ({{evidence}}): decK refuses it, so `deck gateway sync` of this file fails.',
  },
  remediation: 'Remove `_transform: false` and give plain-text credentials, or load the file with Kong itself (DB-less) instead of decK.',
  docsUrl: 'https://developer.konghq.com/deck/',
  sources: [
    { kind: 'repo', ref: 'Kong/go-database-reconciler:pkg/file/reader.go@8f5e476', note: 'ErrorTransformFalseNotSupported' },
    { kind: 'digest', ref: 'kong-facts/declarative.md §1.2' },
  ],
  check(ctx) {
    for (const document of ctx.input('declarative').documents) {
      if (document.flavor !== 'deck' || document.transform?.value !== false) continue;
      ctx.report({ messageId: 'deckRefuses', at: document.transform.origin, data: { evidence: document.flavorEvidence } });
    }
  },
});
