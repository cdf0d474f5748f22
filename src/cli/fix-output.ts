// `--fix-output FILE`: writes the converted copy of the (single) declarative file, checks the
// copy again with the same plan, and tells on stderr what changed and what is left by hand.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Rule } from '../engine/define-rule';
import type { Inputs } from '../engine/inputs';
import type { DeclarativeConfig, UnreadableDeclarative } from '../inputs/declarative/types';
import { runRules } from '../engine/run-rules';
import { InputError, UsageError } from '../errors';
import { fsWriteErrorReason } from '../inputs/fs-error';
import { convertDeclarative } from '../fix/declarative-convert';
import { DeclarativeEntitySource, readDeclarativeText } from '../inputs/declarative';
import { describeEmbeddedSource, HELM_VALUES_KIND } from '../inputs/declarative/embedded-source';
import { describeOrigin } from '../model/origin';
import type { Plan } from '../plan/types';
import type { CliIo } from './io';
import { withoutSecretValues, type SecretValues } from '../report/secret-values';

/** `secrets`: the values the report hides; the log quotes findings and conversions, and hides them too. */
export async function writeFixOutput(output: string, inputs: Inputs, plan: Plan, rules: readonly Rule[], io: CliIo, secrets: SecretValues = []): Promise<void> {
  const documents = inputs.declarative?.documents ?? [];
  if (documents.length !== 1) throw new UsageError(`--fix-output converts one declarative file; ${whyNotOne(inputs.declarative)}`);
  const [source] = documents;
  // The converter rewrites a whole declarative file; written over a manifest it would turn the
  // ConfigMap itself into a Kong file. The embedded text is converted once it is a file of its own.
  if (source.embeddedIn) {
    const helm = source.embeddedIn.kind === HELM_VALUES_KIND;
    // A Helm values key is a plain path of keys; a manifest's is a field and a key that holds dots (`data.kong.yml`).
    const path = helm ? source.embeddedIn.key : yqPath(source.embeddedIn.key);
    throw new UsageError(`--fix-output converts declarative files, not a configuration kept in ${helm ? 'Helm values' : 'a Kubernetes manifest'}: ${describeEmbeddedSource(source.embeddedIn)} was checked in place, but is not rewritten; extract it to a file (\`yq '.${path}' ${source.file} > kong.yml\`), convert that, and put the result back`);
  }
  const sourcePath = resolve(io.cwd, source.file);
  const outputPath = resolve(io.cwd, output);
  if (sameFile(sourcePath, outputPath)) throw new UsageError(`--fix-output names the input itself (${source.file}): the input is never edited in place; name another file`);
  if (source.konnectLegacy) throw new UsageError(`--fix-output converts Kong Gateway declarative files; ${source.file} is a decK Konnect file (_format_version "0.1", service_packages), which no Kong version reads`);
  const { text, conversions } = convertDeclarative(source.file, readFileSync(sourcePath, 'utf8'), plan);
  try {
    writeFileSync(outputPath, text);
  } catch (error) {
    throw new InputError(`cannot write the converted file: ${fsWriteErrorReason(error, output)}`, { file: output });
  }
  const converted = readDeclarativeText(output, text, source.flavor === 'kong' && inputs.declarative?.from === 'kong.conf');
  const recheck = await runRules(rules.filter((r) => /^(entities|declarative)\//.test(r.meta.id)), {
    plan,
    inputs: {
      declarative: { documents: [converted], unreadable: [], from: 'cli', entities: new DeclarativeEntitySource([converted]) },
      entities: [new DeclarativeEntitySource([converted])],
      ...(inputs.kongConf ? { kongConf: inputs.kongConf } : {}),
    },
  });
  const lines = [`wrote ${output}: ${conversions.length} change(s) for ${plan.from} -> ${plan.to}`];
  for (const c of conversions) lines.push(`  converted  ${c.description}`);
  for (const manifest of inputs.declarative?.unreadable ?? []) {
    if (manifest.objects && manifest.objects.checked.length > 0) lines.push(`  not converted  ${manifest.file}: ${KIC_NOT_CONVERTED}`);
  }
  const left = recheck.findings.filter((f) => f.severity !== 'info');
  lines.push(left.length === 0 ? 'nothing left to convert by hand' : `${left.length} finding(s) left to fix by hand in ${output}:`);
  for (const f of left) lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${describeOrigin(f.location)}  ${f.message}  [${f.ruleId}]`);
  io.stderr(`${withoutSecretValues(lines, secrets).join('\n')}\n`);
}

/**
 * True when writing `outputPath` would write the input: the same path, or a link to it (a
 * symlink beside the input, `kong.fixed.yml -> kong.yml`, would otherwise be written through).
 */
function sameFile(sourcePath: string, outputPath: string): boolean {
  if (sourcePath === outputPath) return true;
  try {
    return realpathSync(outputPath) === realpathSync(sourcePath);
  } catch {
    return false; // the output does not exist yet
  }
}

/**
 * Manifests are applied by kubectl, Helm or GitOps tooling that owns their layout (templates,
 * overlays): a rewritten copy would not be the file anyone applies, so their findings are fixed by hand.
 */
const KIC_NOT_CONVERTED = 'its KongPlugin and KongClusterPlugin resources are checked, but --fix-output does not rewrite Kubernetes manifests; change them by hand as the findings say';

/** `data.kong.yml` as a yq path: `data["kong.yml"]`. */
function yqPath(key: string): string {
  const dot = key.indexOf('.');
  return `${key.slice(0, dot)}[${JSON.stringify(key.slice(dot + 1))}]`;
}

/** Why there is not exactly one file to convert: a file given but not read as Kong's is named. */
function whyNotOne(declarative: DeclarativeConfig | undefined): string {
  const documents = declarative?.documents.length ?? 0;
  if (documents > 1) return `${documents} were given`;
  const skipped = declarative?.unreadable ?? [];
  if (skipped.length === 0) return 'none was given (--declarative)';
  return `${skipped.map(describeSkipped).join('; ')}`;
}

function describeSkipped(file: UnreadableDeclarative): string {
  if (file.reason === 'lua-format') return `${file.file} is a Lua file, which Kong 3.x no longer reads`;
  if (file.reason === 'compose-file') return `${file.file} is a docker compose file, not a declarative file`;
  if (file.reason === 'helm-values') return `${file.file} holds Helm values for Kong's chart, not a declarative file`;
  if (file.reason === 'not-kong') return `${file.file} has no key of a Kong declarative file at its root, not a declarative file`;
  const embedded = file.embedded?.[0];
  if (embedded) return `${file.file} is a Kubernetes ${embedded.kind} holding the declarative configuration in \`${embedded.key}\`: extract it to a file and convert that`;
  if (file.objects && file.objects.checked.length > 0) return `${file.file} is a Kubernetes manifest: ${KIC_NOT_CONVERTED}`;
  return `${file.file} is a Kubernetes manifest (\`kind: ${file.kind}\`), not a declarative file`;
}
