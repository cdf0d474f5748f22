// `kong-preflight check`: inputs -> installation -> plan -> rules -> triage -> report -> exit code.

import { basename, resolve } from 'node:path';
import { builtinRuleSet } from '../engine/builtin-rules';
import { applyConfigDefaults, printConfig, rulePolicy } from '../config/apply-config';
import { loadConfig } from '../config/load-config';
import { loadRuleModules } from '../engine/load-rule-modules';
import { RuleRegistry } from '../engine/registry';
import { runRules } from '../engine/run-rules';
import { changesSetAside, manualReviewList, templateOnlyChanges, type ReviewContext } from '../engine/manual-review';
import type { HostOs, HostResources } from '../inputs/host';
import type { ImageOs } from '../inputs/images/image-os';
import { scanFiles } from '../inputs/suppression-comments';
import { UsageError } from '../errors';
import { parseFileSize } from '../inputs/file-limits';
import { buildInstallation } from '../installation';
import type { Edition, Role, Topology } from '../plan/types';
import { cachedLineReader } from '../report/fingerprint';
import { buildReport, type FailOn, type ReportInstallation } from '../report/report';
import { findingsWithoutSecretValues, linesWithoutSecretValues, secretValuesOf, withoutSecretValues } from '../report/secret-values';
import { releasesInTextForEdition } from '../knowledge/releases';
import { EntitySecretValues } from '../model/entity-secret-values';
import { triage } from '../triage/triage';
import type { CliIo } from './io';
import { type Format, type OutputTarget, planOutputs, writeReports } from './output';
import { createProgress, timingProgress } from './progress';
import { describeRules } from './rule-descriptions';

export interface CheckOptions {
  from?: string;
  to?: string;
  topology?: Topology;
  role?: Role;
  edition?: Edition;
  backup?: string;
  /** `--pg URL`. */
  pg?: string;
  /** False with `--no-db`. */
  db?: boolean;
  /** `--recent-writes-minutes N`: configuration writes this recent are a warning. */
  recentWritesMinutes?: number;
  declarative?: string[];
  fixOutput?: string;
  nginxTemplate?: string[];
  /** `--plugin-dir DIR`, repeatable. */
  pluginDir?: string[];
  /** `--helm-values FILE`, `--image-file FILE` (repeatable), `--host`, `--os NAME-VERSION`. */
  helmValues?: string[];
  /** `--helmfile-environment NAME`: the helmfile environment a helmfile given as --helm-values is read for. */
  helmfileEnvironment?: string;
  imageFile?: string[];
  /** `--systemd-unit FILE` (repeatable). */
  systemdUnit?: string[];
  /** `--profile NAME` (repeatable): compose profiles to activate, as `docker compose --profile`. */
  profile?: string[];
  /** `--compose-env-file FILE` (repeatable): env files read in place of the compose project's `.env`, as `docker compose --env-file`. */
  composeEnvFile?: string[];
  host?: boolean;
  os?: string;
  format: Format;
  output?: string;
  failOn: FailOn;
  color?: boolean;
  /** `--config FILE`, or false for `--no-config`; absent: the nearest .kong-preflight.yml. */
  config?: string | false;
  printConfig?: boolean;
  /** Extra reports: `--output-format FORMAT=FILE`. */
  outputFormat?: OutputTarget[];
  baseline?: string;
  updateBaseline?: boolean;
  rulesDir?: string[];
  /** SARIF automationDetails category (`--category`). */
  category?: string;
  /** `--max-file-size 50MB` (or `maxFileSize:` in the configuration file). */
  maxFileSize?: string | number;
  /** Attribute names of the flags typed on the command line (configuration fills the others). */
  given?: ReadonlySet<string>;
}

