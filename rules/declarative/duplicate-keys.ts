// Flags a key written twice in one mapping of a declarative YAML file. Kong's YAML reader
// assigns keys in order, so the later value silently replaces the earlier one: a route that
// says `paths` twice keeps only the second list. Every repeated key is reported.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'laterWins'>({
  id: 'declarative/duplicate-keys',
  description: 'Reports a key written twice in one mapping of a declarative YAML file: Kong keeps only the later value.',
  severity: 'warning',
  inputs: ['declarative'],
  messages: {
    laterWins: '`{{key}}` is written twice in the same mapping; Kong keeps this later value and ignores the earlier one.',
  },
  remediation: 'Keep one of the two entries, merging their values by hand.',
  docsUrl: 'https://developer.konghq.com/gateway/db-less-mode/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/declarative/init.lua@3.9.3', note: 'parse_string loads YAML with lyaml.load(contents)' },
    { kind: 'repo', ref: 'gvvaughan/lyaml:lib/lyaml/init.lua', note: 'load_map assigns each key in order (map[key] = value), so a repeated key keeps the last value' },
  ],
  check(ctx) {
    for (const document of ctx.input('declarative').documents) {
      for (const duplicate of document.duplicateKeys ?? []) {
        ctx.report({ messageId: 'laterWins', at: duplicate.origin, data: { key: duplicate.key } });
      }
    }
  },
});
