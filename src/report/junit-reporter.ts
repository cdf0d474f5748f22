// JUnit XML for Jenkins and GitLab test reports: one test suite per run, one test case per rule.
// A rule with findings at or above --fail-on fails (one <failure> listing them all, since most
// readers show only one failure per case); findings below it go to system-out; rules that could
// not run or do not apply are skipped with the reason.

import { severityRank } from '../model/finding';
import { describeOrigin } from '../model/origin';
import type { Report, ReportFinding, RuleDescription } from './report';

export function formatJunit(report: Report, rules: readonly RuleDescription[]): string {
  const byRule = new Map<string, ReportFinding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const skipped = new Map<string, string>([
    ...report.notApplicable.map((n) => [n.ruleId, `not on this path: ${n.reason}`] as const),
    ...report.notEvaluated.map((n) => [n.ruleId, `not evaluated: ${n.reason}`] as const),
  ]);
  const errors = new Map(report.internalErrors.map((e) => [e.ruleId, e.message]));
  const ids = [...new Set([...rules.map((r) => r.id), ...byRule.keys()])].sort();
  const { failOn } = report.summary;
  const fails = (f: ReportFinding) => failOn !== 'none' && severityRank(f.severity) >= severityRank(failOn);

  let failures = 0;
  let skips = 0;
  const cases = ids.map((id) => {
    const findings = byRule.get(id) ?? [];
    const open = `    <testcase classname="${attr(id.split('/')[0])}" name="${attr(id)}" time="0">`;
    if (errors.has(id)) return `${open}\n      <error message="${attr(errors.get(id)!)}"/>\n    </testcase>`;
    if (findings.length === 0 && skipped.has(id)) {
      skips += 1;
      return `${open}\n      <skipped message="${attr(skipped.get(id)!)}"/>\n    </testcase>`;
    }
    const failing = findings.filter(fails);
    const body: string[] = [];
    if (failing.length > 0) {
      failures += 1;
      body.push(`      <failure type="${failing[0].severity}" message="${attr(`${failing.length} finding(s) at or above ${failOn}`)}">${text(failing.map(describe).join('\n'))}</failure>`);
    }
    const rest = findings.filter((f) => !fails(f));
    if (rest.length > 0) body.push(`      <system-out>${text(rest.map(describe).join('\n'))}</system-out>`);
    return body.length ? `${open}\n${body.join('\n')}\n    </testcase>` : `${open}</testcase>`;
  });
  const name = `${report.tool.name} ${report.plan.from} -> ${report.plan.to}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(report.tool.name)}" tests="${ids.length}" failures="${failures}" errors="${errors.size}" skipped="${skips}">`,
    `  <testsuite name="${attr(name)}" tests="${ids.length}" failures="${failures}" errors="${errors.size}" skipped="${skips}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function describe(f: ReportFinding): string {
  return `${f.severity.toUpperCase()} ${describeOrigin(f.location)}: ${f.message}${f.hop ? ` (hop ${f.hop})` : ''}${f.remediation ? `\n  fix: ${f.remediation}` : ''}`;
}

/** XML 1.0 cannot carry most control characters at all; drop them, escape the rest. */
function text(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