/** Runs the check and returns the exit code: 1 when a finding reaches --fail-on, else 0. */
export async function runCheck(confFile: string | undefined, options: CheckOptions, io: CliIo): Promise<number> {
  const loadedConfig = loadConfig(options.config, io.cwd);
  const fromConfig = new Set<string>();
  confFile = applyConfigDefaults(confFile, options as unknown as Record<string, unknown>, loadedConfig, options.given ?? new Set(), io.env, io.cwd, fromConfig);
  if (options.printConfig) {
    io.stdout(printConfig(loadedConfig, confFile, options as unknown as Record<string, unknown>, options.given ?? new Set()));
    return 0;
  }
  // Both typed: one asks for the database, the other forbids it. --no-db used to win silently,
  // and the run then failed asking for --from "because --no-db was given".
  if (options.given?.has('pg') && options.given.has('db') && options.db === false) {
    throw new UsageError('--pg and --no-db contradict each other: --pg reads that database, --no-db reads none; keep one');
  }
  if (options.updateBaseline && !options.baseline) throw new UsageError('--update-baseline needs --baseline FILE (or `baseline:` in .kong-preflight.yml)');
  const outputs = planOutputs({ format: options.format, ...(options.output ? { file: options.output } : {}) }, options.outputFormat ?? [], io.cwd);
  // Built-in rules load their code only when evaluated (engine/builtin-rules.ts).
  const builtinRules = builtinRuleSet();
  const registry = new RuleRegistry([...builtinRules, ...loadRuleModules(options.rulesDir ?? [], io.cwd, builtinRules.map((r) => r.meta.id))]);
  const knownRules = new Set(registry.all().map((r) => r.meta.id));
  const policy = rulePolicy(loadedConfig, knownRules);
  const progress = io.env.PREFLIGHT_TIMINGS ? timingProgress(io.stderr) : createProgress(io.progressStream);
  progress.step('loading inputs');
  const installation = await buildInstallation({
    confFile,
    env: io.env,
    from: options.from,
    to: options.to,
    topology: options.topology,
    role: options.role,
    edition: options.edition,
    backupFile: options.backup,
    pgUrl: options.pg,
    noDb: options.db === false,
    recentWritesMinutes: options.recentWritesMinutes,
    declarativePaths: options.declarative,
    nginxTemplates: options.nginxTemplate,
    pluginDirs: options.pluginDir,
    ...(options.profile?.length ? { composeProfiles: options.profile } : {}),
    ...(options.composeEnvFile?.length ? { composeEnvFiles: options.composeEnvFile } : {}),
    platform: { helmValues: options.helmValues, helmfile: { ...(options.helmfileEnvironment !== undefined ? { environment: options.helmfileEnvironment } : {}), env: io.env }, imageFiles: options.imageFile, ...(options.systemdUnit?.length ? { systemdUnits: options.systemdUnit } : {}), host: options.host, os: options.os, hostPaths: io.hostPaths },
    ...(options.maxFileSize !== undefined ? { maxFileBytes: parseFileSize(options.maxFileSize) } : {}),
    cwd: io.cwd,
    progress,
  });
  if (loadedConfig) creditConfig(installation.report, fromConfig, loadedConfig.file, options);
  progress.step('running rules');
  // Entity secrets (credentials, private keys, sensitive plugin settings) are gathered during the
  // rules' walk of the entities, for the hiding by value below.
  const sources = [installation.inputs.declarative?.entities, installation.inputs.database?.entities];
  const entitySecrets = new EntitySecretValues(sources.some((source) => source !== undefined && source.sharesValues !== false));
  for (const document of installation.inputs.declarative?.documents ?? []) entitySecrets.seeTopLevel(document.root);
  const result = await runRules(registry.all(), {
    observer: entitySecrets,
    plan: installation.plan,
    inputs: installation.inputs,
    missing: installation.missing,
    now: io.now,
    disabled: policy.disabled,
    severityOverrides: policy.severityOverrides,
  }).then(async (ran) => {
    // A database's credential and private key columns reach no rule (no entity carries them):
    // their values are streamed for the hiding alone, before the session closes.
    await installation.inputs.database?.eachStoredSecret((value, holds) => entitySecrets.seeSecret(value, holds));
    return ran;
  }).finally(() => installation.inputs.database?.close());
  progress.step('triage and fingerprints');
  // Declarative files can be tens of megabytes: fingerprints and comment scanning reuse their texts.
  const documents = installation.inputs.declarative?.documents ?? [];
  const knownTexts = new Map(documents.map((d) => [d.file, d.text]));
  // Secret values hidden before fingerprints are taken: a fingerprint hashes the finding's data
  // and its line, and is as public as the report.
  const secrets = secretValuesOf(installation.inputs.kongConf, [...installation.secretValues, ...entitySecrets.anywhere()], entitySecrets.values());
  const readLine = linesWithoutSecretValues(cachedLineReader(new Map(documents.map((d) => [d.file, d.lines]))), secrets);
  // A built-in rule's own words stay as written even where they spell a secret value (`kong_secrets`).
  const builtinText = new Map(builtinRules.map((rule) => [rule.meta.id, rule.meta]));
  const showRelease = (text: string) => releasesInTextForEdition(text, installation.plan.edition);
  const triaged = triage(findingsWithoutSecretValues(result.findings, secrets, (ruleId) => builtinText.get(ruleId), showRelease), {
    // Declarative documents by file too: one read from a ConfigMap is listed as `data.kong.yml` of it, not by path.
    comments: scanFiles([...new Set([...suppressionFiles(confFile, installation.report.inputs, result.findings), ...documents.map((d) => d.file)])], knownTexts),
    config: loadedConfig,
    knownRules,
    evaluatedRules: new Set(result.evaluated),
    policy,
    now: io.now ?? new Date(),
    readLine,
    volatileData: new Map(registry.all().filter((r) => r.meta.volatileData).map((r) => [r.meta.id, new Set(r.meta.volatileData)])),
    baseDir: io.cwd,
    ...(options.baseline ? { baseline: { file: resolve(io.cwd, options.baseline), shown: options.baseline, update: Boolean(options.updateBaseline) } } : {}),
  });
  progress.step('building report');
  const reviewContext = {
    ...(installation.runsFromImage ? { runsFromImage: installation.runsFromImage } : {}),
    ...(installation.noCustomPlugins ? { noCustomPlugins: installation.noCustomPlugins } : {}),
    ...(installation.stockTemplates ? { stockTemplates: { why: installation.stockTemplates, changes: templateOnlyChanges(registry.all()) } } : {}),
    ...reviewPlatform(installation.inputs),
  };
  const built = buildReport({
    plan: installation.plan,
    installation: installation.report,
    result: { ...result, findings: triaged.findings },
    failOn: options.failOn,
    suppressed: triaged.suppressed,
    manualReview: manualReviewList(registry.all(), installation.plan, result, reviewContext),
    notApplicableChanges: changesSetAside(installation.plan, reviewContext),
  });
  // A secret setting's value that reached the report under another name is hidden there too. The
  // findings were hidden before triage (a report finding adds only its fingerprint, a hash): the
  // rest of the report is walked here, not its 20,000 findings a second time.
  const report = secrets.length === 0 ? built : { ...withoutSecretValues({ ...built, findings: [] }, secrets), findings: built.findings };
  progress.step('writing reports');
  progress.done();
  if (triaged.baselineWritten !== undefined) io.stderr(`wrote ${triaged.baselineWritten} finding(s) to the baseline ${options.baseline}\n`);
  writeReports(report, outputs, describeRules(registry.all()), io, options.color, {
    readLine,
    ...(options.category ? { category: options.category } : {}),
    ...(loadedConfig?.config.sarif?.aggregateAbove ? { aggregateAbove: loadedConfig.config.sarif.aggregateAbove } : {}),
  });
  // --fix-output pulls in the `yaml` Document API: loaded only when asked for.
  if (options.fixOutput) await (require('./fix-output') as typeof import('./fix-output')).writeFixOutput(options.fixOutput, installation.inputs, installation.plan, registry.all(), io, secrets);
  return report.summary.failed ? 1 : 0;
}

