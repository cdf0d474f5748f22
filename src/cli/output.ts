// Chooses reporters and writes their output: the primary `--format`/`--output` pair as before,
// plus any number of `--output-format FORMAT=FILE` (FILE `-` is stdout), so one run can upload
// SARIF, post Markdown and still print text. No rule logic here.

import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../errors';
import { fsWriteErrorReason } from '../inputs/fs-error';
import type { LineReader } from '../report/fingerprint';
import { jsonChunks } from '../report/json-reporter';
import type { Report, RuleDescription } from '../report/report';
import { formatText } from '../report/text-reporter';
import type { CliIo } from './io';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** One report to produce: a format and where it goes (undefined file = stdout). */
export interface OutputTarget {
  format: Format;
  file?: string;
}

/** What some reporters need beyond the report. */
export interface RenderExtras {
  readLine?: LineReader;
  /** SARIF automationDetails category (`--category`). */
  category?: string;
  /** SARIF: aggregate more findings than this of one rule in one file. */
  aggregateAbove?: number;
}

export function renderReport(
  report: Report,
  format: Format,
  rules: readonly RuleDescription[],
  color: boolean,
  io: CliIo,
  extras: RenderExtras = {},
): string {
  // Text, the default, is always loaded; the other writers only when a run asks for them.
  switch (format) {
    case 'json': return (require('../report/json-reporter') as typeof import('../report/json-reporter')).formatJson(report);
    case 'sarif': return (require('../report/sarif-reporter') as typeof import('../report/sarif-reporter')).formatSarif(report, rules, { baseDir: io.cwd, ...extras });
    case 'text': return formatText(report, { color });
    case 'markdown': return (require('../report/markdown-reporter') as typeof import('../report/markdown-reporter')).formatMarkdown(report, { baseDir: io.cwd });
    case 'junit': return (require('../report/junit-reporter') as typeof import('../report/junit-reporter')).formatJunit(report, rules);
    case 'gitlab': return (require('../report/gitlab-reporter') as typeof import('../report/gitlab-reporter')).formatGitlab(report, { baseDir: io.cwd, readLine: extras.readLine });
  }
}

/** Parses one `--output-format` value: `sarif=out.sarif`, `text=-` or `text` (stdout). */
export function parseOutputSpec(value: string): OutputTarget {
  const eq = value.indexOf('=');
  const format = (eq < 0 ? value : value.slice(0, eq)).trim();
  const file = eq < 0 ? '-' : value.slice(eq + 1).trim();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output-format ${value}: unknown format "${format}" (choose ${FORMATS.join(', ')})`);
  }
  if (file === '') throw new UsageError(`--output-format ${value}: give a file after "=" (or "-" for stdout)`);
  return { format: format as Format, ...(file === '-' ? {} : { file }) };
}

/** The primary target plus the extra ones; refuses two reports on stdout or two on one file. */
export function planOutputs(primary: OutputTarget, extra: readonly OutputTarget[], cwd: string): OutputTarget[] {
  const targets = [primary, ...extra];
  if (targets.filter((t) => !t.file).length > 1) {
    throw new UsageError('two reports would go to stdout: send --format to a file with -o, or give each --output-format a FILE');
  }
  const files = targets.filter((t) => t.file).map((t) => resolve(cwd, t.file!));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two reports would be written to ${twice}`);
  return targets;
}

/**
 * Writes a string whole. Node encodes a string straight into the write (no Buffer of our own:
 * ~30 ms less on a 19 MB report); the rare short write finishes from an encoded copy.
 */
function writeAll(fd: number, chunk: string): void {
  const written = writeSync(fd, chunk);
  const length = Buffer.byteLength(chunk, 'utf8');
  if (written >= length) return;
  const bytes = Buffer.from(chunk, 'utf8');
  for (let at = written; at < bytes.length; ) at += writeSync(fd, bytes, at);
}


/** Writes a report (whole, or as chunks from a streaming reporter) to a file or stdout. */
export function writeOutput(output: string | Iterable<string>, outputFile: string | undefined, io: CliIo): void {
  const chunks = typeof output === 'string' ? [output] : output;
  if (!outputFile) {
    for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(resolve(io.cwd, outputFile), 'w');
    for (const chunk of chunks) writeAll(fd, chunk);
  } catch (error) {
    // Only the file system's refusals are the user's to fix; a reporter's own error stays one.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new InputError(`cannot write output: ${fsWriteErrorReason(error, outputFile)}`, { file: outputFile });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Renders and writes every target; text is coloured only where it goes to a terminal. */
export function writeReports(
  report: Report,
  targets: readonly OutputTarget[],
  rules: readonly RuleDescription[],
  io: CliIo,
  requestedColor: boolean | undefined,
  extras: RenderExtras = {},
): void {
  for (const target of targets) {
    const color = useColor(io, requestedColor, Boolean(target.file));
    // JSON, the format of large machine-read reports, is written as it is produced.
    const output = target.format === 'json' ? jsonChunks(report) : renderReport(report, target.format, rules, color, io, extras);
    writeOutput(output, target.file, io);
  }
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIo, requested: boolean | undefined, toFile: boolean): boolean {
  if (requested === false || toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTty;
}
