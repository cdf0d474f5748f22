// Builds findings for the meta rules (rules/meta/*) from their metadata, so their messages stay
// in one place, and honours configuration: a disabled meta rule reports nothing, an override
// changes its severity.

import type { Rule } from '../engine/define-rule';
import { interpolate } from '../engine/run-rules';
import type { Finding, Severity } from '../model/finding';
import type { Origin } from '../model/origin';

export interface MetaPolicy {
  disabled?: ReadonlySet<string>;
  severityOverrides?: ReadonlyMap<string, Severity>;
}

export function metaFinding(
  rule: Rule,
  messageId: string,
  at: Origin,
  data: Record<string, string>,
  policy: MetaPolicy,
): Finding | undefined {
  const { meta } = rule;
  if (policy.disabled?.has(meta.id)) return undefined;
  return {
    ruleId: meta.id,
    messageId,
    severity: policy.severityOverrides?.get(meta.id) ?? meta.severity,
    message: interpolate((meta.messages as Record<string, string>)[messageId], data),
    location: at,
    remediation: meta.remediation,
    docsUrl: meta.docsUrl,
    data,
  };
}
