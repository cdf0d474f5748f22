// `kong-preflight rules` lists every rule from its metadata; `explain <id>` prints one rule's
// documentation. Both read the registry only, so the listing can never drift from the rules.

import type { Rule } from '../engine/define-rule';
import { InputError } from '../errors';
import { KongVersion } from '../version/kong-version';
import type { CliIo } from './io';
import { renderRulePage } from '../docs/rule-page';

export function ruleSummary(rule: Rule) {
  const { meta } = rule;
  return {
    id: meta.id,
    severity: meta.severity,
    description: meta.description,
    introducedIn: meta.gate?.introducedIn ?? null,
    changes: meta.changes ?? [],
    editions: meta.gate?.editions ?? ['oss', 'enterprise'],
    topologies: meta.gate?.topologies ?? ['traditional', 'hybrid', 'dbless'],
    inputs: meta.inputs,
    anyInputs: meta.anyInputs ?? [],
    confidence: meta.confidence ?? 'high',
    docsUrl: meta.docsUrl,
    sources: meta.sources,
  };
}

/** The version of a rule's change, or the span of its changes (`2.1-3.14`), or `any`. */
function whereItBites(summary: ReturnType<typeof ruleSummary>): string {
  if (summary.introducedIn) return summary.introducedIn;
  const minors = summary.changes.map((c) => KongVersion.parse(c.introducedIn)).sort((a, b) => a.compare(b));
  if (minors.length === 0) return 'any';
  const [first, last] = [minors[0].minorKey, minors[minors.length - 1].minorKey];
  return first === last ? first : `${first}-${last}`;
}

export function runRulesList(rules: readonly Rule[], format: 'text' | 'json' | 'markdown', io: CliIo): number {
  const summaries = rules.map(ruleSummary);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
    return 0;
  }
  if (format === 'markdown') {
    const lines = ['| Rule | Severity | Change in | Inputs | Description |', '| --- | --- | --- | --- | --- |'];
    for (const s of summaries) {
      lines.push(`| [${s.id}](rules/${s.id}.md) | ${s.severity} | ${whereItBites(s)} | ${[...s.inputs, ...(s.anyInputs.length > 0 ? [`one of ${s.anyInputs.join(', ')}`] : [])].join(', ') || '-'} | ${s.description} |`);
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  }
  const width = Math.max(...summaries.map((s) => s.id.length), 4);
  for (const s of summaries) {
    io.stdout(`${s.id.padEnd(width)}  ${s.severity.padEnd(7)}  ${whereItBites(s).padEnd(8)}  ${s.description}\n`);
  }
  io.stdout(`${summaries.length} rules\n`);
  return 0;
}

export function explainRule(rules: readonly Rule[], id: string): string {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const near = rules.map((r) => r.meta.id).filter((other) => other.includes(id.split('/').pop() ?? id));
    throw new InputError(`unknown rule "${id}"${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; \`kong-preflight rules\` lists them`);
  }
  return renderRulePage(rule);
}
