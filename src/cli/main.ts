// The command line: flags in, one call into the tool, exit code out. Usage and input errors are
// one line on stderr and exit code 2; `--debug` adds the stack.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { builtinRuleSet } from '../engine/builtin-rules';
import { RuleRegistry } from '../engine/registry';
import { errorLine, InputError, UsageError } from '../errors';
import { SEVERITIES } from '../model/finding';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info';
import { runCheck, type CheckOptions } from './check-command';
import { type CliIo, processIo } from './io';
import { FORMATS, parseOutputSpec, type OutputTarget } from './output';
import type { SnapshotOptions, VerifyOptions } from './freeze-command';
import type { PathOptions } from './path-command';
import { explainRule, runRulesList } from './rules-command';

// Commands other than `check` load their modules when they run: a check does not pay for them.
const freezeCommand = (): typeof import('./freeze-command') => require('./freeze-command') as typeof import('./freeze-command');
const pathCommand = (): typeof import('./path-command') => require('./path-command') as typeof import('./path-command');

const TOPOLOGIES = ['traditional', 'hybrid', 'dbless'];
const ROLES = ['traditional', 'control_plane', 'data_plane', 'dbless'];
const EDITIONS = ['oss', 'enterprise'];
const FAIL_ON = [...SEVERITIES, 'none'];

