// The composite GitHub Action, run step by step with this checkout as the tool (a local path):
// it checks the installation, writes SARIF and the Markdown summary, hands the SARIF to
// upload-sarif, and fails the job only after the upload.

import '@microsoft/jest-sarif';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REPO_ROOT } from '../support/cli';
import { tempDir } from '../support/temp';
import { loadAction, runComposite } from '../support/action-runner';

const ACTION = join(REPO_ROOT, 'action.yml');

beforeAll(() => {
  // The install step builds only when dist is missing; `npm test` builds before jest runs.
  if (!existsSync(join(REPO_ROOT, 'dist/src/cli/main.js'))) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
});

function workspace(): string {
  const dir = tempDir({}, 'kp-action-');
  copyFileSync(fixture('installations/ee-2.8-cassandra/kong.conf'), join(dir, 'kong.conf'));
  return dir;
}

describe('action.yml', () => {
  it('is a composite action on Node 24 that uploads SARIF with codeql-action', () => {
    const action = loadAction(ACTION);
    expect(action.runs.using).toBe('composite');
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toEqual({ 'node-version': 24 });
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('runs the check, writes SARIF and the job summary, uploads, then fails on the blocker', () => {
    const ws = workspace();
    const run = runComposite(ACTION, { inputs: { 'kong-conf': 'kong.conf', from: '2.8', to: '3.4', category: 'payments' }, workspace: ws, actionPath: REPO_ROOT });
    const check = run.steps.find((s) => s.name === 'Run kong-preflight check')!;
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toMatch(/BLOCKER .*kong\.conf:14:1/);
    expect(run.outputs.check['exit-code']).toBe('1');
    const sarif = JSON.parse(readFileSync(join(ws, 'kong-preflight.sarif'), 'utf8'));
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].automationDetails.id).toBe('kong-preflight/payments/');
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'conf/cassandra-removed').locations[0].physicalLocation.artifactLocation.uri).toBe('kong.conf');
    expect(run.summary).toContain('## Kong upgrade preflight');
    const upload = run.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.skipped).toBe(false);
    expect(upload.with).toEqual({ sarif_file: './kong-preflight.sarif' });
    const last = run.steps[run.steps.length - 1];
    expect(last.exitCode).toBe(1);
    expect(run.exitCode).toBe(1);
  });

  it('passes with fail-on none, and forwards extra arguments', () => {
    const ws = workspace();
    const run = runComposite(ACTION, {
      inputs: { 'kong-conf': 'kong.conf', from: '2.8', to: '3.4', 'fail-on': 'none', args: '--edition oss --no-color' },
      workspace: ws, actionPath: REPO_ROOT,
    });
    expect(run.exitCode).toBe(0);
    expect(run.steps.find((s) => s.name === 'Run kong-preflight check')!.stdout).toMatch(/edition\s+oss \(from --edition\)/);
  });

  it('leaves the failing severity to failOn of the configuration file when fail-on is not given', () => {
    const ws = workspace();
    writeFileSync(join(ws, '.kong-preflight.yml'), 'failOn: none\n');
    const run = runComposite(ACTION, { inputs: { 'kong-conf': 'kong.conf', from: '2.8', to: '3.4' }, workspace: ws, actionPath: REPO_ROOT });
    expect(run.steps.find((s) => s.name === 'Run kong-preflight check')!.stdout).toMatch(/BLOCKER .*kong\.conf:14:1/);
    expect(run.outputs.check['exit-code']).toBe('0');
    expect(run.exitCode).toBe(0);
  });

  it('stops with exit 2 and uploads nothing on an input error', () => {
    const ws = workspace();
    const run = runComposite(ACTION, { inputs: { 'kong-conf': 'kong.conf', from: '2.8', to: '3.99' }, workspace: ws, actionPath: REPO_ROOT });
    expect(run.exitCode).toBe(2);
    expect(run.steps.find((s) => s.name === 'Run kong-preflight check')!.stderr).toMatch(/3\.99/);
    expect(run.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!.skipped).toBe(true);
  });
});

describe('examples/workflow.yml', () => {
  it('uses the action with inputs it declares and grants the upload permission', () => {
    const workflow = require('yaml').parse(readFileSync(join(REPO_ROOT, 'examples/workflow.yml'), 'utf8'));
    const declared = Object.keys(loadAction(ACTION).inputs);
    const step = workflow.jobs.preflight.steps.find((s: { uses?: string }) => s.uses?.startsWith('kong-preflight/kong-preflight@'));
    for (const input of Object.keys(step.with)) expect(declared).toContain(input);
    expect(workflow.permissions['security-events']).toBe('write');
  });
});
