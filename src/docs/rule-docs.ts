// The whole docs/rules/ folder as data: one page per built-in rule plus an index. The script
// writes it, a test compares it with the checked-in folder, so a rule change without
// `npm run docs:rules` fails CI.

import type { Rule } from '../engine/define-rule';
import { renderRulePage } from './rule-page';
import { compareText } from '../text/compare';

export const RULE_DOCS_DIR = 'docs/rules';

/** Relative path under docs/rules -> file content. */
export function ruleDocFiles(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>();
  const sorted = [...rules].sort((a, b) => compareText(a.meta.id, b.meta.id));
  for (const rule of sorted) files.set(`${rule.meta.id}.md`, renderRulePage(rule));
  const index = [
    '# Rules',
    '',
    'Generated from rule metadata by `npm run docs:rules`; do not edit by hand.',
    '',
    '| Rule | Severity | Change in | Description |',
    '| --- | --- | --- | --- |',
    ...sorted.map((r) => `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.gate?.introducedIn ?? 'any'} | ${r.meta.description} |`),
    '',
  ];
  files.set('README.md', index.join('\n'));
  return files;
}
