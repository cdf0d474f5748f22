// Runs the shell steps of a composite action.yml the way a GitHub runner would, without GitHub:
// `${{ }}` expressions are evaluated for inputs, github.action_path and step outputs, each `run`
// is executed with `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT is parsed between
// steps, and `uses` steps are recorded (with their evaluated `with`) instead of run.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
  'working-directory'?: string;
}

export interface StepRun {
  name: string;
  skipped: boolean;
  uses?: string;
  with?: Record<string, string>;
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

export interface ActionRun {
  steps: StepRun[];
  outputs: Record<string, Record<string, string>>;
  summary: string;
  /** Exit code of the first failing run step, 0 when all passed. */
  exitCode: number;
}

export function loadAction(file: string): { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } } {
  return parse(readFileSync(file, 'utf8'));
}

export function runComposite(actionFile: string, options: { inputs: Record<string, string>; workspace: string; actionPath: string; env?: Record<string, string> }): ActionRun {
  const action = loadAction(actionFile);
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) inputs[name] = String(spec.default ?? '');
  for (const [name, value] of Object.entries(options.inputs)) {
    if (!(name in inputs)) throw new Error(`unknown input ${name}`);
    inputs[name] = value;
  }
  const outputs: Record<string, Record<string, string>> = {};
  const summaryFile = join(options.workspace, '.step-summary');
  writeFileSync(summaryFile, '');
  const ctx = { inputs, outputs, actionPath: options.actionPath };
  const steps: StepRun[] = [];
  let failed = 0;

  for (const [i, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.id ?? `step ${i + 1}`;
    // A failed step skips the rest unless `if:` says otherwise; our action's `if:`s do not.
    const condition = step.if === undefined ? true : truthy(evaluate(stripBraces(step.if), ctx));
    if (failed || !condition) {
      steps.push({ name, skipped: true, ...(step.uses ? { uses: step.uses } : {}) });
      continue;
    }
    if (step.uses) {
      steps.push({ name, skipped: false, uses: step.uses, with: mapValues(step.with ?? {}, (v) => interpolate(String(v), ctx)) });
      continue;
    }
    const outputFile = join(options.workspace, `.output-${i}`);
    writeFileSync(outputFile, '');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? options.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ACTION_PATH: options.actionPath,
      ...options.env,
      ...mapValues(step.env ?? {}, (v) => interpolate(String(v), ctx)),
    };
    const cwd = resolve(options.workspace, interpolate(step['working-directory'] ?? '.', ctx));
    if (step.shell !== 'bash') throw new Error(`step ${name}: only bash steps are simulated`);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    const exitCode = result.status ?? 1;
    steps.push({ name, skipped: false, exitCode, stdout: result.stdout, stderr: result.stderr });
    if (step.id) outputs[step.id] = parseOutputs(readFileSync(outputFile, 'utf8'));
    if (exitCode !== 0) failed = exitCode;
  }
  return { steps, outputs, summary: readFileSync(summaryFile, 'utf8'), exitCode: failed };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function mapValues<T>(o: Record<string, T>, f: (v: T) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

interface Ctx {
  inputs: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
  actionPath: string;
}

function stripBraces(text: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? m[1] : text;
}

function interpolate(text: string, ctx: Ctx): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => String(evaluate(expr, ctx)));
}

/** The expression subset the action uses: context paths, string literals, ==, !=, &&, ||. */
function evaluate(expr: string, ctx: Ctx): string | boolean {
  const ors = expr.split('||');
  if (ors.length > 1) return ors.some((e) => truthy(evaluate(e, ctx)));
  const ands = expr.split('&&');
  if (ands.length > 1) return ands.every((e) => truthy(evaluate(e, ctx)));
  const cmp = /^(.*?)(==|!=)(.*)$/.exec(expr);
  if (cmp) {
    const equal = String(evaluate(cmp[1], ctx)) === String(evaluate(cmp[3], ctx));
    return cmp[2] === '==' ? equal : !equal;
  }
  const term = expr.trim();
  const literal = /^'(.*)'$/.exec(term);
  if (literal) return literal[1];
  const input = /^inputs\.([\w-]+)$/.exec(term);
  if (input) {
    if (!(input[1] in ctx.inputs)) throw new Error(`unknown input in expression: ${term}`);
    return ctx.inputs[input[1]];
  }
  if (term === 'github.action_path') return ctx.actionPath;
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(term);
  if (output) return ctx.outputs[output[1]]?.[output[2]] ?? '';
  throw new Error(`expression not simulated: ${term}`);
}

function truthy(value: string | boolean): boolean {
  return value !== '' && value !== false && value !== 'false';
}
