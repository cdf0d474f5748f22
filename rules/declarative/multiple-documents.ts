// Flags declarative YAML files holding more than one document. Kong parses the whole stream
// (a syntax error anywhere stops the load) but configures only the first document: services
// and routes written after a `---` are silently left out, before and after the upgrade alike.

import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'laterIgnored'>({
  id: 'declarative/multiple-documents',
  description: 'Reports declarative YAML files with several documents, of which Kong loads only the first.',
  severity: 'warning',
  inputs: ['declarative'],
  messages: {
    laterIgnored: 'the file holds more than one YAML document; Kong configures only the first, so everything from line {{line}} on is ignored.',
  },
  remediation: 'Move the entities of the later documents into the first one (or into files of their own), and remove the extra `---` separators.',
  docsUrl: 'https://developer.konghq.com/gateway/db-less-mode/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/declarative/init.lua@3.9.3', note: 'parse_string loads YAML with lyaml.load(contents), without the option to return every document' },
    { kind: 'repo', ref: 'gvvaughan/lyaml:lib/lyaml/init.lua', note: 'load parses every document of the stream and returns the first unless opts.all is set' },
  ],
  check(ctx) {
    for (const document of ctx.input('declarative').documents) {
      const later = document.laterDocuments;
      if (later) ctx.report({ messageId: 'laterIgnored', at: later, data: { line: later.line } });
    }
  },
});
