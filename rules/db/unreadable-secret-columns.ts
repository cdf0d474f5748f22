// The report hides the values of credentials and private keys wherever else the same text
// appears (a key reused as a route name, a line of a PEM in a tag), but only the values it could
// read. A role that may not SELECT a secret column (a reporting role with column grants, say)
// gives a report that cannot hide what those columns hold, and its reader should know before
// sharing the report. The columns are named, never a value: the tool never read one.

import { defineRule } from '../../src/engine/define-rule';
import { rulePageUrl } from '../../src/docs/rule-links';
import { CREDENTIAL_SENSITIVE_FIELDS, STORED_KEY_COLUMNS } from '../../src/knowledge/entities/sensitive-fields';

export default defineRule<'unreadable'>({
  id: 'db/unreadable-secret-columns',
  description: 'Notes the credential and private key columns the connected role may not read, whose values the report therefore cannot hide.',
  severity: 'info',
  inputs: ['database'],
  messages: {
    unreadable: 'Role "{{role}}" may not read {{columns}}: the report hides credential and private key values by value, and cannot hide these; any of them copied elsewhere (a route name or path, a tag, a header value) may show in this report.',
  },
  remediation: 'Run the check as a role that may SELECT these columns (the role Kong itself uses can), or read the report for credentials and private keys before sharing it.',
  docsUrl: rulePageUrl('db/unreadable-secret-columns'),
  sources: [
    ...Object.values(CREDENTIAL_SENSITIVE_FIELDS).map(({ source }) => ({ kind: 'repo' as const, ...source })),
    ...STORED_KEY_COLUMNS.map(({ source }) => ({ kind: 'repo' as const, ...source })),
  ],
  check(ctx) {
    const db = ctx.input('database');
    const columns = db.unreadableSecretColumns;
    if (columns.length === 0) return;
    ctx.report({
      messageId: 'unreadable',
      at: db.origin(columns[0].slice(0, columns[0].indexOf('.'))),
      data: { role: db.privileges.role, columns: columns.join(', ') },
    });
  },
});
