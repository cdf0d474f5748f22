// A rule's documentation page, built only from its metadata: docs/rules/<id>.md is this text
// (scripts/generate-rule-docs.js writes it), `kong-preflight explain <id>` prints it, and SARIF
// carries it as the rule's markdown help. One source, so the three cannot drift.

import type { Rule } from '../engine/define-rule';

const ALL_EDITIONS = ['oss', 'enterprise'];
const ALL_TOPOLOGIES = ['traditional', 'hybrid', 'dbless'];

export function renderRulePage(rule: Rule): string {
  const { meta } = rule;
  const gate = meta.gate ?? {};
  const lines = [
    `# ${meta.id}`,
    '',
    meta.description,
    '',
    `- Severity: ${meta.severity}${meta.confidence === 'uncertain' ? ' (the fact behind it is uncertain: never a blocker)' : ''}`,
    `- Change happens in: ${gate.introducedIn ?? 'any version (checked on every path)'}`,
    `- Editions: ${(gate.editions ?? ALL_EDITIONS).join(', ')}`,
    `- Topologies: ${(gate.topologies ?? ALL_TOPOLOGIES).join(', ')}${gate.roles ? ` (roles: ${gate.roles.join(', ')})` : ''}`,
    `- Inputs: ${inputsText(meta.inputs, meta.anyInputs)}`,
    '',
    ...(meta.changes?.length
      ? ['## Changes it checks', '', ...meta.changes.map((c) => `- ${c.introducedIn}${c.editions ? ` (${c.editions.join(', ')})` : ''}: ${c.what} [${c.id}]`), '']
      : []),
    '## Messages',
    '',
    ...Object.entries(meta.messages as Record<string, string>).map(([id, text]) => `- \`${id}\`: ${text}`),
    '',
    '## Remediation',
    '',
    meta.remediation,
    '',
    '## Configuration',
    '',
    'In `.kong-preflight.yml`:',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: off        # or blocker, warning, info`,
    '```',
    '',
    'On the line above a finding, in kong.conf or YAML:',
    '',
    '```',
    `# kong-preflight-disable-next-line ${meta.id} -- <reason>`,
    '```',
    '',
    '## Sources',
    '',
    ...meta.sources.map((s) => `- ${s.kind}: ${s.ref}${s.note ? ` (${s.note})` : ''}`),
    '',
    `Documentation: ${meta.docsUrl}`,
  ];
  return `${lines.join('\n')}\n`;
}

function inputsText(all: readonly string[], anyOf: readonly string[] = []): string {
  const parts = [...(all.length > 0 ? [all.join(', ')] : []), ...(anyOf.length > 0 ? [`at least one of ${anyOf.join(', ')}`] : [])];
  return parts.length > 0 ? parts.join('; ') : 'none';
}
