// Validates rule modules when they are registered, so a broken rule fails loudly at start-up
// rather than silently producing nothing.

import { SEVERITIES } from '../model/finding';
import { KongVersion } from '../version/kong-version';
import { INPUT_NAMES } from './inputs';
import { catalogEntry } from '../knowledge/breaking-changes';
import type { Rule } from './define-rule';
import { compareText } from '../text/compare';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

export class RuleRegistry {
  private readonly byId = new Map<string, Rule>();

  constructor(rules: readonly Rule[] = []) {
    for (const rule of rules) this.register(rule);
  }

  register(rule: Rule): void {
    const problems = validateRule(rule);
    if (this.byId.has(rule.meta?.id)) problems.push('duplicate rule id');
    if (problems.length > 0) {
      throw new Error(`invalid rule ${rule.meta?.id ?? '(no id)'}: ${problems.join('; ')}`);
    }
    this.byId.set(rule.meta.id, rule);
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  all(): Rule[] {
    return [...this.byId.values()].sort((a, b) => compareText(a.meta.id, b.meta.id));
  }
}

/** Every problem with a rule's metadata, empty when it is well-formed. */
export function validateRule(rule: Rule): string[] {
  const problems: string[] = [];
  const meta = rule?.meta;
  if (!meta) return ['no meta'];
  if (typeof rule.check !== 'function') problems.push('no check function');
  if (!RULE_ID.test(meta.id ?? '')) problems.push(`id "${meta.id}" is not area/kebab-case`);
  if (!meta.description) problems.push('no description');
  if (!SEVERITIES.includes(meta.severity)) problems.push(`unknown severity "${meta.severity}"`);
  for (const input of [...(meta.inputs ?? []), ...(meta.anyInputs ?? [])]) {
    if (!INPUT_NAMES.includes(input)) problems.push(`unknown input "${input}"`);
  }
  if (!meta.messages || Object.keys(meta.messages).length === 0) problems.push('no messages');
  if (!meta.remediation) problems.push('no remediation');
  if (!meta.docsUrl) problems.push('no docsUrl');
  if (!meta.sources || meta.sources.length === 0) problems.push('no sources');
  if (meta.gate?.introducedIn && !KongVersion.tryParse(meta.gate.introducedIn)) {
    problems.push(`gate.introducedIn "${meta.gate.introducedIn}" is not a version`);
  }
  for (const id of meta.catalog ?? []) {
    if (!catalogEntry(id)) problems.push(`catalog names unknown breaking change "${id}"`);
  }
  if (meta.volatileData !== undefined && !(Array.isArray(meta.volatileData) && meta.volatileData.every((key) => typeof key === 'string'))) {
    problems.push('volatileData must be a list of data field names');
  }
  if (meta.versionData !== undefined) {
    if (!(Array.isArray(meta.versionData) && meta.versionData.every((key) => typeof key === 'string'))) {
      problems.push('versionData must be a list of data field names');
    } else {
      // A version field no message shows would be renamed for nobody: most likely a typo.
      const placeholders = new Set(Object.values(meta.messages ?? {}).flatMap((t) => [...t.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1])));
      for (const key of meta.versionData.filter((k) => !placeholders.has(k))) problems.push(`versionData names "${key}", which no message shows`);
    }
  }
  if (meta.confidence === 'uncertain' && meta.severity === 'blocker') {
    problems.push('an uncertain fact may not be a blocker');
  }
  return problems;
}
