// Runs the declarative and entity rules on declarative files or in-memory entity sources, with
// a plan built by hand (one hop from `from` to `to`) so these tests do not depend on the planner.

import { builtinRules } from '../../rules';
import type { Rule } from '../../src/engine/define-rule';
import type { Inputs } from '../../src/engine/inputs';
import { runRules, type RunResult } from '../../src/engine/run-rules';
import type { KongConf } from '../../src/inputs/kong-conf/types';
import { loadDeclarative } from '../../src/inputs/declarative';
import type { Entity, EntitySource, FieldPath } from '../../src/model/entities';
import type { DbOrigin } from '../../src/model/origin';
import type { Finding } from '../../src/model/finding';
import type { Edition, Plan, Topology } from '../../src/plan/types';
import { KongVersion } from '../../src/version/kong-version';

export interface PlanOptions {
  from: string;
  to: string;
  topology?: Topology;
  edition?: Edition;
}

export function handPlan({ from, to, topology = 'traditional', edition = 'oss' }: PlanOptions): Plan {
  const fromVersion = KongVersion.parse(from);
  const toVersion = KongVersion.parse(to);
  const role = topology === 'hybrid' ? 'control_plane' : topology === 'dbless' ? 'dbless' : 'traditional';
  return {
    from: fromVersion, to: toVersion, topology, role, edition,
    hops: [{ from, to, fromVersion, toVersion, label: `${from} -> ${to}` }],
    alternatives: [], strategies: [], problems: [], basis: 'seed-table', sources: [],
  };
}

/** The rules this work package owns: declarative files and entities. */
export const entityRules: readonly Rule[] = builtinRules.filter((r) => /^(entities|declarative)\//.test(r.meta.id));

export async function runEntityRules(
  plan: PlanOptions,
  inputs: Inputs,
  rules: readonly Rule[] = entityRules,
): Promise<RunResult> {
  const result = await runRules(rules, { plan: handPlan(plan), inputs, now: new Date('2026-11-21T12:00:00Z') });
  if (result.internalErrors.length > 0) throw new Error(`rule crashed: ${JSON.stringify(result.internalErrors)}`);
  return result;
}

/** Loads declarative files as the CLI does and runs the rules on them. */
export async function runOnFiles(plan: PlanOptions, paths: string[], cwd: string, kongConf?: KongConf, rules?: readonly Rule[]): Promise<RunResult> {
  const { config } = loadDeclarative({ paths, cwd });
  return runEntityRules(plan, { declarative: config, entities: [config!.entities], ...(kongConf ? { kongConf } : {}) }, rules);
}

export async function runOnSources(plan: PlanOptions, sources: EntitySource[], rules?: readonly Rule[]): Promise<RunResult> {
  return runEntityRules(plan, { entities: sources }, rules);
}

/** `rule/id messageId severity @line` lines, sorted, for exact comparison with expectations. */
export function summarize(findings: readonly Finding[]): string[] {
  return findings
    .map((f) => `${f.ruleId} ${f.messageId} ${f.severity} @${f.location.kind === 'file' ? f.location.line : f.location.kind}`)
    .sort();
}

/** Writes `text` as a declarative file (and kong.conf text when given) and runs one rule on it. */
export async function runRuleOnText(
  rule: Rule,
  plan: PlanOptions,
  text: string,
  options: { fileName?: string; conf?: string; env?: Record<string, string> } = {},
): Promise<string[]> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadKongConf } = await import('../../src/inputs/kong-conf');
  const dir = mkdtempSync(join(tmpdir(), 'kp-rule-'));
  const fileName = options.fileName ?? 'kong.yml';
  writeFileSync(join(dir, fileName), text);
  let kongConf: KongConf | undefined;
  if (options.conf !== undefined) {
    writeFileSync(join(dir, 'kong.conf'), options.conf);
    kongConf = loadKongConf(join(dir, 'kong.conf'), options.env ?? {});
  } else if (options.env !== undefined) {
    // KONG_* variables alone, as a container without a kong.conf file has them.
    kongConf = loadKongConf(undefined, options.env);
  }
  const result = await runOnFiles(plan, [fileName], dir, kongConf, [rule]);
  if (result.notEvaluated.length > 0) throw new Error(`not evaluated: ${JSON.stringify(result.notEvaluated)}`);
  lastMessages = result.findings.map((f) => f.message);
  return summarize(result.findings).map((line) => line.replace(`${rule.meta.id} `, ''));
}

let lastMessages: string[] = [];

/** The messages of the findings of the last `runRuleOnText`, in report order. */
export function messagesOfLastRun(): string[] {
  return lastMessages;
}

/** A database holding one route row `r1` with these paths: stored-row cases of the route rules. */
export function storedRoute(paths: string[]): EntitySource {
  const origin: DbOrigin = { kind: 'db', table: 'routes', id: 'r1' };
  const entity: Entity = {
    type: 'route', id: 'r1', name: 'r', fields: { id: 'r1', name: 'r', paths }, origin, sourceKind: 'database',
    at: (path: FieldPath = []) => (path.length === 0 ? origin : { ...origin, field: path.join('.') }),
  };
  return { kind: 'database', label: 'rows', async each(type, visit) { if (type === 'route') visit(entity); } };
}
