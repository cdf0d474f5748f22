// The report's finding order: blockers first, then by place (kind, file, line, column), then by
// rule and message. buildReport compares numbers for findings in one file; this holds it to the
// plain definition, one text key per place compared with the English collator.

import fc from 'fast-check';
import type { Finding, Severity } from '../../src/model/finding';
import type { Origin } from '../../src/model/origin';
import { severityRank } from '../../src/model/finding';
import { computePlan } from '../../src/plan/compute-plan';
import { buildReport, type ReportInstallation } from '../../src/report/report';
import { resolveVersion } from '../../src/knowledge/releases';

const plan = computePlan({ from: resolveVersion('2.8', '--from'), to: resolveVersion('3.4', '--to'), topology: 'traditional', role: 'traditional', edition: 'oss' });
const derived = { value: 'x', reason: 'test' };
const installation: ReportInstallation = { edition: derived, topology: derived, from: derived, to: derived, inputs: [] };

function ordered(findings: Finding[]): Finding[] {
  return buildReport({ plan, installation, failOn: 'none', result: { findings, notEvaluated: [], notApplicable: [], internalErrors: [], evaluated: [] } }).findings;
}

/** The order as first written: a padded text key per place, every comparison through the collator. */
function referenceOrder(findings: Finding[]): Finding[] {
  const collator = new Intl.Collator('en');
  const pad = (n: number) => String(n).padStart(8, '0');
  const key = (o: Origin): string => {
    switch (o.kind) {
      case 'file': return `1 ${o.file} ${pad(o.line)} ${pad(o.column)}`;
      case 'env': return `2 ${o.env}`;
      case 'db': return `3 ${o.table} ${o.id ?? ''} ${o.field ?? ''}`;
      case 'cli': return `4 ${o.flag}`;
      case 'default': return `5 ${o.version ?? ''}`;
      case 'global': return `0 ${o.file ?? ''}`;
    }
  };
  return [...findings].sort((a, b) =>
    severityRank(b.severity) - severityRank(a.severity) ||
    collator.compare(key(a.location), key(b.location)) ||
    collator.compare(a.ruleId, b.ruleId) ||
    collator.compare(a.message, b.message));
}

const finding = (location: Origin, severity: Severity = 'warning', ruleId = 'entities/x', message = 'm'): Finding =>
  ({ ruleId, messageId: 'm', severity, message, location });

describe('report finding order', () => {
  it('puts line 9 before line 10 and 100 in one file; file names compare as text, case last', () => {
    const file = (f: string, line: number, column = 1): Origin => ({ kind: 'file', file: f, line, column });
    const findings = [
      finding(file('b.yml', 100)), finding(file('b.yml', 9)), finding(file('b.yml', 10, 7)), finding(file('b.yml', 10, 3)),
      finding(file('B.yml', 5)), finding(file('a.yml', 50)), finding({ kind: 'env', env: 'KONG_X' }), finding(file('b.yml', 1), 'blocker'),
    ];
    expect(ordered(findings).map((f) => (f.location.kind === 'file' ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.kind)))
      .toEqual(['b.yml:1:1', 'a.yml:50:1', 'B.yml:5:1', 'b.yml:9:1', 'b.yml:10:3', 'b.yml:10:7', 'b.yml:100:1', 'env']);
  });

  it('matches the text-key order on any mix of places, rules and messages', () => {
    const origin: fc.Arbitrary<Origin> = fc.oneof(
      fc.record({ kind: fc.constant('file' as const), file: fc.constantFrom('k.yml', 'K.yml', 'k.yml.bak', 'a b.yml', 'kong.conf', 'é.yml'), line: fc.integer({ min: 1, max: 2000 }), column: fc.integer({ min: 1, max: 120 }) }),
      fc.record({ kind: fc.constant('env' as const), env: fc.constantFrom('KONG_A', 'KONG_B') }),
      fc.record({ kind: fc.constant('db' as const), table: fc.constantFrom('routes', 'plugins'), id: fc.constantFrom('1', '2') }),
      fc.record({ kind: fc.constant('global' as const) }),
    );
    const anyFinding = fc.record({
      location: origin,
      severity: fc.constantFrom<Severity>('blocker', 'warning', 'info'),
      ruleId: fc.constantFrom('entities/a', 'entities/b', 'conf/a'),
      message: fc.constantFrom('x', 'y', 'X'),
    }).map((f) => finding(f.location, f.severity, f.ruleId, f.message));
    // Identical findings at one place are reported once (collapseRepeats), so the reference order
    // drops a finding equal to the one before it; the kept one only gains a note.
    const projection = (f: Finding) => `${f.severity}|${JSON.stringify(f.location)}|${f.ruleId}|${f.message.replace(/ \(said once for .*\)$/, '')}`;
    fc.assert(fc.property(fc.array(anyFinding, { maxLength: 60 }), (findings) => {
      const reference = referenceOrder(findings).map(projection).filter((p, i, all) => i === 0 || p !== all[i - 1]);
      expect(ordered(findings.map((f) => ({ ...f }))).map(projection)).toEqual(reference);
    }), { numRuns: 300 });
  });

  it('reports identical findings at one place once, saying how many entities share the text', () => {
    const at = (column: number): Origin => ({ kind: 'file', file: 'kong.yml', line: 465, column });
    const same = () => finding(at(7), 'warning', 'entities/default-changed', 'plugin "openid-connect": `config.hide_credentials` is not set');
    const result = ordered([same(), same(), same(), finding(at(9), 'warning', 'entities/default-changed', same().message)]);
    expect(result).toHaveLength(2);
    expect(result[0].message).toContain('(said once for the 3 entities that share this text');
    expect(result[0].data).toEqual({ sharedBy: 3 });
    expect(result[1].data).toBeUndefined();
  });
});
