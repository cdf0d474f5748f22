// `kong-preflight check`: inputs -> installation -> plan -> rules -> report -> exit code.

import { builtinRules } from '../../rules';
import { RuleRegistry } from '../engine/registry';
import { runRules } from '../engine/run-rules';
import { manualReviewList } from '../engine/manual-review';
import { buildInstallation } from '../installation';
import type { Edition, Role, Topology } from '../plan/types';
import { buildReport, type FailOn } from '../report/report';
import type { CliIo } from './io';
import { type Format, renderReport, useColor, writeOutput } from './output';
import { describeRules } from './rule-descriptions';

export interface CheckOptions {
  from?: string;
  to?: string;
  topology?: Topology;
  role?: Role;
  edition?: Edition;
  backup?: string;
  /** `--plugin-dir DIR`, repeatable. */
  pluginDir?: string[];
  /** `--helm-values FILE`, `--image-file FILE` (repeatable), `--host`, `--os NAME-VERSION`. */
  helmValues?: string[];
  imageFile?: string[];
  host?: boolean;
  os?: string;
  format: Format;
  output?: string;
  failOn: FailOn;
  color?: boolean;
}

/** Runs the check and returns the exit code: 1 when a finding reaches --fail-on, else 0. */
export async function runCheck(confFile: string | undefined, options: CheckOptions, io: CliIo): Promise<number> {
  const registry = new RuleRegistry(builtinRules);
  const installation = await buildInstallation({
    confFile,
    env: io.env,
    from: options.from,
    to: options.to,
    topology: options.topology,
    role: options.role,
    edition: options.edition,
    backupFile: options.backup,
    pluginDirs: options.pluginDir,
    platform: { helmValues: options.helmValues, imageFiles: options.imageFile, host: options.host, os: options.os, hostPaths: io.hostPaths },
    cwd: io.cwd,
  });
  const result = await runRules(registry.all(), {
    plan: installation.plan,
    inputs: installation.inputs,
    missing: installation.missing,
    now: io.now,
  });
  const manualReview = manualReviewList(registry.all(), installation.plan, result);
  const report = buildReport({ plan: installation.plan, installation: installation.report, result, failOn: options.failOn, manualReview });
  const color = useColor(io, options.color, Boolean(options.output));
  writeOutput(renderReport(report, options.format, describeRules(registry.all()), color, io), options.output, io);
  return report.summary.failed ? 1 : 0;
}
