// A table-driven tester for rule modules, after ESLint's RuleTester: `valid` cases must report
// nothing, `invalid` cases must report exactly the listed findings, `notEvaluated` cases must be
// listed as not evaluated. Unnamed or duplicate cases and unknown messageIds fail the test.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rule } from '../../src/engine/define-rule';
import type { Inputs, MissingInputReasons } from '../../src/engine/inputs';
import { runRules, type RunResult } from '../../src/engine/run-rules';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { resolveVersion } from '../../src/knowledge/releases';
import type { Finding, Severity } from '../../src/model/finding';
import { computePlan } from '../../src/plan/compute-plan';
import type { ConfigSource, Edition, Plan, Role, Topology } from '../../src/plan/types';
import { defaultRole } from '../../src/plan/default-role';

export interface CaseInput {
  name: string;
  /** kong.conf text; written to a temporary `kong.conf` so locations are real file positions. */
  conf?: string;
  env?: Record<string, string>;
  from: string;
  to: string;
  topology?: Topology;
  role?: Role;
  edition?: Edition;
  /** Where the configuration lives when not on the node (the installation sets it on the plan). */
  configSource?: ConfigSource;
  /** Extra inputs built by the test (entities, backup evidence...). */
  inputs?: (context: { confFile?: string; inputs: Inputs; plan: Plan }) => Inputs | Promise<Inputs>;
  missing?: MissingInputReasons;
  now?: Date;
}

export interface ExpectedFinding {
  messageId: string;
  line?: number;
  column?: number;
  severity?: Severity;
  /** The hop label, e.g. `3.3.x -> 3.4.x`, or a substring of it. */
  hop?: string;
  data?: Record<string, string | number | boolean>;
  /** Environment variable the finding points at. */
  env?: string;
  /** Substring of the message. */
  message?: string;
  /** The finding's own fix text (a rule's per-finding remediation), whole. */
  remediation?: string;
}

export interface InvalidCase extends CaseInput {
  findings: ExpectedFinding[];
}

export interface NotEvaluatedCase extends CaseInput {
  reason: string | RegExp;
}

export interface RuleTestSuite {
  valid: CaseInput[];
  invalid: InvalidCase[];
  notEvaluated?: NotEvaluatedCase[];
}

/** Runs one case and returns the raw engine result, for tests that need more than the table. */
export async function runCase(rule: Rule, input: CaseInput): Promise<{ result: RunResult; plan: Plan; confFile?: string }> {
  let confFile: string | undefined;
  const env = input.env ?? {};
  let inputs: Inputs = {};
  if (input.conf !== undefined) {
    confFile = join(mkdtempSync(join(tmpdir(), 'kp-rule-')), 'kong.conf');
    writeFileSync(confFile, input.conf);
  }
  if (confFile || Object.keys(env).length > 0) inputs.kongConf = loadKongConf(confFile, env);
  const topology = input.topology ?? 'traditional';
  const plan = computePlan({
    from: resolveVersion(input.from, '--from'),
    to: resolveVersion(input.to, '--to'),
    topology,
    role: input.role ?? defaultRole(topology),
    edition: input.edition ?? 'oss',
  });
  if (input.configSource) plan.configSource = input.configSource;
  if (input.inputs) inputs = { ...inputs, ...(await input.inputs({ confFile, inputs, plan })) };
  const result = await runRules([rule], { plan, inputs, missing: input.missing, now: input.now ?? new Date('2026-11-21T12:00:00Z') });
  return { result, plan, confFile };
}

export const ruleTester = {
  run(rule: Rule, suite: RuleTestSuite): void {
    const names = [...suite.valid, ...suite.invalid, ...(suite.notEvaluated ?? [])].map((c) => c.name);
    describe(rule.meta.id, () => {
      it('has named, unique cases, at least one valid and one invalid', () => {
        expect(names.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
        expect(new Set(names).size).toBe(names.length);
        expect(suite.valid.length).toBeGreaterThan(0);
        expect(suite.invalid.length).toBeGreaterThan(0);
      });

      for (const c of suite.valid) {
        it(`valid: ${c.name}`, async () => {
          const { result } = await runCase(rule, c);
          expect(result.internalErrors).toEqual([]);
          expect(result.notEvaluated).toEqual([]);
          expect(result.findings.map(brief)).toEqual([]);
        });
      }

      for (const c of suite.invalid) {
        it(`invalid: ${c.name}`, async () => {
          expect(c.findings.length).toBeGreaterThan(0);
          for (const f of c.findings) expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
          const { result } = await runCase(rule, c);
          expect(result.internalErrors).toEqual([]);
          expect(result.notEvaluated).toEqual([]);
          expect(result.findings).toHaveLength(c.findings.length);
          c.findings.forEach((expected, i) => assertFinding(result.findings[i], expected));
        });
      }

      for (const c of suite.notEvaluated ?? []) {
        it(`not evaluated: ${c.name}`, async () => {
          const { result } = await runCase(rule, c);
          expect(result.findings).toEqual([]);
          expect(result.notEvaluated).toHaveLength(1);
          expect(result.notEvaluated[0].reason).toMatch(c.reason);
        });
      }
    });
  },
};

function brief(f: Finding): string {
  return `${f.messageId}: ${f.message}`;
}

function assertFinding(actual: Finding, expected: ExpectedFinding): void {
  expect(actual.messageId).toBe(expected.messageId);
  expect(actual.message).not.toMatch(/\{\{/);
  if (expected.severity) expect(actual.severity).toBe(expected.severity);
  if (expected.message) expect(actual.message).toContain(expected.message);
  if (expected.remediation !== undefined) expect(actual.remediation).toBe(expected.remediation);
  if (expected.hop !== undefined) expect(actual.hop ?? '').toContain(expected.hop);
  if (expected.data) expect(actual.data).toMatchObject(expected.data);
  if (expected.line !== undefined || expected.column !== undefined) {
    expect(actual.location.kind).toBe('file');
    if (actual.location.kind === 'file') {
      if (expected.line !== undefined) expect(actual.location.line).toBe(expected.line);
      if (expected.column !== undefined) expect(actual.location.column).toBe(expected.column);
    }
  }
  if (expected.env) expect(actual.location).toEqual({ kind: 'env', env: expected.env });
}
