// Shared by the end-to-end tests of plugins a Dockerfile installs: a check of one Dockerfile as
// --image-file, the parts of its JSON report they read, and the fixture folder.

import { fixture, runCli } from './cli';

export interface JsonFinding { ruleId: string; message: string; location: { file?: string; line?: number } }
export interface JsonReport {
  installation: { inputs: { kind: string; label: string }[] };
  findings: JsonFinding[];
  notEvaluated: { ruleId: string; reason: string }[];
}

/** A path under fixtures/platform/dockerfile-plugins. */
export const dockerfilePluginsFixture = (...parts: string[]): string => fixture('platform', 'dockerfile-plugins', ...parts);

/** `check --image-file DOCKERFILE` to 3.4 as JSON, with nothing on stderr. */
export async function checkDockerfile(dockerfile: string, extra: string[] = []): Promise<JsonReport> {
  const result = await runCli(['check', '--image-file', dockerfile, '--to', '3.4', '--no-db', '--format', 'json', '--fail-on', 'none', ...extra]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as JsonReport;
}

/** The inputs line of the plugins read. */
export const pluginsLabel = (report: JsonReport): string | undefined => report.installation.inputs.find((input) => input.kind === 'plugins')?.label;

/** Where plugins/removed-module reported, as FILE:LINE. */
export const removedModules = (report: JsonReport): string[] => report.findings
  .filter((f) => f.ruleId === 'plugins/removed-module').map((f) => `${f.location.file}:${f.location.line}`);
