// Applies inline suppression comments: a valid comment hides the findings of its rules on the
// next line. Comments without a reason or with unknown rules hide nothing and are reported
// (meta/invalid-suppression); valid ones that hid nothing, for a rule that ran, are reported too
// (meta/unused-suppression). A rule that did not run on this path proves nothing either way.

import invalidSuppression from '../../rules/meta/invalid-suppression';
import unusedSuppression from '../../rules/meta/unused-suppression';
import type { SuppressionComment } from '../inputs/suppression-comments';
import type { Finding } from '../model/finding';
import { fileOrigin, type Origin } from '../model/origin';
import { resolve } from 'node:path';
import type { SuppressedFinding } from '../report/report';
import { metaFinding, type MetaPolicy } from './meta-findings';

export interface InlineResult {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Findings about the comments themselves. */
  meta: Finding[];
}

export function applyInlineSuppressions(
  findings: readonly Finding[],
  comments: readonly SuppressionComment[],
  context: { knownRules: ReadonlySet<string>; evaluatedRules: ReadonlySet<string>; policy: MetaPolicy },
): InlineResult {
  const meta: Finding[] = [];
  const push = (f: Finding | undefined) => f && meta.push(f);
  // file -> target line -> valid comments
  const valid = new Map<string, Map<number, SuppressionComment[]>>();
  for (const c of comments) {
    const at = fileOrigin(c.file, c.line, c.column);
    const unknown = c.ruleIds.find((id) => !context.knownRules.has(id));
    if (c.ruleIds.length === 0) push(metaFinding(invalidSuppression, 'noRule', at, {}, context.policy));
    else if (unknown) push(metaFinding(invalidSuppression, 'unknownRule', at, { rule: unknown }, context.policy));
    else if (!c.reason) push(metaFinding(invalidSuppression, 'noReason', at, { rule: c.ruleIds.join(', ') }, context.policy));
    else {
      const byLine = valid.get(resolve(c.file)) ?? new Map<number, SuppressionComment[]>();
      byLine.set(c.targetLine, [...(byLine.get(c.targetLine) ?? []), c]);
      valid.set(resolve(c.file), byLine);
    }
  }

  const used = new Set<string>(); // `${comment file}:${line}:${rule}`
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  // Findings name files as the user wrote them; resolve each name once, not once per finding.
  const resolved = new Map<string, string>();
  const resolveOnce = (file: string): string => {
    let full = resolved.get(file);
    if (full === undefined) resolved.set(file, (full = resolve(file)));
    return full;
  };
  const commentFor = (at: Origin, ruleId: string): SuppressionComment | undefined =>
    at.kind === 'file' ? valid.get(resolveOnce(at.file))?.get(at.line)?.find((c) => c.ruleIds.includes(ruleId)) : undefined;
  for (const f of findings) {
    let hit = valid.size > 0 ? commentFor(f.location, f.ruleId) : undefined;
    // A grouped finding answers to a comment above any of the places it names.
    if (hit === undefined && valid.size > 0 && f.alsoAt) {
      for (const at of f.alsoAt) if ((hit = commentFor(at, f.ruleId))) break;
    }
    if (!hit) {
      kept.push(f);
      continue;
    }
    used.add(`${hit.file}:${hit.line}:${f.ruleId}`);
    suppressed.push({ ...f, suppression: { kind: 'inline', reason: hit.reason, source: `${hit.file}:${hit.line}` } });
  }

  for (const byLine of valid.values()) {
    for (const list of byLine.values()) {
      for (const c of list) {
        for (const rule of c.ruleIds) {
          if (used.has(`${c.file}:${c.line}:${rule}`) || !context.evaluatedRules.has(rule)) continue;
          push(metaFinding(unusedSuppression, 'unused', fileOrigin(c.file, c.line, c.column), { rule, target: String(c.targetLine) }, context.policy));
        }
      }
    }
  }
  return { kept, suppressed, meta };
}