/** Parses argv (without `node` and the script) and runs; resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits with code 0; everything else commander rejects is usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    io.stderr(`${TOOL_NAME}: error: ${errorLine(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else if (!(error instanceof InputError) && !(error instanceof UsageError)) {
      io.stderr(`${TOOL_NAME}: this looks like a bug; run again with --debug for details\n`);
    }
    return 2;
  }
}

/** A whole number of at least 1, for counts and minutes. */
function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** Repeatable options gather their values in order. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command(TOOL_NAME)
    .description('Pre-upgrade preflight checks for Kong Gateway')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // One line, naming the flag: commander's own message already does.
      outputError: (text, write) => write(`${TOOL_NAME}: error: ${text.replace(/^error: /, '').trim()}\n`),
    })
    .showSuggestionAfterError(true)
    .option('--debug', 'print stack traces for errors');

  program
    .command('check')
    .description('check an installation against the upgrade path to a target version')
    .argument('[kong.conf]', 'the kong.conf of the node to upgrade')
    .option('--from <version>', 'installed Kong version (2.8, 3.4.x, 3.1.1.3); when absent, read from the database or the Kong image tag of --helm-values / --image-file')
    .option('--to <version>', 'target Kong version')
    .addOption(new Option('--topology <topology>', 'deployment topology (inferred when absent from the settings read: kong.conf, KONG_* variables, Helm values, container environment)').choices(TOPOLOGIES))
    .addOption(new Option('--role <role>', 'node role in hybrid mode (inferred from kong.conf); also picks which Kong container of an --image-file is read').choices(ROLES))
    .addOption(new Option('--edition <edition>', 'Kong edition (inferred from license and Enterprise-only settings)').choices(EDITIONS))
    .option('--backup <file>', 'the backup taken for this upgrade (pg_dump, kong config db_export, decK dump)')
    .option('--pg <url>', 'read this PostgreSQL database (postgres://user:password@host:port/database) instead of the one kong.conf configures')
    .option('--no-db', 'do not read the database kong.conf configures')
    .option('--recent-writes-minutes <n>', 'configuration written in the database this many minutes before the check is a warning (default 30)', positiveInteger)
    .option('--declarative <path>', 'a kong.yml or decK state file, or a folder of them, subfolders included (repeatable; default: declarative_config of kong.conf)', collect, [])
    .option('--fix-output <file>', 'write a copy of the declarative file converted for the whole upgrade path (never edits in place)')
    .option('--nginx-template <file>', 'a custom nginx template (the --nginx-conf file, or a kept copy of nginx_kong.lua / nginx_kong_stream.lua); repeatable',
      (file: string, previous: string[] = []) => [...previous, file])
    .option('--plugin-dir <dir>', 'a custom plugin folder, or a folder of plugins (repeatable)', (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .option('--helm-values <file>', 'a values.yaml of the Kong Helm chart, or the helmfile.yaml, Argo CD Application, Flux HelmRelease, k3s HelmChart or kustomization.yaml (helmCharts) that installs it; FILE#NAME (or FILE#NAMESPACE/NAME) picks the release named NAME among several (repeatable; later files override earlier ones)', (file: string, files: string[]) => [...files, file], [] as string[])
    .option('--image-file <file>', 'a Dockerfile, compose file, Kubernetes manifest or ECS task definition naming the Kong image (repeatable)', (file: string, files: string[]) => [...files, file], [] as string[])
    .option('--systemd-unit <file>', 'a systemd unit that runs Kong (kong.service, kong-enterprise-edition.service): its Environment=, EnvironmentFile= and drop-ins beside it are read as settings (repeatable)', (file: string, files: string[]) => [...files, file], [] as string[])
    .option('--helmfile-environment <name>', 'the helmfile environment a helmfile given as --helm-values is read for, as helmfile --environment (default: HELMFILE_ENVIRONMENT, else "default")')
    .option('--profile <name>', 'a compose profile to activate in the --image-file compose files, as docker compose --profile (repeatable; replaces COMPOSE_PROFILES)', collect, [])
    // Not `--env-file`: Node 20 takes that word for its own option even after the script name and
    // exits when the file is missing (nodejs/node#54232).
    .option('--compose-env-file <file>', 'an env file to read in place of the compose project\'s .env, as docker compose --env-file (repeatable, later files win; replaces COMPOSE_ENV_FILES)', collect, [])
    .option('--host', 'this machine is the Kong host: read its OS (/etc/os-release), memory and CPUs')
    .option('--os <name-version>', 'the Kong host\'s distribution when not running on it (ubuntu-22.04, rhel-8, amazonlinux-2, debian-11)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON).default('blocker'))
    .option('--no-color', 'no colour in text output')
    .option('-O, --output-format <format=file>', `one more report, repeatable: FORMAT=FILE, FILE "-" for stdout (${FORMATS.join(', ')})`, collectOutput, [])
    .option('--config <file>', 'configuration file (default: the nearest .kong-preflight.yml at or above the working folder)')
    .option('--no-config', 'ignore .kong-preflight.yml files')
    .option('--print-config', 'print the configuration the check would use, then exit')
    .option('--baseline <file>', 'findings in this baseline file do not fail the run')
    .option('--update-baseline', 'write the current findings into the --baseline file, then check against it')
    .option('--rules-dir <dir>', 'load third-party rule modules (.js/.cjs) from this folder, repeatable', collect, [])
    .option('--max-file-size <size>', 'refuse a kong.conf, declarative file or nginx template larger than this (50MB, 10MiB, bytes); defaults: kong.conf 10 MiB, declarative 256 MiB, nginx template 4 MiB (Helm values and image files: 5 MiB, fixed)')
    .option('--category <name>', 'installation name for SARIF automationDetails.id (several gateways in one repository)')
    .action(async (confFile: string | undefined, options: CheckOptions, command: Command) => {
      const given = new Set(command.options.map((o) => o.attributeName()).filter((n) => command.getOptionValueSource(n) === 'cli'));
      setExit(await runCheck(confFile, { ...options, given }, io));
    });

  const freeze = program
    .command('freeze')
    .description('write-freeze guard: fingerprint the configuration database before the upgrade, prove later that nothing wrote to it');
  freeze
    .command('snapshot')
    .description('fingerprint the configuration tables (read-only; hashes, counts and timestamps, no rows and no secrets)')
    .argument('[kong.conf]', 'the kong.conf whose pg_* settings name the database (KONG_PG_* override them)')
    .option('--pg <url>', 'the database to read (postgres://user:password@host:port/database) instead of the one kong.conf configures')
    .option('-o, --output <file>', 'write the snapshot to this file (default: stdout)')
    .action(async (confFile: string | undefined, options: SnapshotOptions) => {
      setExit(await freezeCommand().runFreezeSnapshot(confFile, options, io));
    });
  freeze
    .command('verify')
    .description('compare the database with a snapshot: every configuration table changed since is a blocker')
    .argument('<freeze.json>', 'the file `freeze snapshot` wrote')
    .argument('[kong.conf]', 'the kong.conf whose pg_* settings name the database (KONG_PG_* override them)')
    .option('--pg <url>', 'the database to read instead of the one kong.conf configures')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON).default('blocker'))
    .option('--no-color', 'no colour in text output')
    .action(async (snapshotFile: string, confFile: string | undefined, options: VerifyOptions) => {
      setExit(await freezeCommand().runFreezeVerify(snapshotFile, confFile, options, io));
    });

  program
    .command('path')
    .description('print the upgrade path and strategies between two versions')
    .option('--from <version>', 'installed Kong version')
    .option('--to <version>', 'target Kong version')
    .addOption(new Option('--topology <topology>', 'deployment topology').choices(TOPOLOGIES).default('traditional'))
    .addOption(new Option('--role <role>', 'node role in hybrid mode').choices(ROLES))
    .addOption(new Option('--edition <edition>', 'Kong edition').choices(EDITIONS).default('enterprise'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((options: PathOptions) => {
      setExit(pathCommand().runPath(options, io));
    });

  program
    .command('rules')
    .description('list every rule with its severity, the version of its change and its inputs')
    .option('--json', 'JSON output')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']))
    .action((options: { json?: boolean; format?: 'text' | 'json' | 'markdown' }) => {
      const format = options.format ?? (options.json ? 'json' : 'text');
      setExit(runRulesList(new RuleRegistry(builtinRuleSet()).all(), format, io));
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'a rule id such as conf/cassandra-removed')
    .action((ruleId: string) => {
      io.stdout(explainRule(new RuleRegistry(builtinRuleSet()).all(), ruleId));
      setExit(0);
    });

  return program;
}

function collectOutput(value: string, previous: OutputTarget[]): OutputTarget[] {
  return [...previous, parseOutputSpec(value)];
}

/** Entry point for bin/kong-preflight.js. */
export function main(): void {
  run(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
      exitOnceWritten();
    },
    (error: unknown) => {
      process.stderr.write(`${TOOL_NAME}: error: ${errorLine(error)}\n`);
      process.exitCode = 2;
      exitOnceWritten();
    },
  );
}

/**
 * Ends the process as soon as stdout and stderr hold nothing unwritten. Left to end by itself,
 * Node first lets V8 finish its background work, chiefly the concurrent collector marking and
 * sweeping a heap that is about to be dropped: 10-40 ms after the last report was written, on
 * every run. Reports and files are written synchronously; the standard streams may not be (a
 * pipe on macOS), so a stream with bytes still queued is waited for. The exit code is read at
 * exit, so a stream error reported meanwhile (closablePipe in io.ts) still sets it.
 */
function exitOnceWritten(): void {
  const queued = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0 && !stream.destroyed);
  let waiting = queued.length;
  if (waiting === 0) process.exit();
  const settled = () => {
    if (--waiting === 0) process.exit();
  };
  for (const stream of queued) {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      settled();
    };
    stream.once('drain', once);
    stream.once('close', once);
    stream.once('error', once);
  }
}

