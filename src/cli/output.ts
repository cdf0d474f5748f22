// Chooses the reporter for `--format` and writes to `--output` or stdout. No rule logic here.

import { writeFileSync } from 'node:fs';
import { InputError } from '../errors';
import { formatJson } from '../report/json-reporter';
import type { Report, RuleDescription } from '../report/report';
import { formatSarif } from '../report/sarif-reporter';
import { formatText } from '../report/text-reporter';
import type { CliIo } from './io';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function renderReport(report: Report, format: Format, rules: readonly RuleDescription[], color: boolean, io: CliIo): string {
  switch (format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report, rules, { baseDir: io.cwd });
    case 'text': return formatText(report, { color });
  }
}

export function writeOutput(text: string, outputFile: string | undefined, io: CliIo): void {
  if (!outputFile) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(outputFile, text);
  } catch (error) {
    throw new InputError(`cannot write output (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { file: outputFile });
  }
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIo, requested: boolean | undefined, toFile: boolean): boolean {
  if (requested === false || toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTty;
}