/** Input kinds whose label is a file that may carry suppression comments. */
const COMMENTABLE_INPUT = /^(declarative|nginx template|helm values|image file)/;

/** Files that may hold suppression comments: kong.conf, every input file, every file with a finding. */
function suppressionFiles(confFile: string | undefined, inputs: readonly { kind: string; label: string }[], findings: readonly { location: { kind: string; file?: string } }[]): string[] {
  const files = new Set<string>();
  if (confFile) files.add(confFile);
  // Only inputs that are text files the operator edits; a backup is a dump (and may be large),
  // and os/host/plugins labels are descriptions, not paths.
  for (const input of inputs) if (COMMENTABLE_INPUT.test(input.kind)) files.add(input.label);
  for (const f of findings) if (f.location.kind === 'file' && f.location.file) files.add(f.location.file);
  return [...files];
}

/** Derived values the configuration file supplied say so ("--to 3.4" came from the file, not a flag). */
function creditConfig(report: ReportInstallation, fromConfig: ReadonlySet<string>, file: string, options: CheckOptions): void {
  for (const key of ['from', 'to', 'edition', 'topology'] as const) {
    if (fromConfig.has(key)) report[key] = { ...report[key], reason: `${key}: ${options[key]} in ${basename(file)}` };
  }
  report.inputs.push({ kind: 'config', label: file });
}

/** What the inputs say about the node's OS and CPU, for the changes that concern some platforms only. */
function reviewPlatform(inputs: { os?: HostOs; imageOs?: ImageOs; host?: HostResources }): Pick<ReviewContext, 'hostOs' | 'imageOs' | 'arch'> {
  const { os, imageOs, host } = inputs;
  return {
    ...(os ? { hostOs: { base: { os: os.compatibleWith ?? os.os, version: os.version }, said: os.origin.kind === 'cli' ? '--os' : '--host' } } : {}),
    ...(imageOs ? { imageOs } : {}),
    ...(host ? { arch: { value: host.arch, said: '--host' } } : {}),
  };
}
